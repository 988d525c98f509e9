package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that never reads cannot make us hold unbounded memory: on a connection we initiated (where
 * reads are never paused, to avoid a mutual-wait deadlock) the connection is closed, naming the
 * cause, when its output stays stalled for the write-stall timeout, or at once when more than the
 * unsent-bytes cap waits.
 */
@Timeout(60)
class UnsentCapTest {
    @Test
    void aPeerThatNeverReadsIsDisconnectedAtTheCap() throws Exception {
        check(
                TransportConfig.defaults(DecodeOptions.DEFAULT)
                        .withWriteLimits(java.time.Duration.ofSeconds(30), 16L << 20),
                "MiB wait unsent");
    }

    @Test
    void aPeerThatNeverReadsIsDisconnectedAfterTheStallTimeout() throws Exception {
        check(
                TransportConfig.defaults(DecodeOptions.DEFAULT)
                        .withWriteLimits(java.time.Duration.ofSeconds(1), 256L << 20),
                "has not read for 1.0 s");
    }

    private static void check(TransportConfig config, String expected) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Transport transport = Transport.create(config)) {
            ss.setReceiveBufferSize(4096);
            RecordingHandler h = new RecordingHandler();
            Connection c =
                    transport
                            .connect(
                                    new InetSocketAddress(ss.getInetAddress(), ss.getLocalPort()),
                                    null,
                                    TransportProtocol.TCP,
                                    null,
                                    transport.eventLoops().next(),
                                    h)
                            .get(5, TimeUnit.SECONDS);
            try (Socket peer = ss.accept()) { // accepted, never read
                byte[] payload = new byte[4000];
                DiameterMessage big =
                        DiameterMessage.request(272, 4, true).add(Avp.ofBytes(9999, 0, 0, payload));
                long sent = 0;
                // Far beyond the cap: 24 MiB offered to a peer that reads nothing.
                while (sent < (24L << 20) && c.isOpen() && !h.closed.isDone()) {
                    c.send(big);
                    sent += big.length();
                }
                Throwable cause = h.closed.get(20, TimeUnit.SECONDS);
                assertThat(cause).isNotNull();
                assertThat(cause.getMessage()).contains(expected);
            }
        }
    }
}
