package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.Servers.ccr;
import static org.diameter4j.node.Servers.peer;
import static org.diameter4j.node.Servers.port;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client → our relay → server (RFC 6733 §2.8, §6.1.9, §6.2.2). */
@Timeout(60)
class RelayTest {

    @Test
    void requestsAreRelayedWithRouteRecordAndAnswersComeBack() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        try (DiameterNode server = Servers.gy("ocs.realm-s.net", seen);
                DiameterNode relay =
                        DiameterNode.start(
                                NodeConfig.builder("relay.realm-r.net")
                                        .relay(true)
                                        .listen("127.0.0.1:0")
                                        .acceptAnyPeer(true)
                                        .peer(peer("ocs.realm-s.net", port(server)).build())
                                        .build());
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("client.realm-c.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(
                                                peer("relay.realm-r.net", port(relay))
                                                        .defaultPeer(true)
                                                        .build())
                                        .build())) {
            relay.awaitReady("ocs.realm-s.net", Duration.ofSeconds(5));
            client.awaitReady("relay.realm-r.net", Duration.ofSeconds(5));
            assertThat(relay.config().relay()).isTrue();
            assertThat(client.find("relay.realm-r.net").remote().applications())
                    .contains(ApplicationId.relay());
            assertThat(relay.routes().routes())
                    .filteredOn(r -> r.realm().equals("realm-s.net"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.serverIdentifier()).isEqualTo("ocs.realm-s.net"));

            List<DiameterMessage> sentByClient = new CopyOnWriteArrayList<>();
            client.addListener(
                    NodeListener.messages(
                            t -> {
                                if (!t.received() && t.message().commandCode() == 272) {
                                    sentByClient.add(t.message());
                                }
                            }));
            // An AVP no dictionary knows travels unchanged.
            Avp unknown = Avp.ofBytes(4242, 99999, 0, new byte[] {1, 2, 3, 4, 5, 6, 7});
            DiameterMessage req = ccr(client, "realm-s.net", null).add(unknown);
            DiameterMessage answer = client.send(req).get(5, TimeUnit.SECONDS);
            assertThat(Servers.resultCode(answer)).isEqualTo(2001);
            assertThat(Servers.originHost(answer)).isEqualTo("ocs.realm-s.net");
            assertThat(answer.endToEnd()).isEqualTo(sentByClient.get(0).endToEnd());

            DiameterMessage atServer = seen.requests.get(0);
            List<Avp> avps = atServer.avps().toList();
            Avp last = avps.get(avps.size() - 1);
            assertThat(last.code()).isEqualTo(282); // Route-Record
            assertThat(last.asUtf8()).isEqualTo("client.realm-c.com");
            assertThat(atServer.endToEnd()).isEqualTo(sentByClient.get(0).endToEnd());
            // Byte for byte what the client sent, but for the added Route-Record.
            DiameterMessage sent = sentByClient.get(0);
            DiameterMessage rebuilt =
                    new DiameterMessage(
                            sent.flags(),
                            sent.commandCode(),
                            sent.applicationId(),
                            sent.hopByHop(),
                            sent.endToEnd());
            for (Avp a : avps.subList(0, avps.size() - 1)) {
                rebuilt.add(a);
            }
            assertThat(rebuilt.toBytes()).isEqualTo(sent.toBytes());

            // Forwarding by Destination-Host through the relay.
            DiameterMessage byHost = ccr(client, "realm-s.net", "ocs.realm-s.net");
            assertThat(Servers.resultCode(client.send(byHost).get(5, TimeUnit.SECONDS)))
                    .isEqualTo(2001);

            // Our identity already in the Route-Record: a loop, 3005 with the E bit.
            DiameterMessage looped =
                    ccr(client, "realm-s.net", null)
                            .add(Servers.D.avp("Route-Record", "relay.realm-r.net"));
            DiameterMessage loop = client.send(looped).get(5, TimeUnit.SECONDS);
            assertThat(Servers.resultCode(loop)).isEqualTo(3005);
            assertThat(loop.isError()).isTrue();

            // No route: 3003 with the E bit and Error-Reporting-Host = the relay.
            DiameterMessage lost =
                    client.send(ccr(client, "nowhere.example", null)).get(5, TimeUnit.SECONDS);
            assertThat(Servers.resultCode(lost)).isEqualTo(3003);
            assertThat(lost.isError()).isTrue();
            assertThat(Servers.D.get(lost, "Error-Reporting-Host").asUtf8())
                    .isEqualTo("relay.realm-r.net");
            // The server handled exactly the two requests that could reach it.
            assertThat(seen.handled.get()).isEqualTo(2);
            assertThat(relay.metrics().requestsSent("ocs.realm-s.net", 4)).isEqualTo(2);
            assertThat(relay.metrics().requestsReceived("client.realm-c.com", 4)).isEqualTo(4);
        }
    }

    @Test
    void theRelayOptionIsReadFromYaml() {
        NodeConfig c =
                NodeConfigLoader.parse(
                        """
                        node:
                          origin-host: dra-1.realm-2.com
                          relay: true
                          duplicate-window: 30s
                          duplicate-capacity: 1000
                        peers:
                          - destination-host: ocs.realm-3.com
                            address: 127.0.0.1
                        """,
                        "relay.yaml",
                        java.nio.file.Path.of("."));
        assertThat(c.relay()).isTrue();
        assertThat(c.identity().applications()).containsExactly(ApplicationId.relay());
        assertThat(c.duplicateWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.duplicateCapacity()).isEqualTo(1000);
    }
}
