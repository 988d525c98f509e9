package org.diameter4j.node;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.fuzz.LogCapture;
import org.diameter4j.fuzz.SentViolations;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A whole {@link DiameterNode} — transport, peer state machine, validation, routing and a real OCS
 * behind it — fed hostile bytes over a loopback TCP connection, after a clean CER/CEA (RFC 6733
 * §5.3), so that the input reaches the open state. Each input is one connection. What must hold:
 *
 * <ul>
 *   <li>every byte the node sends back frames as valid Diameter messages (RFC 6733 §3), and each
 *       obeys its command grammar ({@code strict-send: log} reports any that does not);
 *   <li>nothing escapes an event loop: no exception reaches Netty's pipeline tail, no callback
 *       throws, no buffer leaks ({@link LogCapture});
 *   <li>the connection ends — the node answers and closes, or closes — within the read bound: no
 *       hang;
 *   <li>the node still serves the next connection (checked with every input: its CER is answered).
 * </ul>
 *
 * Slower than the codec targets (a connection per input, about a millisecond each): a campaign
 * reaches 10^5–10^6 inputs, not 10^8. The transport's own framing is fuzzed faster by {@code
 * FrameDecoderFuzzTest}.
 */
class NodeFuzzTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(DICT));
    private static final int READ_BOUND_MILLIS = 3000;
    private static DiameterNode node;
    private static int port;
    private static LogCapture log;
    private static byte[] cer;

    @BeforeAll
    static void start() {
        log = LogCapture.install();
        node =
                DiameterNode.start(
                        NodeConfig.builder("ocs.fuzz.example")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .strictSend(StrictSend.LOG)
                                .build());
        OcsSimulator.register(
                node,
                OcsConfig.of(java.util.Map.of()).withDefault(new Balance(1_000_000, 600, 100)));
        port = node.listenAddresses().get(0).getPort();
        DiameterMessage m = DiameterMessage.request(257, 0, false);
        m.add(DICT.avp("Origin-Host", "fuzzer.fuzz.example"));
        m.add(DICT.avp("Origin-Realm", "fuzz.example"));
        m.add(DICT.avp("Host-IP-Address", InetAddress.getLoopbackAddress()));
        m.add(DICT.avp("Vendor-Id", 0L));
        m.add(DICT.avp("Product-Name", "jazzer"));
        m.add(DICT.avp("Auth-Application-Id", 4L));
        ByteBuf b = Unpooled.buffer();
        m.encode(b);
        cer = new byte[b.readableBytes()];
        b.readBytes(cer);
        b.release();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void afterCapabilitiesExchange(byte[] input) throws IOException, InterruptedException {
        // Jazzer's SSRF detector flags every connect; these, to the node under test, are meant.
        try (SilentCloseable allowed = BugDetectors.allowNetworkConnections();
                Socket s = openPastCea()) {
            OutputStream out = s.getOutputStream();
            try {
                out.write(input);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedByTheNode) {
                // the node may close on the first bad bytes (RFC 6733 §3: framing lost)
            }
            checkFrames(readToEnd(s.getInputStream()));
        }
        List<String> escaped =
                log.take().stream().map(r -> r.getMessage() + " " + r.getThrown()).toList();
        if (!escaped.isEmpty()) {
            throw new AssertionError("escaped the event loop: " + escaped);
        }
        List<String> invalid = SentViolations.take();
        if (!invalid.isEmpty()) {
            throw new AssertionError("the node sent messages that break their grammar: " + invalid);
        }
    }

    /**
     * A connection past CER/CEA 2001. The previous input's connection may still be closing inside
     * the node when this one's CER arrives; RFC 6733 §5.6 (R-Open, R-Conn-CER → R-Reject) then
     * closes the new one without a CEA. That is retried for up to a second; after that the node has
     * stopped serving, which is a finding.
     */
    private static Socket openPastCea() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setSoTimeout(READ_BOUND_MILLIS);
            s.setTcpNoDelay(true);
            s.getOutputStream().write(cer);
            s.getOutputStream().flush();
            DiameterMessage cea = readOne(s.getInputStream());
            if (cea != null && cea.commandCode() == 257 && resultCode(cea) == 2001) {
                return s;
            }
            s.close();
            if (cea != null) {
                throw new AssertionError("the node answered a clean CER with " + cea);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the node has not answered a CER for a second");
    }

    /** Everything the node sent after the CEA: whole messages that decode cleanly, nothing else. */
    private static void checkFrames(byte[] bytes) {
        int p = 0;
        while (p < bytes.length) {
            if (bytes.length - p < 20) {
                throw new AssertionError(bytes.length - p + " stray bytes after the last message");
            }
            int len =
                    ((bytes[p + 1] & 0xff) << 16)
                            | ((bytes[p + 2] & 0xff) << 8)
                            | (bytes[p + 3] & 0xff);
            if (len < 20 || p + len > bytes.length) {
                throw new AssertionError("the node sent a message of length " + len + " at " + p);
            }
            DecodeResult r = DECODER.decode(bytes, p, len);
            if (!r.isSuccess()) {
                throw new AssertionError("the node sent a malformed message: " + r.failure());
            }
            p += len;
        }
    }

    private static DiameterMessage readOne(InputStream in) throws IOException {
        byte[] head;
        try {
            head = in.readNBytes(4);
        } catch (java.net.SocketException reset) {
            return null;
        }
        if (head.length < 4) {
            return null;
        }
        int len = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (len < 20 || len > 65536) {
            throw new AssertionError("bad CEA length " + len);
        }
        byte[] all = new byte[len];
        System.arraycopy(head, 0, all, 0, 4);
        if (in.readNBytes(all, 4, len - 4) != len - 4) {
            return null;
        }
        DecodeResult r = DECODER.decode(all, 0, len);
        return r.isSuccess() ? r.message() : null;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
                if (all.size() > 1 << 20) {
                    throw new AssertionError("the node sent more than 1 MiB in answer");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "the node neither answered nor closed within " + READ_BOUND_MILLIS + " ms");
        } catch (java.net.SocketException reset) {
            // a reset after the node closed on bad framing is a clean end
        }
        return all.toByteArray();
    }

    private static long resultCode(DiameterMessage m) {
        var rc = m.find(268, 0);
        return rc == null ? -1 : rc.asUnsigned32();
    }
}
