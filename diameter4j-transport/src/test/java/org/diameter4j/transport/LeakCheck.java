package org.diameter4j.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (PARANOID in the build) reports a buffer that was
 * never released. Reports come through java.util.logging; they appear once a leaked buffer was
 * collected and the next buffer is allocated, so the check runs a GC and a few allocations.
 */
final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final Logger DETECTOR = Logger.getLogger("io.netty.util.ResourceLeakDetector");
    private static final List<String> REPORTS = new ArrayList<>();
    private static final Handler CAPTURE =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getMessage() != null && r.getMessage().contains("LEAK")) {
                        synchronized (REPORTS) {
                            REPORTS.add(r.getMessage());
                        }
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };

    static {
        DETECTOR.addHandler(CAPTURE);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        collect(); // reports of earlier classes are theirs
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " buffer leak(s):\n" + leaks.get(0));
        }
    }

    /** Forces pending leak reports out and returns them (and forgets them). */
    static List<String> collect() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 16; i++) {
                ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                b.release();
            }
        }
        synchronized (REPORTS) {
            List<String> out = new ArrayList<>(REPORTS);
            REPORTS.clear();
            return out;
        }
    }
}
