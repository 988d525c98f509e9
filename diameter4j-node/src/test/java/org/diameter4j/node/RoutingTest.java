package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.node.Servers.ccr;
import static org.diameter4j.node.Servers.originHost;
import static org.diameter4j.node.Servers.peer;
import static org.diameter4j.node.Servers.port;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seed 003's three selection steps (M-18): forwarding, realm routing, the default peer. */
@Timeout(60)
class RoutingTest {

    @Test
    void seed003SelectionOrderForwardingRoutingThenDefaultPeer() throws Exception {
        Servers.Seen s1 = new Servers.Seen();
        Servers.Seen s2 = new Servers.Seen();
        Servers.Seen s3 = new Servers.Seen();
        DiameterNode dra1 = Servers.gy("dra-1.realm-2.com", s1);
        DiameterNode dra2 = Servers.gy("dra-2.realm-2.com", s2);
        try (DiameterNode backup = Servers.gy("backup.realm-3.com", s3);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("bng-gx.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        // Listed out of order: the table orders them.
                                        .peer(
                                                peer("backup.realm-3.com", port(backup))
                                                        .index(3)
                                                        .defaultPeer(true)
                                                        .build())
                                        .peer(
                                                peer("dra-2.realm-2.com", port(dra2))
                                                        .index(2)
                                                        .preference(20)
                                                        .build())
                                        .peer(
                                                peer("dra-1.realm-2.com", port(dra1))
                                                        .index(1)
                                                        .preference(10)
                                                        .build())
                                        .build())) {
            for (String h :
                    new String[] {"dra-1.realm-2.com", "dra-2.realm-2.com", "backup.realm-3.com"}) {
                client.awaitReady(h, Duration.ofSeconds(5));
            }
            // The realm routing table, as seed 003 shows it.
            RoutingTable t = client.routes();
            assertThat(t.routes())
                    .extracting(RoutingTable.Route::serverIdentifier)
                    .containsExactly(
                            "dra-1.realm-2.com", "dra-2.realm-2.com", "backup.realm-3.com");
            assertThat(t.routes().get(0).realm()).isEqualTo("realm-2.com");
            assertThat(t.routes().get(0).preference()).isEqualTo(10);
            assertThat(t.routes().get(0).index()).isEqualTo(1);
            assertThat(t.routes().get(0).applicationNames()).isEqualTo("gy");
            assertThat(NodeShow.routes(t))
                    .contains("realm-2.com\n           gy            10    1   dra-1.realm-2.com")
                    .contains("No. of routes: 3");
            assertThat(NodeShow.peers(client.peers()))
                    .contains(
                            "dra-1.realm-2.com                      I-Open        No      10         Yes")
                    .contains(
                            "backup.realm-3.com                     I-Open        Yes     50         Yes");

            // 2. Routing: realm-2.com → the preference-10 peer, every time.
            for (int i = 0; i < 3; i++) {
                assertThat(originHost(send(client, ccr(client, "realm-2.com", null))))
                        .isEqualTo("dra-1.realm-2.com");
            }
            // 1. Forwarding: Destination-Host names the preference-20 peer.
            assertThat(originHost(send(client, ccr(client, "realm-2.com", "dra-2.realm-2.com"))))
                    .isEqualTo("dra-2.realm-2.com");
            // 3. The default peer: for a realm no route serves.
            assertThat(originHost(send(client, ccr(client, "realm-9.com", null))))
                    .isEqualTo("backup.realm-3.com");
            assertThat(s3.handled.get()).isEqualTo(1);

            // The preferred peer goes down: its route leaves, the preference-20 peer takes over.
            dra1.close();
            Servers.awaitClosed(client, "dra-1.realm-2.com");
            assertThat(client.routes().routes())
                    .extracting(RoutingTable.Route::serverIdentifier)
                    .containsExactly("dra-2.realm-2.com", "backup.realm-3.com");
            assertThat(originHost(send(client, ccr(client, "realm-2.com", null))))
                    .isEqualTo("dra-2.realm-2.com");
            // A request fixed to the host that is down is not sent elsewhere: 3002.
            assertThatThrownBy(() -> send(client, ccr(client, "realm-2.com", "dra-1.realm-2.com")))
                    .hasCauseInstanceOf(NoRouteException.class)
                    .satisfies(
                            e ->
                                    assertThat(((NoRouteException) e.getCause()).resultCode())
                                            .isEqualTo(3002));

            // Both realm-2.com peers down: only now the default peer carries realm-2.com.
            dra2.close();
            Servers.awaitClosed(client, "dra-2.realm-2.com");
            assertThat(originHost(send(client, ccr(client, "realm-2.com", null))))
                    .isEqualTo("backup.realm-3.com");
            assertThat(s1.handled.get()).isEqualTo(3);
            assertThat(s2.handled.get()).isEqualTo(2);
            assertThat(s3.handled.get()).isEqualTo(2);
        } finally {
            dra1.close();
            dra2.close();
        }
    }

