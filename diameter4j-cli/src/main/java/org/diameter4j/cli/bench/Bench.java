package org.diameter4j.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.diameter4j.cli.Main;
import org.diameter4j.cli.send.Outcome;
import org.diameter4j.cli.send.SessionRunner;

/**
 * The load driver of {@code d4j bench}. Closed loop: {@code concurrency} sessions always in flight,
 * each completion starting the next (on the completing thread, without blocking). Open loop: a
 * driver thread starts sessions at {@code rate} per second on a precise schedule (parking between
 * batches, never spinning); starts that find {@code maxInFlight} sessions pending are counted as
 * skipped — the peer cannot keep up. Latency goes to an HdrHistogram {@link Recorder}; in open loop
 * it counts from the scheduled start (no coordinated omission).
 */
public final class Bench {
    /** What to run. */
    public record Plan(
            String target,
            String kind,
            int concurrency,
            Double rate,
            long durationNanos,
            long warmupNanos,
            long timeoutMillis,
            boolean progress,
            boolean json) {}

    private static final JsonFactory JSON = new JsonFactory();

    private final Plan plan;
    private final SessionRunner.Factory factory;
    private final PrintWriter out;
    private final PrintWriter progressOut;
    private final Recorder recorder = new Recorder(3_600_000_000L, 3);
    private final Histogram total = new Histogram(3_600_000_000L, 3);
    private final LongAdder answers = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder intervalErrors = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> byResult = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicReference<Throwable> fault = new AtomicReference<>();
    private final LongAdder skipped = new LongAdder();
    private volatile long maxBehindNanos;
    private volatile boolean stopping;
    private SessionRunner runner;
    private java.util.function.Supplier<String> status = () -> "";

    public Bench(
            Plan plan, SessionRunner.Factory factory, PrintWriter out, PrintWriter progressOut) {
        this.plan = plan;
        this.factory = factory;
        this.out = out;
        this.progressOut = progressOut;
    }

    /**
     * What each progress line ends with besides the figures, e.g. the DOIC reports in force ({@code
     * --doic}); empty by default.
     */
    public Bench status(java.util.function.Supplier<String> s) {
        this.status = s;
        return this;
    }

    private void accept(Outcome o) {
        requests.increment();
        if (o.answer() != null) {
            answers.increment();
            recorder.recordValue(Math.max(1, o.latencyNanos() / 1000));
            long code = o.result() != null ? o.result().code() : 0;
            byResult.computeIfAbsent(code, k -> new LongAdder()).increment();
            if (!o.success()) {
                intervalErrors.increment();
                errors.computeIfAbsent(
                                code == 0 ? "no Result-Code" : Long.toString(code),
                                k -> new LongAdder())
                        .increment();
            }
        } else {
            intervalErrors.increment();
            if (o.cause() == Outcome.Cause.NOT_READY || o.cause() == Outcome.Cause.DISCONNECTED) {
                stopping = true; // the peer is gone: stop rather than fail every request
            }
            String cause =
                    switch (o.cause()) {
                        case TIMEOUT -> "timeout";
                        case NOT_READY -> "not ready";
                        case THROTTLED -> "throttled (DOIC)";
                        case DISCONNECTED -> "disconnected";
                        default -> "other";
                    };
            errors.computeIfAbsent(cause, k -> new LongAdder()).increment();
        }
    }

    private void start(long dueNanos) {
        inFlight.incrementAndGet();
        long n = started.incrementAndGet();
        runner.run(n, dueNanos)
                .whenComplete(
                        (ok, t) -> {
                            if (t != null) {
                                fault.compareAndSet(null, t);
                            }
                            inFlight.decrementAndGet();
                            if (plan.rate() == null && !stopping && fault.get() == null) {
                                start(0);
                            }
                        });
    }

