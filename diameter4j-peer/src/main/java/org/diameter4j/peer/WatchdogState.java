package org.diameter4j.peer;

/**
 * The states of the transport failure algorithm of RFC 3539 Appendix A, which RFC 6733 §5.5.4 makes
 * the Diameter watchdog: what {@code show peer} reports beside the peer state.
 */
public enum WatchdogState {
    /** Not connected yet. */
    INITIAL,
    /** DWAs (or other traffic) arrive within Tw. */
    OKAY,
    /** One Tw passed without an answer: no new requests are sent to the peer. */
    SUSPECT,
    /** Two Tw passed: the connection is closed and failover happens. */
    DOWN,
    /** Reconnected; waiting for three DWAs before the peer is used again. */
    REOPEN
}
