package org.diameter4j.transport;

/** Names of the handlers in a connection's pipeline, in order from the socket. */
final class PipelineNames {
    private PipelineNames() {}

    /** SslHandler, present with TLS (at connect, or added by in-band startTls). */
    static final String TLS = "tls";

    /** SctpMessage payloads in and out (SCTP only). */
    static final String SCTP = "sctp";

    static final String FRAMER = "framer";
    static final String ENCODER = "encoder";
    static final String CONNECTION = "connection";
}
