package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.node.TestNet.D;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.PeerState;
import org.diameter4j.testkit.TestPki;
import org.diameter4j.transport.TlsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS at connect (aaas://, RFC 6733 §13) with mutual authentication, and in-band TLS after CER/CEA
 * (RFC 3588 §13).
 */
@Timeout(20)
class TlsTest {
    @TempDir static Path dir;

    static TestPki certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestPki.create(dir, "diameter4j");
    }

    private static TlsConfig serverTls() {
        return TlsConfig.pem(certs.server().chain(), certs.server().key(), certs.ca());
    }

    private static TlsConfig clientTls() {
        return TlsConfig.pem(certs.client().chain(), certs.client().key(), certs.ca());
    }

    private static DiameterNode tlsServer() {
        DiameterNode s =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("aaas://127.0.0.1:0")
                                .listenTls(serverTls())
                                .acceptAnyPeer(true)
                                .build());
        s.handle(4, 272, (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001)));
        return s;
    }

    private static DiameterNode client(String uri, TlsConfig tls, boolean inband) {
        return DiameterNode.start(
                NodeConfig.builder("client.example.com")
                        .application(ApplicationId.auth(4))
                        .peer(
                                PeerConfig.connectTo(uri)
                                        .destinationHost("ocs.example.net")
                                        .tls(tls)
                                        .inbandTls(inband)
                                        .tc(Duration.ofSeconds(30))
                                        .build())
                        .build());
    }

    @Test
    void mutualTlsAtConnect() throws Exception {
        try (DiameterNode server = tlsServer();
                DiameterNode client =
                        client(
                                "aaas://127.0.0.1:" + server.listenAddresses().get(0).getPort(),
                                clientTls(),
                                false)) {
            assertThat(client.awaitReady("ocs.example.net", Duration.ofSeconds(5)).status())
                    .isEqualTo(PeerState.I_OPEN);
            DiameterMessage cca =
                    client.send(RequestHandlingTest.ccr(client)).get(5, TimeUnit.SECONDS);
            assertThat(D.get(cca, "Result-Code").asUnsigned32()).isEqualTo(2001);
        }
    }

    /**
     * RFC 6733 §13: "mutual authentication ... MUST be used" — a client without a certificate is
     * refused.
     */
    @Test
    void clientWithoutCertificateIsRefused() {
        try (DiameterNode server = tlsServer();
                DiameterNode client =
                        client(
                                "aaas://127.0.0.1:" + server.listenAddresses().get(0).getPort(),
                                TlsConfig.trustOnly(certs.ca()),
                                false)) {
            assertThatThrownBy(() -> client.awaitReady("ocs.example.net", Duration.ofSeconds(3)))
                    .isInstanceOf(PeerNotReadyException.class)
                    .hasMessageContaining("TLS");
            assertThat(server.peer("client.example.com")).isNull();
        }
    }

    /**
     * In-band TLS: CER and CEA offer Inband-Security-Id TLS, the CER leaves in plaintext, then the
     * handshake; every later byte from the client is TLS. A recording relay checks the wire.
     */
    @Test
    void inbandTlsAfterCapabilitiesExchange() throws Exception {
        try (DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .listenTls(serverTls())
                                .peer(
                                        PeerConfig.builder()
                                                .destinationHost("client.example.com")
                                                .tls(serverTls())
                                                .inbandTls(true)
                                                .build())
                                .build())) {
            server.handle(
                    4, 272, (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001)));
            try (TestNet.Recorder wire =
                            new TestNet.Recorder(
                                    new InetSocketAddress(
                                            "127.0.0.1",
                                            server.listenAddresses().get(0).getPort()));
                    DiameterNode client =
                            client("aaa://127.0.0.1:" + wire.port(), clientTls(), true)) {
                client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
                DiameterMessage ccr = RequestHandlingTest.ccr(client);
                String sessionId = D.get(ccr, "Session-Id").asUtf8();
                DiameterMessage cca = client.send(ccr).get(5, TimeUnit.SECONDS);
                assertThat(D.get(cca, "Result-Code").asUnsigned32()).isEqualTo(2001);
                assertThat(server.peer("client.example.com").status()).isEqualTo(PeerState.R_OPEN);

                byte[] sent = wire.clientBytes();
                assertThat(sent[0]).as("the CER is plain Diameter (version 1)").isEqualTo((byte) 1);
                int cerLength =
                        ((sent[1] & 0xff) << 16) | ((sent[2] & 0xff) << 8) | (sent[3] & 0xff);
                assertThat(sent.length).isGreaterThan(cerLength);
                assertThat(sent[cerLength])
                        .as("a TLS handshake record follows the CER")
                        .isEqualTo((byte) 0x16);
                assertThat(new String(sent, StandardCharsets.ISO_8859_1))
                        .as("the CCR is encrypted")
                        .doesNotContain(sessionId);
            }
        }
    }
}
