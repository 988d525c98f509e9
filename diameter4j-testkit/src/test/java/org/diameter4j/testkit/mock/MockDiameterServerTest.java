package org.diameter4j.testkit.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the mock server promises its users, seen from a raw socket. */
@Timeout(20)
class MockDiameterServerTest {
    private static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    @Test
    void capabilitiesThenAQueuedAnswerThenTheDefault() throws Exception {
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                Socket s = connect(mock)) {
            mock.enqueue(MockAnswers.resultCode(4012));
            write(s, cer());
            DiameterMessage cea = read(s);
            assertThat(cea.commandCode()).isEqualTo(257);
            assertThat(resultCode(cea)).isEqualTo(2001);
            assertThat(cea.find(258).asUnsigned32()).isEqualTo(4);
            assertThat(cea.find(264).asUtf8()).isEqualTo("mock.example.net");
            assertThat(cea.find(296).asUtf8()).isEqualTo("example.net");

            write(s, ccr(7));
            DiameterMessage first = read(s);
            assertThat(first.hopByHop()).isEqualTo(7);
            assertThat(resultCode(first)).isEqualTo(4012);
            assertThat(first.avps().iterator().next().code()).as("Session-Id first").isEqualTo(263);
            assertThat(first.find(416).asUnsigned32()).as("CC-Request-Type echoed").isEqualTo(4);

            write(s, ccr(8));
            assertThat(resultCode(read(s))).isEqualTo(2001);

            RecordedRequest r = mock.takeRequest(Duration.ofSeconds(2));
            assertThat(r.commandCode()).isEqualTo(272);
            assertThat(r.connection()).isEqualTo(1);
            assertThat(r.message().hopByHop()).isEqualTo(7);
            assertThat(mock.takeRequest(Duration.ofSeconds(2)).message().hopByHop()).isEqualTo(8);
            assertThat(mock.takeRequest(Duration.ofMillis(100))).isNull();
            assertThat(mock.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void aProtocolErrorHasTheEBitAndRepeatsOnlySessionId() throws Exception {
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                Socket s = connect(mock)) {
            mock.enqueue(MockAnswers.resultCode(3001));
            write(s, cer());
            read(s);
            write(s, ccr(9));
            DiameterMessage a = read(s);
            assertThat(a.isError()).isTrue();
            assertThat(a.find(263)).isNotNull();
            assertThat(a.find(258)).as("RFC 6733 §7.2 has no Auth-Application-Id").isNull();
        }
    }

    @Test
    void noCeaLeavesTheCerUnanswered() throws Exception {
        try (MockDiameterServer mock =
                        MockDiameterServer.builder().start().policy(SocketPolicy.NO_CEA);
                Socket s = connect(mock)) {
            s.setSoTimeout(300);
            write(s, cer());
            assertThat(readOrTimeout(s)).isEqualTo("timeout");
            assertThat(mock.takeRequest(257, Duration.ofSeconds(1))).isNotNull();
        }
    }

    @Test
    void closeAfterCerAndDisconnectOnRequestCloseTheConnection() throws Exception {
        try (MockDiameterServer mock =
                        MockDiameterServer.builder().start().policy(SocketPolicy.CLOSE_AFTER_CER);
                Socket s = connect(mock)) {
            write(s, cer());
            assertThat(readOrTimeout(s)).isEqualTo("closed");
        }
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                Socket s = connect(mock)) {
            write(s, cer());
            read(s);
            mock.policy(SocketPolicy.DISCONNECT_ON_REQUEST);
            write(s, ccr(1));
            assertThat(readOrTimeout(s)).isEqualTo("closed");
            assertThat(mock.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void noDwaAnswersEverythingButTheWatchdog() throws Exception {
        try (MockDiameterServer mock =
                        MockDiameterServer.builder()
                                .authApplication(4)
                                .start()
                                .policy(SocketPolicy.NO_DWA);
                Socket s = connect(mock)) {
            write(s, cer());
            assertThat(resultCode(read(s))).isEqualTo(2001);
            s.setSoTimeout(300);
            write(s, dwr());
            assertThat(readOrTimeout(s)).isEqualTo("timeout");
            write(s, ccr(2));
            assertThat(resultCode(read(s))).isEqualTo(2001);
        }
    }

    @Test
    void answerDelayHoldsTheAnswer() throws Exception {
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                Socket s = connect(mock)) {
            write(s, cer());
            read(s);
            mock.answerDelay(Duration.ofMillis(400));
            long t0 = System.nanoTime();
            write(s, ccr(3));
            read(s);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400);
        }
    }

    // ---- a raw client ----

    private static Socket connect(MockDiameterServer mock) throws IOException {
        Socket s = new Socket("127.0.0.1", mock.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static void write(Socket s, DiameterMessage m) throws IOException {
        s.getOutputStream().write(m.toBytes());
        s.getOutputStream().flush();
    }

    private static DiameterMessage read(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] head = new byte[4];
        in.readFully(head);
        int len = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        byte[] all = new byte[len];
        System.arraycopy(head, 0, all, 0, 4);
        in.readFully(all, 4, len - 4);
        return DECODER.decode(all, 0, len).message();
    }

    private static String readOrTimeout(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0 ? "closed" : "data";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (java.net.SocketException e) {
            return "closed";
        }
    }

    private static long resultCode(DiameterMessage m) {
        return m.find(268).asUnsigned32();
    }

    private static DiameterMessage cer() {
        return DiameterMessage.request(257, 0, false)
                .hopByHop(1)
                .endToEnd(1)
                .add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "client.example.com"))
                .add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, "example.com"))
                .add(Avp.ofUnsigned32(258, 0, Avp.FLAG_MANDATORY, 4));
    }

    private static DiameterMessage dwr() {
        return DiameterMessage.request(280, 0, false)
                .hopByHop(5)
                .endToEnd(5)
                .add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "client.example.com"))
                .add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, "example.com"));
    }

    private static DiameterMessage ccr(int hopByHop) {
        return DiameterMessage.request(272, 4, true)
                .hopByHop(hopByHop)
                .endToEnd(hopByHop)
                .add(Avp.ofUtf8(263, 0, Avp.FLAG_MANDATORY, "client.example.com;1;" + hopByHop))
                .add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "client.example.com"))
                .add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, "example.com"))
                .add(Avp.ofUnsigned32(258, 0, Avp.FLAG_MANDATORY, 4))
                .add(Avp.ofUnsigned32(416, 0, Avp.FLAG_MANDATORY, 4))
                .add(Avp.ofUnsigned32(415, 0, Avp.FLAG_MANDATORY, 0));
    }
}
