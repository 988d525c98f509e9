package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.testkit.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** TLS right after the TCP connect (RFC 6733 §13) with mutual authentication. */
@ExtendWith(LeakCheck.class)
class TlsConnectionTest {
    @TempDir static Path dir;

    static TestPki pki;
    static TestPki otherPki;

    private final Transport transport =
            Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT));
    private final RecordingHandler server = new RecordingHandler();
    private final CompletableFuture<Connection> accepted = new CompletableFuture<>();

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir, "good");
        otherPki = pki.wrongCa();
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

    private Listener listen(TlsConfig tls) throws Exception {
        return transport
                .listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        TransportProtocol.TCP,
                        tls,
                        c -> {
                            accepted.complete(c);
                            return server;
                        })
                .get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<Connection> connect(Listener l, TlsConfig tls, RecordingHandler h) {
        return transport.connect(l.localAddress(), null, TransportProtocol.TCP, tls, null, h);
    }

    @Test
    void mutualAuthentication() throws Exception {
        Listener l = listen(serverTls(pki));
        RecordingHandler client = new RecordingHandler();
        Connection c = connect(l, clientTls(pki), client).get(5, TimeUnit.SECONDS);
        assertThat(c.isTls()).isTrue();
        assertThat(c.toString()).endsWith(" tls");
        assertThat(c.peerCertificates()).isNotEmpty();
        assertThat(c.peerCertificates().get(0)).isEqualTo(pki.server().certificate());

        c.send(Messages.dwr(1));
        assertThat(server.next()).isEqualTo(Messages.dwr(1));
        Connection s = accepted.get(5, TimeUnit.SECONDS);
        assertThat(s.isTls()).isTrue();
        assertThat(s.peerCertificates().get(0)).isEqualTo(pki.client().certificate());
        s.send(Messages.dwr(2).answer());
        assertThat(client.next().hopByHop()).isEqualTo(2);

        c.close();
        assertThat(client.awaitClosed()).isNull();
        assertThat(server.awaitClosed()).isNull();
    }

    @Test
    void plainConnectionHasNoPeerCertificates() throws Exception {
        Listener l = listen(null);
        Connection c = connect(l, null, new RecordingHandler()).get(5, TimeUnit.SECONDS);
        assertThat(c.isTls()).isFalse();
        assertThat(c.peerCertificates()).isEmpty();
    }

    /** TLS 1.2: the client learns of the rejection within its handshake. */
    @Test
    void clientWithoutCertificateIsRejectedTls12() throws Exception {
        Listener l = listen(serverTls(pki).withProtocols(List.of("TLSv1.2")));
        RecordingHandler client = new RecordingHandler();
        var f = connect(l, TlsConfig.trustOnly(pki.ca()).withProtocols(List.of("TLSv1.2")), client);
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(SSLException.class);
        assertThat(server.awaitClosed()).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.messages).isEmpty();
        assertThat(client.closed).isNotDone(); // never handed over: no onClosed
    }

    /**
     * TLS 1.3: the client's handshake ends before the server has checked the client's (missing)
     * certificate, so the server's alert may arrive after the connect future completed; either way
     * the client ends up closed with a TLS exception and the server never delivers a message.
     */
    @Test
    void clientWithoutCertificateIsRejectedTls13() throws Exception {
        Listener l = listen(serverTls(pki));
        RecordingHandler client = new RecordingHandler();
        var f = connect(l, TlsConfig.trustOnly(pki.ca()), client);
        Throwable clientFailure;
        try {
            Connection c = f.get(5, TimeUnit.SECONDS);
            c.send(Messages.dwr(1));
            clientFailure = client.awaitClosed();
        } catch (ExecutionException e) {
            clientFailure = e.getCause();
        }
        assertThat(clientFailure).isInstanceOf(SSLException.class);
        assertThat(server.awaitClosed()).isInstanceOf(SSLHandshakeException.class);
        assertThat(server.messages).isEmpty();
    }

    @Test
    void serverFromAnotherCaIsRejected() throws Exception {
        Listener l = listen(serverTls(otherPki));
        var f = connect(l, clientTls(pki), new RecordingHandler());
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.awaitClosed()).isInstanceOf(SSLException.class);
    }

    @Test
    void clientFromAnotherCaIsRejected() throws Exception {
        Listener l = listen(serverTls(pki));
        TlsConfig foreignClient =
                TlsConfig.pem(otherPki.client().chain(), otherPki.client().key(), pki.ca())
                        .withProtocols(List.of("TLSv1.2"));
        var f = connect(l, foreignClient, new RecordingHandler());
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(SSLException.class);
        assertThat(server.awaitClosed()).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainClientAgainstTlsServerFailsOnTheServerSide() throws Exception {
        Listener l = listen(serverTls(pki));
        RecordingHandler client = new RecordingHandler();
        Connection c = connect(l, null, client).get(5, TimeUnit.SECONDS);
        c.send(Messages.dwr(1));
        assertThat(server.awaitClosed()).isInstanceOf(SSLException.class);
        client.awaitClosed();
        assertThat(server.messages).isEmpty();
    }

    @Test
    void serverWithoutOwnCertificateIsRefused() {
        var f =
                transport.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        TransportProtocol.TCP,
                        TlsConfig.trustOnly(pki.ca()),
                        c -> server);
        assertThatThrownBy(f::get)
                .cause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS: a server needs its own certificate");
    }

    @Test
    void tlsOverSctpIsRefused() {
        var f =
                transport.connect(
                        new InetSocketAddress("127.0.0.1", 3868),
                        null,
                        TransportProtocol.SCTP,
                        clientTls(pki),
                        null,
                        new RecordingHandler());
        assertThatThrownBy(f::get).cause().isInstanceOf(UnsupportedOperationException.class);
    }
}
