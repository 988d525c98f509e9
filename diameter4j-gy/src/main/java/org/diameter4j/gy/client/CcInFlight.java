package org.diameter4j.gy.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.Timers;

/**
 * A credit-control request waiting for its answer (RFC 4006 §7 states PendingI/U/T/E/B): the
 * request as last sent, the server it went to, its Tx timer (§13), the retransmission to the
 * alternate server (§5.7) and the callers waiting for it. Guarded by its {@link GyClientSession}'s
 * lock.
 */
final class CcInFlight {
    /** Told of the answer to, or the failure of, one transmission. */
    @FunctionalInterface
    interface AnswerHandler {
        void answered(CcInFlight f, int attempt, DiameterMessage answer, Throwable error);
    }

    final CcRequestType type;

    /** The request as last sent; a retransmission to the alternate server replaces it (§5.7). */
    DiameterMessage request;

    String peer;

    /** Counts transmissions: an answer to an earlier one is ignored once it failed. */
    int attempt;

    boolean alternateTried;
    boolean txExpired;
    private Timers.Timer tx;
    final List<CompletableFuture<CcOutcome>> waiters = new ArrayList<>();

    CcInFlight(CcRequestType type, DiameterMessage request, String peer) {
        this.type = type;
        this.request = request;
        this.peer = peer;
    }

    /** True for the first request of a session or an event: §5.7 allows it to move at once. */
    boolean opensSession() {
        return type == CcRequestType.INITIAL_REQUEST || type == CcRequestType.EVENT_REQUEST;
    }

    /** Sends the request as it is now; {@code log} keeps every request sent. */
    void transmit(
            CcTransport transport,
            Duration timeout,
            List<DiameterMessage> log,
            AnswerHandler handler) {
        int n = ++attempt;
        DiameterMessage m = request;
        log.add(m);
        CompletableFuture<DiameterMessage> r;
        try {
            r = transport.send(peer, m, timeout);
        } catch (RuntimeException e) {
            r = CompletableFuture.failedFuture(e);
        }
        r.whenComplete((answer, error) -> handler.answered(this, n, answer, error));
    }

    /**
     * §5.7: the same request (End-to-End identifier, CC-Request-Number) for {@code alternate}, with
     * the T flag; its Destination-Host, when it has one, names the alternate.
     */
    void moveTo(String alternate) {
        alternateTried = true;
        DiameterMessage again =
                CcRequests.copy(request, CcRequests.hasDestinationHost(request) ? alternate : null);
        again.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
        request = again;
        peer = alternate;
    }

    /** Start Tx, once per request; {@code expired} is told when it fires. */
    void startTx(Timers timers, Duration duration, Consumer<CcInFlight> expired) {
        if (tx == null) {
            tx = timers.schedule(duration.toMillis(), () -> expired.accept(this));
        }
    }

    void stopTx() {
        if (tx != null) {
            tx.cancel();
        }
    }

    void complete(CcOutcome o) {
        waiters.forEach(w -> w.complete(o));
        waiters.clear();
    }
}
