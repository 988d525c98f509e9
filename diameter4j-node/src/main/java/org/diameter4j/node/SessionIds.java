package org.diameter4j.node;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Session-Id values (RFC 6733 §8.8): {@code <DiameterIdentity>;<high 32 bits>;<low 32 bits>}, where
 * the 64-bit part starts from the boot time — "the high 32 bits ... SHOULD be initialized to the
 * time", so values stay unique across restarts — and is incremented per session.
 */
public final class SessionIds {
    private final String originHost;
    private final AtomicLong counter;

    public SessionIds(String originHost) {
        this(originHost, System.currentTimeMillis() / 1000);
    }

    SessionIds(String originHost, long bootSeconds) {
        this.originHost = originHost;
        this.counter = new AtomicLong(bootSeconds << 32);
    }

    public String next() {
        long v = counter.getAndIncrement();
        return originHost
                + ";"
                + Integer.toUnsignedString((int) (v >>> 32))
                + ";"
                + Integer.toUnsignedString((int) v);
    }

    /** With an optional value appended (§8.8: "<optional value>"). */
    public String next(String optional) {
        return next() + ";" + optional;
    }
}
