package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.node.TestNet.D;
import static org.diameter4j.node.TestNet.await;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Capabilities exchange over real loopback sockets (RFC 6733 §5.3, §5.6.1; M-04, M-05, M-17). */
@Timeout(20)
class CapabilitiesExchangeTest {

    static DiameterNode server(String host, String listen, ApplicationId app) {
        return DiameterNode.start(
                NodeConfig.builder(host)
                        .application(app)
                        .listen(listen)
                        .acceptAnyPeer(true)
                        .build());
    }

    static DiameterNode client(String uri, String destinationHost, ApplicationId app) {
        return DiameterNode.start(
                NodeConfig.builder("client.example.com")
                        .application(app)
                        .peer(
                                PeerConfig.connectTo(uri)
                                        .destinationHost(destinationHost)
                                        .tc(Duration.ofSeconds(30))
                                        .build())
                        .build());
    }

    /**
     * RFC 6733 §5.3.1 and M-04: Host-IP-Address is the connected socket's own address, never
     * 0.0.0.0.
     */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void cerCeaSucceedsAndHostIpAddressIsTheRealLocalAddress(String ip) throws Exception {
        String bracketed = ip.contains(":") ? "[" + ip + "]" : ip;
        try (DiameterNode server =
                server("ocs.example.net", bracketed + ":0", ApplicationId.auth(4))) {
            CopyOnWriteArrayList<DiameterMessage> cers = new CopyOnWriteArrayList<>();
            server.addListener(
                    NodeListener.messages(
                            t -> {
                                if (t.received()
                                        && t.message().commandCode() == 257
                                        && t.message().isRequest()) {
                                    cers.add(t.message());
                                }
                            }));
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    client(
                            "aaa://" + bracketed + ":" + port,
                            "ocs.example.net",
                            ApplicationId.auth(4))) {
                client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
                Peer peer = client.find("ocs.example.net");
                assertThat(peer.state()).isEqualTo(PeerState.I_OPEN);
                assertThat(peer.remote().originHost()).isEqualTo("ocs.example.net");
                assertThat(peer.remoteAddress().getAddress()).isEqualTo(InetAddress.getByName(ip));
                await(
                        Duration.ofSeconds(2),
                        () -> "the server traced no CER",
                        () -> !cers.isEmpty());
                InetAddress hostIp = cers.get(0).find(257).asAddress().inetAddress();
                assertThat(hostIp.isAnyLocalAddress()).isFalse();
                assertThat(hostIp).isEqualTo(peer.localAddress().getAddress());
                Peer serverSide = server.find("client.example.com");
                assertThat(serverSide.state()).isEqualTo(PeerState.R_OPEN);
                assertThat(serverSide.remoteAddress()).isEqualTo(peer.localAddress());
                assertThat(serverSide.remote().hostIpAddresses())
                        .containsExactly(serverSide.remoteAddress().getAddress());
            }
        }
    }

    /**
     * M-05: the CEA timer starts when the transport connects; a silent server is reported after it.
     */
    @Test
    void silentServerIsReportedAfterTheCeaTimeoutCountedFromTheConnect() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Long> acceptedAt = new CompletableFuture<>();
            Thread t =
                    new Thread(
                            () -> {
                                try (Socket s = raw.accept()) {
                                    acceptedAt.complete(System.nanoTime());
                                    InputStream in = s.getInputStream();
                                    while (in.read(new byte[1024]) >= 0) {
                                        // swallow the CER; never answer
                                    }
                                } catch (Exception e) {
                                    acceptedAt.completeExceptionally(e);
                                }
                            });
            t.setDaemon(true);
            t.start();
            try (DiameterNode client =
                    DiameterNode.start(
                            NodeConfig.builder("client.example.com")
                                    .application(ApplicationId.auth(4))
                                    .peer(
                                            PeerConfig.connectTo(
                                                            "aaa://127.0.0.1:" + raw.getLocalPort())
                                                    .destinationHost("ocs.example.net")
                                                    .ceaTimeout(Duration.ofSeconds(1))
                                                    .tc(Duration.ofSeconds(30))
                                                    .build())
                                    .build())) {
                long connected = acceptedAt.get(5, TimeUnit.SECONDS);
                Peer p = client.find("ocs.example.net");
                await(
                        Duration.ofSeconds(4),
                        () -> "no CEA timeout reported; last failure " + p.lastFailure(),
                        () ->
                                p.lastFailure() != null
                                        && p.lastFailure().contains("no CEA within")
                                        && p.state() == PeerState.CLOSED);
                long elapsedMs = (System.nanoTime() - connected) / 1_000_000;
                assertThat(p.lastFailure()).startsWith("connected, but no CEA within 1 s");
                assertThat(elapsedMs)
                        .as("reported %d ms after the connect", elapsedMs)
                        .isBetween(900L, 2_500L);
                assertThat(p.state()).isEqualTo(PeerState.CLOSED);
                assertThat(p.reconnectRemainingSeconds()).isPositive();
            }
        }
    }

    /**
     * RFC 6733 §5.3: 5010 DIAMETER_NO_COMMON_APPLICATION, and the client says which apps each side
     * has.
     */
    @Test
    void noCommonApplicationListsBothSides() {
        try (DiameterNode server =
                server(
                        "hss.example.net",
                        "127.0.0.1:0",
                        ApplicationId.vendorAuth(10415, 16777251))) {
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    client("aaa://127.0.0.1:" + port, "hss.example.net", ApplicationId.auth(4))) {
                assertThatThrownBy(
                                () -> client.awaitReady("hss.example.net", Duration.ofSeconds(2)))
                        .isInstanceOf(PeerNotReadyException.class)
                        .hasMessageContaining("5010")
                        .hasMessageContaining("DIAMETER_NO_COMMON_APPLICATION")
                        .hasMessageContaining("16777251")
                        .hasMessageContaining("auth 4");
            }
        }
    }

    /**
     * M-17, seed 003: a CEA from another host than the configured one is refused and the peer
     * reset.
     */
    @Test
    void ceaOriginHostMismatchIsRefusedAndThePeerReset() throws Exception {
        try (DiameterNode server =
                server("ocs.wrong-realm.com", "127.0.0.1:0", ApplicationId.auth(4))) {
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    client("aaa://127.0.0.1:" + port, "ocs.realm-1.com", ApplicationId.auth(4))) {
                assertThatThrownBy(
                                () -> client.awaitReady("ocs.realm-1.com", Duration.ofSeconds(2)))
                        .isInstanceOf(PeerNotReadyException.class)
                        .hasMessageContaining("ocs.wrong-realm.com")
                        .hasMessageContaining("mismatch with locally stored information");
                Peer p = client.find("ocs.realm-1.com");
                assertThat(p.state()).isEqualTo(PeerState.CLOSED);
                assertThat(p.reconnectRemainingSeconds())
                        .as("reconnect scheduled")
                        .isBetween(1L, 30L);
                // The server's side of the connection goes away too.
                await(
                        Duration.ofSeconds(3),
                        () -> "server still has the client",
                        () ->
                                server.peer("client.example.com") == null
                                        || server.peer("client.example.com").status()
                                                == PeerState.CLOSED);
            }
        }
    }

    /** RFC 6733 §5.6.1: an inbound connection whose first message is not a CER is closed. */
    @Test
    void inboundConnectionStartingWithSomethingElseIsClosed() throws Exception {
        try (DiameterNode server = server("ocs.example.net", "127.0.0.1:0", ApplicationId.auth(4));
                Socket s = new Socket("127.0.0.1", server.listenAddresses().get(0).getPort())) {
            DiameterMessage dwr =
                    DiameterMessage.request(280, 0, false)
                            .add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "intruder.example.com"))
                            .add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, "example.com"));
            dwr.hopByHop(1).endToEnd(1);
            TestNet.write(s.getOutputStream(), dwr);
            s.setSoTimeout(3_000);
            assertThat(TestNet.closedByPeer(s)).as("closed without an answer").isTrue();
        }
    }

    /**
     * RFC 6733 §5.6.1: "... or if an implementation-defined timeout occurs prior to receipt of
     * CER".
     */
    @Test
    void inboundConnectionThatSaysNothingIsClosedAfterTheCerTimeout() throws Exception {
        try (DiameterNode server =
                        DiameterNode.start(
                                NodeConfig.builder("ocs.example.net")
                                        .application(ApplicationId.auth(4))
                                        .listen("127.0.0.1:0")
                                        .cerTimeout(Duration.ofSeconds(1))
                                        .build());
                Socket s = new Socket("127.0.0.1", server.listenAddresses().get(0).getPort())) {
            long start = System.nanoTime();
            s.setSoTimeout(4_000);
            assertThat(TestNet.closedByPeer(s)).isTrue();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).as("closed after %d ms", ms).isBetween(900L, 3_000L);
        }
    }

    /** Requests flow both ways after the exchange (M-11): a CCR answered by the server. */
    @Test
    void applicationRequestFlowsAfterTheExchange() throws Exception {
        try (DiameterNode server =
                server("ocs.example.net", "127.0.0.1:0", ApplicationId.auth(4))) {
            server.handle(
                    4, 272, (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001)));
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    client("aaa://127.0.0.1:" + port, "ocs.example.net", ApplicationId.auth(4))) {
                client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
                DiameterMessage cca =
                        client.send(RequestHandlingTest.ccr(client)).get(5, TimeUnit.SECONDS);
                assertThat(D.get(cca, "Result-Code").asUnsigned32()).isEqualTo(2001);
            }
        }
    }
}
