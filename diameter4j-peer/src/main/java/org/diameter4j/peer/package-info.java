/**
 * Diameter peers (RFC 6733 §5): the peer state machine of §5.6 as an explicit transition table
 * ({@link org.diameter4j.peer.PeerTransitionTable}) with the election of §5.6.4, capabilities
 * exchange (§5.3), the transport failure detection of RFC 3539 (§3.4, Appendix A) in {@link
 * org.diameter4j.peer.Watchdog}, disconnection with DPR/DPA (§5.4), reconnection with the Tc timer
 * (§2.1), and the matching of answers to requests by Hop-by-Hop Identifier (§6.2).
 *
 * <p>All the events of one peer run on one event loop thread, so a peer's state needs no locks.
 */
package org.diameter4j.peer;
