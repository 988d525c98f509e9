package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

/** The leak check itself finds a leak (so that its silence elsewhere means something). */
class LeakCheckTest {
    @Test
    void aLeakedBufferIsReported() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        LeakCheck.collect();
        java.util.logging.Logger detector =
                java.util.logging.Logger.getLogger("io.netty.util.ResourceLeakDetector");
        detector.setUseParentHandlers(false); // the deliberate leak need not fill the build log
        try {
            leak();
            // System.gc() is a request: under a busy full build one round may not collect the
            // buffer, so ask again, a bounded number of times.
            java.util.List<String> found = LeakCheck.collect();
            for (int round = 0; round < 20 && found.isEmpty(); round++) {
                found = LeakCheck.collect();
            }
            assertThat(found).isNotEmpty();
        } finally {
            detector.setUseParentHandlers(true);
        }
    }

    private static void leak() {
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeInt(1); // never released
    }
}
