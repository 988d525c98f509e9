package org.diameter4j.transport;

/** The transports of RFC 6733 §2.1: Diameter runs over TCP or SCTP. */
public enum TransportProtocol {
    TCP,
    /** Needs the operating system's SCTP (on Linux: the sctp kernel module and libsctp). */
    SCTP;

    /** "tcp" or "sctp", as in {@link Connection#toString()}. */
    String label() {
        return this == TCP ? "tcp" : "sctp";
    }
}
