package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.PeerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client node and a server node on loopback: the whole stack, RFC 6733 §5.3, §5.4, §6. */
@Timeout(30)
class NodeLoopbackTest {
    private static final Dictionary D = Dictionary.standard();

    static DiameterNode server(String host, boolean acceptAny) {
        DiameterNode s =
                DiameterNode.start(
                        NodeConfig.builder(host)
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(acceptAny)
                                .build());
        s.handle(
                4,
                272,
                (req, ctx) -> {
                    DiameterMessage a = ctx.answer(req, 2001);
                    // ctx.answer echoes CC-Request-Type and -Number (RFC 4006 §3.2)
                    return CompletableFuture.completedFuture(a);
                });
        return s;
    }

    static DiameterMessage ccr(DiameterNode client) {
        return D.request("CCR", 4)
                .add(D.avp("Session-Id", client.newSessionId()))
                .add(D.avp("Origin-Host", client.identity().originHost()))
                .add(D.avp("Origin-Realm", client.identity().originRealm()))
                .add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(D.avp("CC-Request-Number", 0));
    }

    @Test
    void clientConnectsExchangesCapabilitiesSendsAndClosesWithDpr() throws Exception {
        try (DiameterNode server = server("ocs.example.net", true)) {
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    DiameterNode.start(
                            NodeConfig.builder("client.example.com")
                                    .application(ApplicationId.auth(4))
                                    .peer(
                                            PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                    .destinationHost("ocs.example.net")
                                                    .build())
                                    .build())) {
                var peer = client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
                assertThat(peer.status()).isEqualTo(PeerState.I_OPEN);
                assertThat(peer.remoteRealm()).isEqualTo("example.net");
                DiameterMessage cca = client.send(ccr(client)).get(5, TimeUnit.SECONDS);
                assertThat(D.get(cca, "Result-Code").asUnsigned32()).isEqualTo(2001);
                // M-09: Destination-Realm of the target peer was added.
                var serverPeer = server.peer("client.example.com");
                assertThat(serverPeer.status()).isEqualTo(PeerState.R_OPEN);
            }
            // close() sent a DPR: the server's dynamic peer is gone.
            long deadline = System.currentTimeMillis() + 5000;
            while (server.peer("client.example.com") != null
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.peer("client.example.com")).isNull();
        }
    }

    @Test
    void unknownPeerIsRefusedWith3010AndAwaitReadySaysWhy() {
        try (DiameterNode server = server("ocs.example.net", false)) {
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    DiameterNode.start(
                            NodeConfig.builder("client.example.com")
                                    .application(ApplicationId.auth(4))
                                    .peer(
                                            PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                    .destinationHost("ocs.example.net")
                                                    .build())
                                    .build())) {
                assertThatThrownBy(
                                () -> client.awaitReady("ocs.example.net", Duration.ofSeconds(2)))
                        .isInstanceOf(PeerNotReadyException.class)
                        .hasMessageContaining("3010")
                        .hasMessageContaining("DIAMETER_UNKNOWN_PEER");
            }
        }
    }

    @Test
    void connectionRefusedIsReportedInPlainWords() {
        try (DiameterNode client =
                DiameterNode.start(
                        NodeConfig.builder("client.example.com")
                                .application(ApplicationId.auth(4))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:1")
                                                .destinationHost("ocs.example.net")
                                                .build())
                                .build())) {
            assertThatThrownBy(() -> client.awaitReady("ocs.example.net", Duration.ofSeconds(2)))
                    .hasMessageContaining("connection refused by 127.0.0.1:1")
                    .hasMessageContaining("next attempt in");
        }
    }

    @Test
    void sendWithoutReadyPeerFailsFastWithTheReason() {
        try (DiameterNode client =
                DiameterNode.start(
                        NodeConfig.builder("client.example.com")
                                .application(ApplicationId.auth(4))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:1")
                                                .destinationHost("ocs.example.net")
                                                .build())
                                .build())) {
            assertThatThrownBy(() -> client.send(ccr(client)).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(NoRouteException.class);
        }
    }
}
