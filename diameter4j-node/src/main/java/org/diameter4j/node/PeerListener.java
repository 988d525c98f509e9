package org.diameter4j.node;

import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.Peer;

/** Peer events (M-14, M-21). Called on the peer's event loop: return quickly. */
public interface PeerListener {
    /** The peer's RFC 6733 state changed, or its availability did (watchdog SUSPECT / OKAY). */
    void peerChanged(Peer peer, PeerState from, PeerState to);
}