    /** Runs the plan; returns the exit code. */
    public int run() throws InterruptedException {
        runner = factory.create(this::accept);
        long begin = System.nanoTime();
        long t0 = begin + plan.warmupNanos(); // what is measured starts here
        long end = t0 + plan.durationNanos();
        boolean warming = plan.warmupNanos() > 0;
        Thread driver = null;
        if (plan.rate() == null) {
            for (int i = 0; i < plan.concurrency(); i++) {
                start(0);
            }
        } else {
            driver = new Thread(() -> openLoop(begin, end), "d4j-bench-driver");
            driver.setDaemon(true);
            driver.start();
        }
        long lastTick = begin;
        long nextTick = begin + 1_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(nextTick, warming ? t0 : end);
            if (now < wake) {
                LockSupport.parkNanos(wake - now);
                continue;
            }
            if (warming && now >= t0) {
                warming = false;
                forgetWarmup();
                lastTick = now;
                nextTick = now + 1_000_000_000L;
                continue;
            }
            if (now >= nextTick) {
                tick(now, lastTick, begin);
                lastTick = now;
                nextTick += 1_000_000_000L;
            }
            if (now >= end || fault.get() != null) {
                break;
            }
        }
        stopping = true;
        if (driver != null) {
            driver.join(1000);
        }
        long drainUntil = System.nanoTime() + (plan.timeoutMillis() + 2000) * 1_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(5_000_000L);
        }
        long elapsed = System.nanoTime() - t0;
        synchronized (total) {
            total.add(recorder.getIntervalHistogram());
        }
        if (fault.get() instanceof RuntimeException r) {
            throw r;
        }
        return summary(elapsed);
    }

    private void openLoop(long t0, long end) {
        double interval = 1e9 / plan.rate();
        long cap = plan.concurrency();
        long i = 0;
        while (!stopping && fault.get() == null) {
            long now = System.nanoTime();
            long due = t0 + (long) (i * interval);
            if (due >= end) {
                return;
            }
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            // Everything due by now, in one batch: precise on average without spinning.
            while (due <= now && due < end) {
                if (now - due > maxBehindNanos) {
                    maxBehindNanos = now - due;
                }
                if (inFlight.get() >= cap) {
                    skipped.increment();
                } else {
                    start(due);
                }
                i++;
                due = t0 + (long) (i * interval);
            }
        }
    }

    /** The warm-up's figures are dropped: the summary tells only the measured duration. */
    private void forgetWarmup() {
        recorder.reset();
        synchronized (total) {
            total.reset();
        }
        answers.reset();
        requests.reset();
        intervalErrors.reset();
        errors.clear();
        byResult.clear();
        skipped.reset();
        maxBehindNanos = 0;
        if (plan.progress()) {
            synchronized (progressOut) {
                progressOut.println("warm-up done: measuring from now");
                progressOut.flush();
            }
        }
    }

    private void tick(long now, long last, long t0) {
        Histogram h = recorder.getIntervalHistogram();
        synchronized (total) {
            total.add(h);
        }
        long errs = intervalErrors.sumThenReset();
        if (!plan.progress()) {
            return;
        }
        double secs = (now - last) / 1e9;
        String line =
                String.format(
                        Locale.ROOT,
                        "[%5.1fs] %8.0f answers/s  errors %d  p50 %.2f ms  p99 %.2f ms  in flight %d%s%s",
                        (now - t0) / 1e9,
                        h.getTotalCount() / secs,
                        errs,
                        h.getValueAtPercentile(50) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0,
                        inFlight.get(),
                        skipped.sum() > 0
                                ? "  skipped " + skipped.sum() + " (peer cannot keep up)"
                                : "",
                        status.get());
        synchronized (progressOut) {
            progressOut.println(line);
            progressOut.flush();
        }
    }

    private int summary(long elapsed) {
        double secs = elapsed / 1e9;
        long a = answers.sum();
        double throughput = a / secs;
        Map<String, Long> errs = new TreeMap<>();
        errors.forEach((k, v) -> errs.put(k, v.sum()));
        Map<Long, Long> results = new TreeMap<>();
        byResult.forEach((k, v) -> results.put(k, v.sum()));
        double[] ps = {50, 90, 99, 99.9};
        String[] names = {"p50", "p90", "p99", "p99.9"};
        int exit =
                errs.containsKey("not ready") || errs.containsKey("disconnected")
                        ? Main.CONNECT
                        : errs.containsKey("timeout") || inFlight.get() > 0
                                ? Main.TIMEOUT
                                : errs.isEmpty() ? Main.OK : Main.FAILED;
        boolean behind = skipped.sum() > 0 || maxBehindNanos > 100_000_000L;
        if (plan.json()) {
            StringWriter sw = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(sw)) {
                g.writeStartObject();
                g.writeObjectFieldStart("summary");
                g.writeStringField("peer", plan.target());
                g.writeStringField("send", plan.kind());
                g.writeStringField("mode", plan.rate() == null ? "closed" : "open");
                g.writeNumberField("concurrency", plan.concurrency());
                if (plan.rate() != null) {
                    g.writeNumberField("rate", plan.rate());
                    g.writeNumberField("skipped", skipped.sum());
                    g.writeNumberField("maxBehindMs", maxBehindNanos / 1_000_000.0);
                    g.writeBooleanField("peerKeptUp", !behind);
                }
                g.writeNumberField("durationMs", Math.round(secs * 1000));
                g.writeNumberField("sessions", started.get());
                g.writeNumberField("requests", requests.sum());
                g.writeNumberField("answers", a);
                g.writeNumberField("unfinished", inFlight.get());
                g.writeNumberField("throughput", Math.round(throughput * 10) / 10.0);
                g.writeObjectFieldStart("byResultCode");
                for (Map.Entry<Long, Long> e : results.entrySet()) {
                    g.writeNumberField(Long.toString(e.getKey()), e.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("errors");
                for (Map.Entry<String, Long> e : errs.entrySet()) {
                    g.writeNumberField(e.getKey(), e.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("latencyMs");
                for (int i = 0; i < ps.length; i++) {
                    g.writeNumberField(names[i], total.getValueAtPercentile(ps[i]) / 1000.0);
                }
                g.writeNumberField("max", total.getMaxValue() / 1000.0);
                g.writeEndObject();
                g.writeNumberField("exitCode", exit);
                g.writeEndObject();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println(sw);
        } else {
            StringBuilder sb = new StringBuilder();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "Bench %s, %s, %s loop%s, %.1f s%n",
                            plan.target(),
                            plan.kind(),
                            plan.rate() == null ? "closed" : "open",
                            plan.rate() == null
                                    ? ", concurrency " + plan.concurrency()
                                    : String.format(Locale.ROOT, ", rate %.0f/s", plan.rate()),
                            secs));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  sessions %d  requests %d  answers %d%s%n",
                            started.get(),
                            requests.sum(),
                            a,
                            inFlight.get() > 0 ? "  unfinished " + inFlight.get() : ""));
            sb.append(String.format(Locale.ROOT, "  throughput %.1f answers/s%n", throughput));
            for (Map.Entry<Long, Long> e : results.entrySet()) {
                sb.append("  result ")
                        .append(e.getKey())
                        .append(' ')
                        .append(
                                String.valueOf(
                                        org.diameter4j.dictionary.Dictionary.standard()
                                                .resultCodeName(e.getKey())))
                        .append(": ")
                        .append(e.getValue())
                        .append('\n');
            }
            sb.append("  errors: ")
                    .append(errs.isEmpty() ? "none" : errs.toString().replaceAll("[{}]", ""))
                    .append('\n');
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "  latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
                            total.getValueAtPercentile(50) / 1000.0,
                            total.getValueAtPercentile(90) / 1000.0,
                            total.getValueAtPercentile(99) / 1000.0,
                            total.getValueAtPercentile(99.9) / 1000.0,
                            total.getMaxValue() / 1000.0));
            if (plan.rate() != null && behind) {
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "  the peer could not keep up with %.0f/s: %d starts skipped (%d sessions in flight), schedule behind by up to %.1f ms%n",
                                plan.rate(),
                                skipped.sum(),
                                plan.concurrency(),
                                maxBehindNanos / 1e6));
            }
            out.print(sb);
        }
        out.flush();
        return exit;
    }
}
