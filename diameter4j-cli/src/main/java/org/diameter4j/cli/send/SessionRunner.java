package org.diameter4j.cli.send;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;

/**
 * Runs sessions of a template through a {@link ClientNode}: the steps of one session one after the
 * other (the next is sent from the completion of the previous, never blocking an event loop); a
 * session stops at its first failure.
 */
public final class SessionRunner {
    private final ClientNode client;
    private final Template template;
    private final Dictionary dict;
    private final Duration timeout;
    private final Consumer<Outcome> sink;

    /** Makes a runner for a sink (bench builds its own). */
    @FunctionalInterface
    public interface Factory {
        SessionRunner create(Consumer<Outcome> sink);
    }

    public SessionRunner(
            ClientNode client,
            Template template,
            Dictionary dict,
            Duration timeout,
            Consumer<Outcome> sink) {
        this.client = client;
        this.template = template;
        this.dict = dict;
        this.timeout = timeout;
        this.sink = sink;
    }

    /**
     * Starts session {@code n}; completes (never exceptionally) when it ends. {@code startNanos} is
     * when the first request was due (open loop: latency counts from the schedule).
     */
    public CompletableFuture<Boolean> run(long n, long startNanos) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        String sessionId = client.newSessionId();
        step(n, sessionId, 0, startNanos, done);
        return done;
    }

    private void step(
            long n, String sessionId, int i, long dueNanos, CompletableFuture<Boolean> done) {
        List<Template.Step> steps = template.steps();
        Template.Step s = steps.get(i);
        DiameterMessage req;
        try {
            req = client.build(s, client.vars(sessionId, i, n));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        long t0 = dueNanos > 0 ? Math.min(dueNanos, System.nanoTime()) : System.nanoTime();
        client.send(req, timeout)
                .whenComplete(
                        (a, t) -> {
                            long latency = System.nanoTime() - t0;
                            Outcome o =
                                    new Outcome(
                                            n,
                                            i,
                                            s.commandName(),
                                            sessionId,
                                            req,
                                            a,
                                            a != null ? dict.result(a) : null,
                                            latency,
                                            t != null ? Outcome.unwrap(t) : null);
                            try {
                                sink.accept(o);
                            } catch (RuntimeException e) {
                                // a printing fault must not stop the run
                            }
                            if (o.success() && i + 1 < steps.size()) {
                                step(n, sessionId, i + 1, 0, done);
                            } else {
                                done.complete(o.success());
                            }
                        });
    }
}