    @Test
    void noRouteIs3003ForAnUnknownRealmWithoutDefaultPeer() throws Exception {
        Servers.Seen s1 = new Servers.Seen();
        try (DiameterNode dra1 = Servers.gy("dra-1.realm-2.com", s1);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("bng-gx.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(peer("dra-1.realm-2.com", port(dra1)).build())
                                        .build())) {
            client.awaitReady("dra-1.realm-2.com", Duration.ofSeconds(5));
            assertThatThrownBy(() -> send(client, ccr(client, "realm-9.com", null)))
                    .hasCauseInstanceOf(NoRouteException.class)
                    .satisfies(
                            e ->
                                    assertThat(((NoRouteException) e.getCause()).resultCode())
                                            .isEqualTo(3003));
        }
    }

    @Test
    void aPeerThatAnswered3004IsAvoidedWhileAnotherCanTakeTheRequest() throws Exception {
        Servers.Seen s1 = new Servers.Seen();
        Servers.Seen s2 = new Servers.Seen();
        s1.resultCode = r -> 3004L;
        try (DiameterNode dra1 = Servers.gy("dra-1.realm-2.com", s1);
                DiameterNode dra2 = Servers.gy("dra-2.realm-2.com", s2);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("bng-gx.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        .busyBackoff(Duration.ofSeconds(30))
                                        .peer(
                                                peer("dra-1.realm-2.com", port(dra1))
                                                        .index(1)
                                                        .preference(10)
                                                        .build())
                                        .peer(
                                                peer("dra-2.realm-2.com", port(dra2))
                                                        .index(2)
                                                        .preference(20)
                                                        .build())
                                        .build())) {
            client.awaitReady("dra-1.realm-2.com", Duration.ofSeconds(5));
            client.awaitReady("dra-2.realm-2.com", Duration.ofSeconds(5));
            var busy = send(client, ccr(client, "realm-2.com", null));
            assertThat(Servers.resultCode(busy)).isEqualTo(3004);
            assertThat(busy.isError()).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(originHost(send(client, ccr(client, "realm-2.com", null))))
                        .isEqualTo("dra-2.realm-2.com");
            }
            assertThat(s1.handled.get()).isEqualTo(1);
        }
    }

    @Test
    void aSecondDefaultPeerIsRefusedInTheBuilderAndAtRunTime() throws Exception {
        assertThatThrownBy(
                        () ->
                                NodeConfig.builder("bng-gx.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(
                                                PeerConfig.builder()
                                                        .destinationHost("dra-1.realm-2.com")
                                                        .index(1)
                                                        .defaultPeer(true)
                                                        .build())
                                        .peer(
                                                PeerConfig.builder()
                                                        .destinationHost("dra-2.realm-2.com")
                                                        .index(2)
                                                        .defaultPeer(true)
                                                        .build())
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peer index 2 (dra-2.realm-2.com)")
                .hasMessageContaining("peer index 1 (dra-1.realm-2.com)")
                .hasMessageContaining("at most one default peer");
        try (DiameterNode node =
                DiameterNode.start(
                        NodeConfig.builder("bng-gx.realm-1.com")
                                .application(ApplicationId.auth(4))
                                .peer(
                                        PeerConfig.builder()
                                                .destinationHost("dra-1.realm-2.com")
                                                .index(1)
                                                .defaultPeer(true)
                                                .build())
                                .build())) {
            assertThatThrownBy(
                            () ->
                                    node.addPeer(
                                            PeerConfig.builder()
                                                    .destinationHost("dra-2.realm-2.com")
                                                    .index(2)
                                                    .defaultPeer(true)
                                                    .build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dra-1.realm-2.com")
                    .hasMessageContaining("at most one default peer");
            assertThat(node.peers()).hasSize(1);
            // Removed, the default peer can be replaced.
            node.removePeer("dra-1.realm-2.com").get(5, TimeUnit.SECONDS);
            node.addPeer(
                    PeerConfig.builder()
                            .destinationHost("dra-2.realm-2.com")
                            .index(2)
                            .defaultPeer(true)
                            .build());
            assertThat(node.peer("dra-2.realm-2.com").defaultPeer()).isTrue();
        }
    }

    static org.diameter4j.codec.DiameterMessage send(
            DiameterNode client, org.diameter4j.codec.DiameterMessage m) throws Exception {
        try {
            return client.send(m).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }
}
