package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.diameter4j.codec.DecodeOptions;
import org.junit.jupiter.api.Test;

/** The TCP cases on Java NIO (what macOS and Windows get). */
class TcpConnectionNioTest extends TcpConnectionTest {
    @Override
    TransportConfig config() {
        return TransportConfig.defaults(DecodeOptions.DEFAULT).withPreferNative(false);
    }

    @Test
    void usesNio() {
        try (Transport t = Transport.create(config())) {
            assertThat(t.ioKind()).isEqualTo("nio");
        }
    }
}
