/**
 * The peer layer (RFC 6733 §5, RFC 3539): the peer state machine, capabilities exchange, the
 * watchdog, pending requests and their timeouts. The types an application names (PeerConfig,
 * ApplicationId, the exceptions of {@code send}) are here too.
 */
module org.diameter4j.peer {
    requires transitive org.diameter4j.dictionary;
    requires transitive org.diameter4j.transport;
    requires io.netty.common;

    exports org.diameter4j.peer;
}
