package org.diameter4j.gy.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The callers' futures of one session that no request carries yet: those of the event being fired
 * ({@code incoming}), and the termination or change of rating condition queued while a request is
 * pending (RFC 4006 §7 "Queue termination event", "Queue changed rating condition event"). Guarded
 * by its {@link GyClientSession}'s lock.
 */
final class CcWaiters {
    private final List<CompletableFuture<CcOutcome>> incoming = new ArrayList<>();
    private final List<CompletableFuture<CcOutcome>> queuedTermination = new ArrayList<>();
    private final List<CompletableFuture<CcOutcome>> queuedRatingChange = new ArrayList<>();
    private boolean terminationQueued;
    private boolean ratingChangeQueued;

    /** The caller of the event about to be fired. */
    void arrive(CompletableFuture<CcOutcome> f) {
        incoming.add(f);
    }

    /** True when {@code f} was still waiting for an action of the row just run. */
    boolean leave(CompletableFuture<CcOutcome> f) {
        return incoming.remove(f);
    }

    void forgetIncoming() {
        incoming.clear();
    }

    /** The request just sent now carries the incoming callers. */
    void handTo(CcInFlight f) {
        f.waiters.addAll(incoming);
        incoming.clear();
    }

    void queueTermination() {
        terminationQueued = true;
        queuedTermination.addAll(incoming);
        incoming.clear();
    }

    void queueRatingChange() {
        ratingChangeQueued = true;
        queuedRatingChange.addAll(incoming);
        incoming.clear();
    }

    /**
     * On entering Open: the queued event to fire ("Service terminated in queue" before "Change in
     * rating condition in queue"), its callers moved to incoming; null when nothing is queued.
     */
    CcClientEvent dequeue() {
        if (terminationQueued) {
            terminationQueued = false;
            incoming.addAll(queuedTermination);
            queuedTermination.clear();
            return CcClientEvent.TERMINATION_IN_QUEUE;
        }
        if (ratingChangeQueued) {
            ratingChangeQueued = false;
            incoming.addAll(queuedRatingChange);
            queuedRatingChange.clear();
            return CcClientEvent.RATING_CHANGE_IN_QUEUE;
        }
        return null;
    }

    /** Completes the pending request's callers and the incoming ones with {@code o}. */
    void complete(CcInFlight pending, CcOutcome o) {
        if (pending != null) {
            pending.complete(o);
        }
        incoming.forEach(w -> w.complete(o));
        incoming.clear();
    }

    /** Idle (RFC 4006 §7): every caller, queued ones included, hears that the session ended. */
    void endAll(CcOutcome ended) {
        for (List<CompletableFuture<CcOutcome>> l :
                List.of(incoming, queuedTermination, queuedRatingChange)) {
            l.forEach(w -> w.complete(ended));
            l.clear();
        }
        terminationQueued = false;
        ratingChangeQueued = false;
    }
}
