package org.diameter4j.peer.internal;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.ConnectionHandler;

/**
 * One transport connection of a {@link Peer}, initiator or responder side (RFC 6733 §5.6 keeps both
 * during an election). Transport events hop to the peer's loop; requests from the remote are handed
 * to the node with back-pressure, and everything sent passes the strict-send gate.
 */
final class PeerConnection implements ConnectionHandler {
    /** At most this many of one connection's requests in the handlers' hands (back-pressure). */
    static final int MAX_IN_HAND = 1000;

    private final Peer peer;
    final boolean initiator;
    Connection conn;
    final Ids.HopByHop hopByHop = Ids.hopByHop();

    /** The peer's requests handed to the node and not yet answered (loop-confined). */
    private int inHand;

    private boolean readingPaused;

    PeerConnection(Peer peer, boolean initiator, Connection conn) {
        this.peer = peer;
        this.initiator = initiator;
        this.conn = conn;
    }

    /** Still one of the peer's connections (not one it has let go of). */
    boolean current() {
        return peer.isCurrent(this);
    }

    @Override
    public void onMessage(Connection c, DiameterMessage m) {
        peer.onLoop(() -> peer.received(this, m));
    }

    @Override
    public void onMalformed(Connection c, DecodeFailure f) {
        peer.onLoop(() -> peer.malformed(this, f));
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        peer.onLoop(() -> peer.closed(this, cause));
    }

    /** Sends {@code m} through the strict-send gate (an invalid answer becomes a 5012). */
    void send(DiameterMessage m) {
        DiameterMessage out = peer.gate.vet(m, peer.ctx.local());
        if (out != null) {
            sendVetted(out);
        }
    }

    /** Sends a message the gate has already judged. */
    void sendVetted(DiameterMessage m) {
        peer.counters.sent(m.commandCode(), m.isRequest());
        peer.ctx.traced(peer, m, false);
        conn.send(m);
    }

    /**
     * Hands a request of the remote to the node (RFC 6733 §6.1) and sends its answer on this
     * connection. A request is never left unanswered: a handler that fails, or answers nothing,
     * gets 5012 DIAMETER_UNABLE_TO_COMPLY sent for it. Reading pauses while {@link #MAX_IN_HAND}
     * requests are in the handlers' hands, as when our answers cannot leave.
     */
    void serve(DiameterMessage m) {
        if (++inHand >= MAX_IN_HAND && !readingPaused) {
            readingPaused = true;
            conn.pauseReading(true);
        }
        CompletableFuture<DiameterMessage> answer;
        try {
            answer = peer.ctx.serve(peer, m);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (answer.isDone() && !answer.isCompletedExceptionally() && peer.inLoop()) {
            answered(m, answer.join(), null); // answered on the loop already: nothing to hand back
            return;
        }
        answer.whenComplete((a, err) -> peer.onLoop(() -> answered(m, a, err)));
    }

    private void answered(DiameterMessage request, DiameterMessage a, Throwable err) {
        if (--inHand <= MAX_IN_HAND / 2 && readingPaused) {
            readingPaused = false;
            conn.pauseReading(false);
        }
        DiameterMessage out = a;
        if (err != null || a == null) {
            Peer.log(
                    Level.WARNING,
                    "handler for "
                            + peer.ctx
                                    .dictionary()
                                    .commandName(
                                            request.applicationId(), request.commandCode(), true)
                            + " from "
                            + peer.name()
                            + " failed: "
                            + (err != null ? ConnectFailures.describe(err) : "no answer"));
            out =
                    peer.errorAnswer(
                            request,
                            ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                            "the request could not be processed",
                            null);
        }
        if (conn != null && conn.isOpen()) {
            send(out);
        }
    }

    @Override
    public String toString() {
        return (initiator ? "initiator " : "responder ") + conn;
    }
}
