package org.diameter4j.peer.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hop-by-Hop and End-to-End identifiers (RFC 6733 §3).
 *
 * <p>End-to-End: "the high order 12 bits contain the low order 12 bits of current time, and the low
 * order 20 bits to a random value" at start-up, then incremented — unique for at least 4 minutes,
 * even across reboots. Hop-by-Hop: a random start, then incremented, per connection.
 */
public final class Ids {
    private final AtomicInteger endToEnd;

    public Ids() {
        this(System.currentTimeMillis() / 1000, ThreadLocalRandom.current().nextInt());
    }

    Ids(long startSeconds, int random) {
        endToEnd = new AtomicInteger((int) ((startSeconds & 0xfff) << 20) | (random & 0xfffff));
    }

    public int nextEndToEnd() {
        return endToEnd.getAndIncrement();
    }

    /** A new Hop-by-Hop sequence for one connection. */
    public static HopByHop hopByHop() {
        return new HopByHop(ThreadLocalRandom.current().nextInt());
    }

    /** Per-connection Hop-by-Hop counter; used only on the connection's peer thread. */
    public static final class HopByHop {
        private int next;

        HopByHop(int start) {
            next = start;
        }

        public int next() {
            return next++;
        }
    }
}
