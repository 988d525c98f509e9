/**
 * The peer layer (RFC 6733 §5, RFC 3539): the peer state machine, capabilities exchange, the
 * watchdog, pending requests and their timeouts (in {@code org.diameter4j.peer.internal}). The types
 * an application names (PeerConfig, ApplicationId, PeerState, the exceptions of {@code send}) are in
 * {@code org.diameter4j.peer}.
 */
module org.diameter4j.peer {
    requires transitive org.diameter4j.dictionary;
    requires transitive org.diameter4j.transport;
    requires io.netty.common;

    exports org.diameter4j.peer;
    // The state machine and pending requests: for the node (and its tests), not for applications.
    exports org.diameter4j.peer.internal to
            org.diameter4j.node;
}
