package org.diameter4j.peer.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerState;

/**
 * What a peer says in the log (M-08: concise at INFO, complete at DEBUG) and its last failure in
 * words: a failure is logged once per new cause, not once per connection attempt; the peer coming
 * up or going down is INFO, a failed attempt's transition DEBUG (its cause was logged already).
 */
final class PeerLog {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.peer");

    private final Peer peer;
    private volatile String lastFailure;
    private volatile String lastFailureLogged;

    PeerLog(Peer peer) {
        this.peer = peer;
    }

    static void log(Level level, String message) {
        LOG.log(level, message);
    }

    /** The last failure (DNS, refused, CEA result …), or null. Readable from any thread. */
    String lastFailure() {
        return lastFailure;
    }

    void failure(String what) {
        lastFailure = what;
        if (!what.equals(lastFailureLogged)) {
            lastFailureLogged = what;
            log(Level.INFO, "peer " + peer.name() + ": " + what);
        }
    }

    /** One line per transition of RFC 6733 §5.6's table. */
    void transition(PeerState from, PeerState to, List<ApplicationId> applications) {
        boolean wasUp = from.isOpen() || from == PeerState.CLOSING;
        log(
                to.isOpen() || (to == PeerState.CLOSED && wasUp) ? Level.INFO : Level.DEBUG,
                "peer "
                        + peer.name()
                        + ": "
                        + from
                        + " -> "
                        + to
                        + (to.isOpen()
                                ? " (applications " + applications + ")"
                                : to == PeerState.CLOSED && lastFailure != null
                                        ? " (" + lastFailure + ")"
                                        : ""));
    }

    /** An event the table has no row for in this state: ignored, said at DEBUG. */
    void noRow(PeerEvent event, PeerState s) {
        log(
                Level.DEBUG,
                "peer "
                        + peer.name()
                        + ": event "
                        + event
                        + " in state "
                        + s
                        + " has no row in RFC 6733 §5.6; ignored");
    }
}
