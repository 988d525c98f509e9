package org.diameter4j.peer.internal;

import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.Timers;

/**
 * A request waiting for its answer. Its future always completes: with the answer, a {@link
 * RequestTimeoutException}, or a {@link DiameterException} saying why not. The deadline stays the
 * same when the request is retransmitted to another peer.
 */
public final class PendingRequest {
    private final DiameterMessage request;
    private final CompletableFuture<DiameterMessage> future;
    private final long deadlineMillis;
    private final long startNanos = System.nanoTime();
    Timers.Timer timer;
    int hopByHop;

    PendingRequest(
            DiameterMessage request,
            CompletableFuture<DiameterMessage> future,
            long deadlineMillis) {
        this.request = request;
        this.future = future;
        this.deadlineMillis = deadlineMillis;
    }

    public DiameterMessage request() {
        return request;
    }

    public CompletableFuture<DiameterMessage> future() {
        return future;
    }

    /** Absolute deadline on the {@link Timers#nowMillis()} clock. */
    public long deadlineMillis() {
        return deadlineMillis;
    }

    /** Nanoseconds since the request was first sent. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    boolean complete(DiameterMessage answer) {
        cancelTimer();
        return future.complete(answer);
    }

    boolean fail(Throwable t) {
        cancelTimer();
        return future.completeExceptionally(t);
    }
}
