/**
 * The peer layer's machinery, not an API: the RFC 6733 §5.6 peer state machine ({@link
 * org.diameter4j.peer.internal.PeerTransitionTable}), capabilities exchange verdicts (§5.3), the
 * RFC 3539 watchdog, pending requests and their timers, hop-by-hop and end-to-end identifiers.
 * Exported only to diameter4j's own modules; applications see peers through {@code DiameterNode}'s
 * views.
 */
package org.diameter4j.peer.internal;
