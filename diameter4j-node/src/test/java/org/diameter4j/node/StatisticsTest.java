package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.Servers.ccr;
import static org.diameter4j.node.Servers.peer;
import static org.diameter4j.node.Servers.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.MessageKind;
import org.diameter4j.peer.PeerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Seed 003's peer details, statistics, events and failure reports; metrics (M-19 … M-21, M-26). */
@Timeout(60)
class StatisticsTest {

    @Test
    void countsMatchAScriptedExchangeExactly() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        try (DiameterNode server = Servers.gy("ocs.example.net", seen);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("client.example.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(
                                                peer("ocs.example.net", port(server))
                                                        .index(3)
                                                        .preference(10)
                                                        .build())
                                        .build())) {
            client.addListener(NodeListener.events(events::add));
            Instant before = client.peer("ocs.example.net").lastManagementChange();
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            int n = 5;
            for (int i = 0; i < n; i++) {
                client.send(ccr(client, "example.net", null)).get(5, TimeUnit.SECONDS);
            }
            PeerStatistics c = client.statistics("ocs.example.net");
            assertThat(c.sent(MessageKind.CER)).isEqualTo(1);
            assertThat(c.received(MessageKind.CER)).isZero();
            assertThat(c.sent(MessageKind.CEA)).isZero();
            assertThat(c.received(MessageKind.CEA)).isEqualTo(1);
            assertThat(c.sent(MessageKind.APP_REQUEST)).isEqualTo(n);
            assertThat(c.received(MessageKind.APP_ANSWER)).isEqualTo(n);
            assertThat(c.received(MessageKind.APP_REQUEST)).isZero();
            assertThat(c.sent(MessageKind.APP_ANSWER)).isZero();
            for (MessageKind k :
                    List.of(MessageKind.DPR, MessageKind.DPA, MessageKind.DWR, MessageKind.DWA)) {
                assertThat(c.sent(k)).isZero();
                assertThat(c.received(k)).isZero();
            }
            assertThat(c.lastCleared()).isNull();
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "server side",
                    () ->
                            server.statistics("client.example.com") != null
                                    && server.statistics("client.example.com")
                                                    .sent(MessageKind.APP_ANSWER)
                                            == n);
            PeerStatistics s = server.statistics("client.example.com");
            assertThat(s.received(MessageKind.CER)).isEqualTo(1);
            assertThat(s.sent(MessageKind.CEA)).isEqualTo(1);
            assertThat(s.received(MessageKind.APP_REQUEST)).isEqualTo(n);
            assertThat(s.sent(MessageKind.APP_ANSWER)).isEqualTo(n);
            assertThat(NodeShow.statistics(c))
                    .contains("Capabilities-Exchange-Request        1                    0")
                    .contains("Application message request          5                    0")
                    .contains("Last cleared time: N/A");

            // One peer in detail.
            PeerView v = client.peer("ocs.example.net");
            assertThat(v.index()).isEqualTo(3);
            assertThat(v.status()).isEqualTo(PeerState.I_OPEN);
            assertThat(v.adminEnabled()).isTrue();
            assertThat(v.active()).isTrue();
            assertThat(v.activeApplicationNames()).isEqualTo("gy");
            assertThat(v.preference()).isEqualTo(10);
            assertThat(v.defaultPeer()).isFalse();
            assertThat(v.connectionTimerSeconds()).isEqualTo(-1);
            assertThat(v.watchdogTimerSeconds()).isBetween(1L, 33L);
            assertThat(v.pendingMessages()).isZero();
            assertThat(v.remoteRealm()).isEqualTo("example.net");
            assertThat(v.remoteAddress().getPort()).isEqualTo(port(server));
            assertThat(v.remoteOriginStateId()).isEqualTo(server.identity().originStateId());
            assertThat(v.localHostIdentity()).isEqualTo("client.example.com");
            assertThat(v.localRealm()).isEqualTo("example.com");
            assertThat(v.localAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            String shown = NodeShow.peer(v);
            assertThat(shown)
                    .contains("Index                       : 3")
                    .contains("Status                      : I-Open")
                    .contains("Administrative state        : enabled")
                    .contains("Active applications         : gy")
                    .contains("Connection timer (s)        : N/A")
                    .contains("Remote IP address           : 127.0.0.1")
                    .contains("Local host identity         : client.example.com");

            // Metrics.
            String text = client.metrics().prometheus();
            String labels =
                    "node=\"client.example.com\",peer=\"ocs.example.net\",application=\"4\"";
            assertThat(text)
                    .contains("# TYPE diameter_requests_sent_total counter")
                    .contains("diameter_requests_sent_total{" + labels + "} 5")
                    .contains(
                            "diameter_answers_received_total{"
                                    + labels
                                    + ",result_code=\"2001\"} 5")
                    .contains("diameter_request_duration_seconds_count{" + labels + "} 5")
                    .contains(
                            "diameter_request_duration_seconds_bucket{"
                                    + labels
                                    + ",le=\"+Inf\"} 5")
                    .contains(
                            "diameter_peer_state{node=\"client.example.com\",peer=\"ocs.example.net\",state=\"I-Open\"} 1")
                    .contains(
                            "diameter_peer_pending_requests{node=\"client.example.com\",peer=\"ocs.example.net\"} 0")
                    .contains(
                            "diameter_peer_messages_total{node=\"client.example.com\",peer=\"ocs.example.net\",message=\"CER\",direction=\"sent\"} 1");
            assertThat(server.metrics().prometheus())
                    .contains(
                            "diameter_answers_sent_total{node=\"ocs.example.net\",peer=\"client.example.com\",application=\"4\",result_code=\"2001\"} 5");

            // Clear.
            client.clearStatistics("ocs.example.net");
            PeerStatistics cleared = client.statistics("ocs.example.net");
            assertThat(cleared.rows()).allMatch(r -> r.sent() == 0 && r.received() == 0);
            assertThat(cleared.lastCleared()).isNotNull();

            // Admin disable at run time: DPR/DPA, Closed, no reconnection, management change.
            client.setAdminState("ocs.example.net", false).get(5, TimeUnit.SECONDS);
            PeerStatistics after = client.statistics("ocs.example.net");
            assertThat(after.sent(MessageKind.DPR)).isEqualTo(1);
            assertThat(after.received(MessageKind.DPA)).isEqualTo(1);
            assertThat(after.sent(MessageKind.APP_REQUEST)).isZero();
            PeerView off = client.peer("ocs.example.net");
            assertThat(off.status()).isEqualTo(PeerState.CLOSED);
            assertThat(off.adminEnabled()).isFalse();
            assertThat(off.active()).isFalse();
            assertThat(off.connectionTimerSeconds()).isEqualTo(-1);
            assertThat(off.remoteAddress()).isNull();
            assertThat(off.lastManagementChange()).isAfterOrEqualTo(before);
            assertThat(NodeShow.peer(off))
                    .contains("Status                      : Closed")
                    .contains("Administrative state        : disabled")
                    .contains("Remote realm                : (Not Specified)");
            assertThat(client.routes().routes()).isEmpty();

            // Events: active, then inactive, once each.
            assertThat(events)
                    .filteredOn(e -> e instanceof NodeEvent.PeerActiveChanged)
                    .extracting(NodeEvent::text)
                    .containsExactly(
                            "DIAMETER node client.example.com, peer ocs.example.net is active",
                            "DIAMETER node client.example.com, peer ocs.example.net is inactive");

            // Enable again: it connects (one more CER).
            client.setAdminState("ocs.example.net", true).get(5, TimeUnit.SECONDS);
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "reconnect",
                    () -> client.peer("ocs.example.net").status() == PeerState.I_OPEN);
            assertThat(client.statistics("ocs.example.net").sent(MessageKind.CER)).isEqualTo(1);
            assertThat(client.peer("ocs.example.net").adminEnabled()).isTrue();
        }
    }

    @Test
    void failuresAreReportedInSeed003sShape() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler h =
                new Handler() {
                    @Override
                    public void publish(LogRecord r) {
                        logged.add(r.getMessage());
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        Logger trace = Logger.getLogger("org.diameter4j.trace");
        trace.addHandler(h);
        try (DiameterNode server = Servers.gy("ocs.wrong-realm.com", seen);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("bng-gy.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(peer("ocs.realm-1.com", port(server)).build())
                                        .build())) {
            client.debug("ocs.realm-1.com", true);
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "no failure report in " + logged,
                    () -> logged.stream().anyMatch(m -> m.startsWith("DIAMETER: Failure")));
            String report =
                    logged.stream()
                            .filter(m -> m.startsWith("DIAMETER: Failure"))
                            .findFirst()
                            .get();
            assertThat(report)
                    .contains("Receive: \"CEA\"")
                    .contains("Node: \"bng-gy.realm-1.com\"")
                    .contains("Received peer: \"ocs.realm-1.com\"")
                    .contains("Result code: \"DIAMETER_INVALID_AVP_VALUE\"")
                    .contains("Error message: \"mismatch with locally stored information\"")
                    .contains("Failed AVP:\n")
                    .contains("ocs.wrong-realm.com")
                    .contains("Message:\n  Header");
        } finally {
            trace.removeHandler(h);
        }
    }

    @Test
    void anErrorAnswerIsReportedWhenDebugIsOn() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        seen.resultCode = r -> 5012L;
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler h =
                new Handler() {
                    @Override
                    public void publish(LogRecord r) {
                        logged.add(r.getMessage());
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        Logger trace = Logger.getLogger("org.diameter4j.trace");
        trace.addHandler(h);
        try (DiameterNode server = Servers.gy("ocs.example.net", seen);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("client.example.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(peer("ocs.example.net", port(server)).build())
                                        .build())) {
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            client.debug("ocs.example.net", true);
            client.send(ccr(client, "example.net", null)).get(5, TimeUnit.SECONDS);
            assertThat(logged)
                    .anySatisfy(
                            m ->
                                    assertThat(m)
                                            .startsWith("DIAMETER: Failure")
                                            .contains("Receive: \"CCA\"")
                                            .contains(
                                                    "Result code: \"DIAMETER_UNABLE_TO_COMPLY\""));
            assertThat(client.metrics().answersReceived("ocs.example.net", 4, 5012)).isEqualTo(1);
        } finally {
            trace.removeHandler(h);
        }
    }
}
