package org.diameter4j.peer.internal;

import java.util.List;
import org.diameter4j.peer.PeerState;

/**
 * What the RFC 3539 watchdog asks of its {@link Peer}: a DWR on the active connection, failover of
 * the pending requests when the connection turns SUSPECT (RFC 6733 §5.5.4), failback when it is
 * OKAY again, and closing it when it is DOWN.
 */
final class PeerWatchdogCallbacks implements Watchdog.Callbacks {
    private final Peer peer;

    PeerWatchdogCallbacks(Peer peer) {
        this.peer = peer;
    }

    @Override
    public void sendWatchdog() {
        PeerConnection pc = peer.active;
        if (pc == null || pc.conn == null) {
            return;
        }
        pc.send(
                BaseMessages.dwr(peer.ctx.local())
                        .hopByHop(pc.hopByHop.next())
                        .endToEnd(peer.ctx.ids().nextEndToEnd()));
    }

    @Override
    public void failover() {
        PeerState s = peer.fsmState();
        if (s.isOpen() && !peer.pending.isEmpty()) {
            // SUSPECT: offer the pending requests to another peer; those taken leave this one.
            // Their timers are cancelled first: the alternate peer arms its own (same deadline),
            // possibly at once on this very thread.
            List<PendingRequest> kept = peer.ctx.failover(peer, peer.pending.takeAll(), false);
            peer.pending.keep(kept);
        }
        if (s.isOpen()) {
            peer.failure("no DWA within Tw: connection suspect (RFC 3539)");
            peer.ctx.peerChanged(peer, s, s);
        }
    }

    @Override
    public void failback() {
        peer.ctx.peerChanged(peer, peer.fsmState(), peer.fsmState());
    }

    @Override
    public void closeConnection() {
        if (peer.fsmState().isOpen()) {
            peer.failure("no DWA within 2 x Tw: connection down (RFC 3539)");
            PeerConnection pc = peer.active;
            if (pc != null && pc.conn != null) {
                pc.conn.close(); // → Peer-Disc → Closed → reconnect with Tc
            }
        }
    }
}
