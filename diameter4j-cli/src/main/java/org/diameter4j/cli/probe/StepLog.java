package org.diameter4j.cli.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The steps of one probe, in order, each reported as it ends; the first failure is the verdict. */
final class StepLog {
    private final List<ProbeStep> steps = new ArrayList<>();
    private final Consumer<ProbeStep> progress;
    private ProbeVerdict failure;

    StepLog(Consumer<ProbeStep> progress) {
        this.progress = progress;
    }

    /** A step's start, for {@link #record(Finding, long)}. */
    static long start() {
        return System.nanoTime();
    }

    /** Records a step timed from {@code t0}; returns whether it passed. */
    boolean record(Finding f, long t0) {
        return record(f, (System.nanoTime() - t0) / 1e6);
    }

    /** Records a step that took {@code millis}; returns whether it passed. */
    boolean record(Finding f, double millis) {
        ProbeStep s = new ProbeStep(f.step(), f.ok(), millis, f.detail());
        steps.add(s);
        progress.accept(s);
        if (!f.ok() && failure == null) {
            failure =
                    new ProbeVerdict(
                            List.copyOf(steps), f.cause(), f.explanation(), f.fix(), f.exitCode());
        }
        return f.ok();
    }

    /** The first failure, else the verdict that every step passed. */
    ProbeVerdict verdict() {
        return failure != null
                ? failure
                : new ProbeVerdict(
                        List.copyOf(steps),
                        "ok",
                        "The peer is reachable and speaks Diameter with us.",
                        "",
                        0);
    }
}
