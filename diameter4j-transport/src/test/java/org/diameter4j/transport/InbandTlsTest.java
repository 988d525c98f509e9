package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.testkit.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-band TLS (RFC 3588 §13, Inband-Security-Id TLS): plaintext CER, the responder arms TLS and
 * sends its CEA in plaintext, the initiator starts the handshake on receiving it.
 */
@ExtendWith(LeakCheck.class)
class InbandTlsTest {
    @TempDir static Path dir;

    static TestPki pki;

    private final Transport transport =
            Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT));

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir, "inband");
    }

    private static TlsConfig serverTls(TestPki p) {
        return TlsConfig.pem(p.server().chain(), p.server().key(), p.ca());
    }

    private static TlsConfig clientTls(TestPki p) {
        return TlsConfig.pem(p.client().chain(), p.client().key(), p.ca());
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void cerCeaInPlaintextThenTls() throws Exception {
        CompletableFuture<Void> serverTls = new CompletableFuture<>();
        RecordingHandler server = new RecordingHandler();
        server.onMessage =
                (c, m) -> {
                    if (m.commandCode() == Messages.CER && m.isRequest()) {
                        assertThat(c.isTls()).isFalse();
                        // Arm TLS before the CEA: the CEA still leaves in plaintext.
                        c.startTls(serverTls(pki), false)
                                .whenComplete(
                                        (v, t) -> {
                                            if (t == null) {
                                                serverTls.complete(null);
                                            } else {
                                                serverTls.completeExceptionally(t);
                                            }
                                        });
                        c.send(m.answer());
                    }
                };
        Listener l =
                transport
                        .listen(
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportProtocol.TCP,
                                null,
                                c -> server)
                        .get(5, TimeUnit.SECONDS);

        CompletableFuture<Void> clientTls = new CompletableFuture<>();
        RecordingHandler client = new RecordingHandler();
        client.onMessage =
                (c, m) -> {
                    if (m.commandCode() == Messages.CER && !m.isRequest()) {
                        c.startTls(clientTls(pki), true)
                                .whenComplete(
                                        (v, t) -> {
                                            if (t == null) {
                                                clientTls.complete(null);
                                            } else {
                                                clientTls.completeExceptionally(t);
                                            }
                                        });
                    }
                };
        Connection c =
                transport
                        .connect(l.localAddress(), null, TransportProtocol.TCP, null, null, client)
                        .get(5, TimeUnit.SECONDS);
        c.send(Messages.cer());

        DiameterMessage cea = client.next();
        assertThat(cea.commandCode()).isEqualTo(Messages.CER);
        clientTls.get(5, TimeUnit.SECONDS);
        serverTls.get(5, TimeUnit.SECONDS);
        assertThat(c.isTls()).isTrue();
        assertThat(c.peerCertificates().get(0)).isEqualTo(pki.server().certificate());

        assertThat(server.next().commandCode()).isEqualTo(Messages.CER);
        c.send(Messages.dwr(5));
        assertThat(server.next()).isEqualTo(Messages.dwr(5));
        c.close();
        assertThat(client.awaitClosed()).isNull();
        assertThat(server.awaitClosed()).isNull();
    }

    @Test
    void failedInbandHandshakeClosesTheConnection() throws Exception {
        TestPki other = pki.wrongCa();
        CompletableFuture<Throwable> serverTls = new CompletableFuture<>();
        RecordingHandler server = new RecordingHandler();
        server.onMessage =
                (c, m) -> {
                    c.startTls(serverTls(other), false)
                            .whenComplete((v, t) -> serverTls.complete(t));
                    c.send(m.answer());
                };
        Listener l =
                transport
                        .listen(
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportProtocol.TCP,
                                null,
                                c -> server)
                        .get(5, TimeUnit.SECONDS);
        CompletableFuture<Throwable> clientTls = new CompletableFuture<>();
        RecordingHandler client = new RecordingHandler();
        client.onMessage =
                (c, m) ->
                        c.startTls(clientTls(pki), true)
                                .whenComplete((v, t) -> clientTls.complete(t));
        Connection c =
                transport
                        .connect(l.localAddress(), null, TransportProtocol.TCP, null, null, client)
                        .get(5, TimeUnit.SECONDS);
        c.send(Messages.cer());
        assertThat(clientTls.get(5, TimeUnit.SECONDS))
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        assertThat(serverTls.get(5, TimeUnit.SECONDS))
                .isInstanceOf(javax.net.ssl.SSLException.class);
        assertThat(client.awaitClosed()).isInstanceOf(javax.net.ssl.SSLException.class);
        assertThat(server.awaitClosed()).isNotNull();
    }

    @Test
    void startTlsTwiceFails() throws Exception {
        RecordingHandler server = new RecordingHandler();
        Listener l =
                transport
                        .listen(
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportProtocol.TCP,
                                serverTls(pki),
                                c -> server)
                        .get(5, TimeUnit.SECONDS);
        Connection c =
                transport
                        .connect(
                                l.localAddress(),
                                null,
                                TransportProtocol.TCP,
                                clientTls(pki),
                                null,
                                new RecordingHandler())
                        .get(5, TimeUnit.SECONDS);
        var f = c.startTls(clientTls(pki), true);
        assertThat(f)
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableThat()
                .withMessageContaining("already active");
    }
}
