package org.diameter4j.peer.internal;

import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.Timers;

/**
 * A peer's two timers besides the watchdog: the state timer that bounds each waiting state of RFC
 * 6733 §5.6 (Wait-Conn-Ack: the TCP connect; Wait-I-CEA and Wait-Returns: the CEA; Closing: the
 * DPA) and fires the table's Timeout event, and Tc, the reconnection timer of §2.1 ("the
 * recommended value is 30 seconds") that fires Start. Loop-confined, except the remaining time.
 */
final class PeerTimers {
    private final Peer peer;
    private final Timers timers;
    private Timers.Timer stateTimer;
    private Timers.Timer reconnectTimer;
    private volatile long reconnectDue = -1;

    PeerTimers(Peer peer, Timers timers) {
        this.peer = peer;
        this.timers = timers;
    }

    /** Arms the state timer of {@code to}, cancelling the previous state's. */
    void enter(PeerState to, PeerConfig config, long connectTimeoutMillis) {
        cancelState();
        switch (to) {
            case WAIT_CONN_ACK, WAIT_CONN_ACK_ELECT ->
                    armState(connectTimeoutMillis + 2_000, "no answer to the TCP connect");
            case WAIT_I_CEA, WAIT_RETURNS ->
                    armState(
                            config.ceaTimeout().toMillis(),
                            "connected, but no CEA within "
                                    + config.ceaTimeout().toSeconds()
                                    + " s of sending the CER");
            case CLOSING ->
                    armState(
                            config.dpaTimeout().toMillis(),
                            "no DPA within " + config.dpaTimeout().toSeconds() + " s");
            default -> {}
        }
    }

    private void armState(long millis, String reason) {
        PeerState armedIn = peer.fsmState();
        stateTimer =
                timers.schedule(
                        millis,
                        () -> {
                            stateTimer = null;
                            if (peer.fsmState() == armedIn) {
                                peer.timedOut(reason);
                            }
                        });
    }

    private void cancelState() {
        if (stateTimer != null) {
            stateTimer.cancel();
            stateTimer = null;
        }
    }

    /** Arms Tc: at its expiry the peer gets Start again, if still enabled and Closed. */
    void scheduleReconnect(long tcMillis) {
        cancelReconnect();
        reconnectDue = timers.nowMillis() + tcMillis;
        reconnectTimer =
                timers.schedule(
                        tcMillis,
                        () -> {
                            reconnectTimer = null;
                            reconnectDue = -1;
                            peer.reconnectDue();
                        });
    }

    void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
        reconnectDue = -1;
    }

    /** Seconds until the next connection attempt, or -1 (readable from any thread). */
    long reconnectRemainingSeconds() {
        long due = reconnectDue;
        return due < 0 ? -1 : Math.max(0, (due - timers.nowMillis() + 999) / 1000);
    }
}
