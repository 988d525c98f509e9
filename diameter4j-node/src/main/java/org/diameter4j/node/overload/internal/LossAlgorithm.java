package org.diameter4j.node.overload.internal;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The loss algorithm's decision (RFC 7683 §6.3): a reacting node "MUST reduce the number of
 * requests that would otherwise have been sent" to the reporter "by the percentage" of
 * OC-Reduction-Percentage. The RFC does not say which requests; here each one is dropped
 * independently with that probability — {@code nextInt(100) < percent} — so that no request type or
 * session is singled out by the rhythm of the traffic, as a counter would. In production the random
 * numbers come from {@link ThreadLocalRandom} (no lock, no allocation); tests give a seed.
 */
public interface LossAlgorithm {
    /** Whether to drop (divert or throttle) one request under a report of {@code percent}. */
    boolean drop(int percent);

    /** The production decision. */
    static LossAlgorithm random() {
        return p -> p > 0 && (p >= 100 || ThreadLocalRandom.current().nextInt(100) < p);
    }

    /** A reproducible decision for tests: the same seed, the same drops. Thread-safe. */
    static LossAlgorithm seeded(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return p -> {
            if (p <= 0) {
                return false;
            }
            if (p >= 100) {
                return true;
            }
            synchronized (r) {
                return r.nextInt(100) < p;
            }
        };
    }
}
