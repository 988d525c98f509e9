package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import org.diameter4j.codec.DecodeOptions;
import org.junit.jupiter.api.Test;

class TransportTest {
    @Test
    void epollWhenAvailableAndPreferred() {
        try (Transport t = Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT))) {
            assertThat(t.ioKind()).isEqualTo(Epoll.isAvailable() ? "epoll" : "nio");
            System.out.println(
                    "io kind: "
                            + t.ioKind()
                            + (Epoll.isAvailable()
                                    ? ""
                                    : " (epoll unavailable: " + Epoll.unavailabilityCause() + ")"));
        }
    }

    @Test
    void ioThreadsAreApplied() {
        try (Transport t =
                Transport.create(
                        TransportConfig.defaults(DecodeOptions.DEFAULT).withIoThreads(3))) {
            assertThat(t.eventLoops()).hasSize(3);
        }
    }

    @Test
    void configDefaultsAndChecks() {
        TransportConfig c = TransportConfig.defaults(DecodeOptions.DEFAULT);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.preferNative()).isTrue();
        assertThat(c.ioThreads()).isZero();
        assertThatThrownBy(() -> new TransportConfig(null, null, true, 0))
                .hasMessageContaining("decodeOptions");
        assertThatThrownBy(() -> c.withConnectTimeout(Duration.ZERO))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> c.withIoThreads(-1)).hasMessageContaining("ioThreads");
    }

    @Test
    void closeIsIdempotentAndBounded() {
        Transport t = Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT));
        long t0 = System.nanoTime();
        t.close();
        t.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(t.eventLoops().isTerminated()).isTrue();
    }
}
