package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.MessageTrace.CER;
import static org.diameter4j.interop.MessageTrace.DPR;
import static org.diameter4j.interop.MessageTrace.DWR;
import static org.diameter4j.interop.NodeDiameter.single;
import static org.diameter4j.interop.NodeDiameter.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.RequestedAction;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.gy.client.CcOutcome;
import org.diameter4j.gy.client.GyClient;
import org.diameter4j.gy.client.GyClientConfig;
import org.diameter4j.gy.client.GyClientSession;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.node.PeerView;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.diameter4j.rf.AccountingAnswer;
import org.diameter4j.rf.AccountingClient;
import org.diameter4j.rf.AccountingSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * diameter4j's client API (a {@link DiameterNode} with {@link GyClient} and {@link
 * AccountingClient}) against node-diameter as the server ({@code src/test/node/server.js}):
 * capabilities exchange (RFC 6733 §5.3), watchdogs both ways (§5.5), 20 Gy sessions
 * INITIAL/UPDATE/TERMINATE and one EVENT (RFC 4006), 3 accounting sessions START/INTERIM/STOP (RFC
 * 6733 §9), and disconnection from either side (§5.4). node-diameter must decode every request
 * without an error, and what it decoded must be what RFC 4006 §3.1 and RFC 6733 §9.7.1 ask for.
 *
 * <p>Needs Node.js and {@code npm ci} in {@code src/test/node}; CI ({@code .ci/run}) does both.
 */
@Timeout(90)
class NodeDiameterServerTest {
    static final Dictionary D = Dictionary.standard();
    static final String NODE_HOST = "node-server.example.org";
    static final String NODE_REALM = "example.org";
    static final String CLIENT = "d4j-client.example.com";
    static final int GY_SESSIONS = 20;
    static final int RF_SESSIONS = 3;
    static final long RATING_GROUP = 100;

    @TempDir Path tmp;

    @BeforeEach
    void installed() {
        NodeDiameter.requireInstalled();
    }

    static NodeDiameter nodeServer(Path tmp) throws Exception {
        NodeDiameter server =
                NodeDiameter.start(tmp, "server.js", "--port", "0", "--origin-host", NODE_HOST);
        server.await(
                e -> e.path("event").asText().equals("listening"),
                Duration.ofSeconds(15),
                "listening");
        return server;
    }

    static int port(NodeDiameter server) {
        return server.events("listening").get(0).path("port").asInt();
    }

    /** Our client: Gy and base accounting, the node-diameter server its only peer. Tw 6 s. */
    static DiameterNode client(int port, MessageTrace trace) {
        DiameterNode node =
                DiameterNode.start(
                        NodeConfig.builder(CLIENT)
                                .application(ApplicationId.auth(4))
                                .application(AccountingClient.application())
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                .destinationHost(NODE_HOST)
                                                .tw(Duration.ofSeconds(6)) // RFC 3539's minimum
                                                .tc(Duration.ofSeconds(30))
                                                .enabled(false) // started once traced
                                                .build())
                                .build());
        node.addListener(NodeListener.messages(trace));
        node.setAdminState(NODE_HOST, true);
        return node;
    }

    @Test
    void gyAndRfSessionsOfOurClientAreDecodedCleanlyByNodeDiameter() throws Exception {
        MessageTrace trace = new MessageTrace();
        long t0 = System.nanoTime();
        try (NodeDiameter server = nodeServer(tmp)) {
            DiameterNode client = client(port(server), trace);
            List<String> gySessions = new ArrayList<>();
            List<String> rfSessions = new ArrayList<>();
            String eventSession;
            try {
                PeerView peer = client.awaitReady(NODE_HOST, Duration.ofSeconds(10));
                assertThat(peer.status()).isEqualTo(PeerState.I_OPEN);
                assertThat(peer.remote().productName()).isEqualTo("node-diameter");

                // Gy, 5 sessions at a time (RFC 4006 §5.1: CCR-I, CCR-U, CCR-T).
                GyClient gy =
                        new GyClient(
                                client,
                                GyClientConfig.defaults()
                                        .withServers(NODE_HOST, null)
                                        .withDestinationRealm(NODE_REALM));
                for (int batch = 0; batch < GY_SESSIONS; batch += 5) {
                    List<CompletableFuture<String>> running = new ArrayList<>();
                    for (int i = batch; i < Math.min(batch + 5, GY_SESSIONS); i++) {
                        running.add(gySession(gy, "4179" + (1000000 + i)));
                    }
                    for (CompletableFuture<String> f : running) {
                        gySessions.add(f.get(20, TimeUnit.SECONDS));
                    }
                }
                GyClientSession event = gy.newSession("41792000000", List.of());
                CcOutcome e =
                        event.event(
                                        RequestedAction.DIRECT_DEBITING,
                                        b ->
                                                b.mscc(
                                                        MsccRequest.of(
                                                                200L,
                                                                1L,
                                                                ServiceUnits.units(1),
                                                                null)))
                                .get(10, TimeUnit.SECONDS);
                assertThat(e.answer()).as(e.reason()).isNotNull();
                assertThat(e.answer().resultCode()).isEqualTo(ResultCodes.DIAMETER_SUCCESS);
                eventSession = event.sessionId();

                // Rf (RFC 6733 §9.7, TS 32.299): START, INTERIM, STOP.
                AccountingClient acct = new AccountingClient(client);
                for (int i = 0; i < RF_SESSIONS; i++) {
                    AccountingSession s =
                            acct.session()
                                    .userName("4179" + (3000000 + i))
                                    .destinationRealm(NODE_REALM)
                                    .destinationHost(NODE_HOST)
                                    .content((type, n) -> List.of(psInformation()))
                                    .build();
                    for (AccountingAnswer a :
                            List.of(
                                    s.start().get(10, TimeUnit.SECONDS),
                                    s.interim().get(10, TimeUnit.SECONDS),
                                    s.stop().get(10, TimeUnit.SECONDS))) {
                        assertThat(a.resultCode()).as(a.toString()).isEqualTo(2001);
                    }
                    rfSessions.add(s.sessionId());
                }

                // RFC 6733 §5.5: node-diameter's DWR answered by us; ours (Tw 6 s ± 2 s after the
                // last message) answered by node-diameter.
                server.command("dwr");
                JsonNode dwa =
                        server.await("answer", "Device-Watchdog", false, Duration.ofSeconds(5));
                assertThat(single(dwa.path("message"), "Result-Code").asText())
                        .isEqualTo("DIAMETER_SUCCESS");
                assertThat(single(dwa.path("message"), "Origin-Host").asText()).isEqualTo(CLIENT);
                server.await("received", "Device-Watchdog", true, Duration.ofSeconds(12));
                trace.await(DWR, false, true, Duration.ofSeconds(2));
            } finally {
                client.close(); // RFC 6733 §5.4: DPR (REBOOTING), DPA, close
            }
            JsonNode dpr = server.await("received", "Disconnect-Peer", true, Duration.ofSeconds(5));
            assertThat(single(dpr.path("message"), "Disconnect-Cause").asText())
                    .isEqualTo("REBOOTING");
            server.await(
                    e -> e.path("event").asText().equals("closed"),
                    Duration.ofSeconds(5),
                    "closed");

            assertThat(server.events("error")).as(server.transcript()).isEmpty();
            assertThat(server.unparsed()).isEmpty();
            assertRequests(server, gySessions, eventSession, rfSessions);
            System.out.printf(
                    "node-diameter server: %d requests decoded without error in %d ms%n",
                    server.events("received").size(), (System.nanoTime() - t0) / 1_000_000);
        }
        // Every answer node-diameter sent reached us; none was an error.
        assertThat(trace.count(CER, false, true)).isEqualTo(1);
        assertThat(trace.count(DPR, false, true)).isEqualTo(1);
        assertThat(trace.entries()).noneMatch(en -> en.received() && en.message().isError());
    }

    /** One Gy session: CCR-I, usage and CCR-U, usage and CCR-T; its Session-Id. */
    private static CompletableFuture<String> gySession(GyClient gy, String msisdn) {
        GyClientSession s =
                gy.newSession(
                        msisdn,
                        List.of(
                                MsccRequest.of(
                                        RATING_GROUP, null, ServiceUnits.octets(1_000_000), null)));
        return s.start()
                .thenCompose(
                        o -> {
                            assertThat(o.kind()).as(o.reason()).isEqualTo(CcOutcome.Kind.GRANTED);
                            s.reportUsage(RATING_GROUP, ServiceUnits.octets(400_000));
                            return s.update();
                        })
                .thenCompose(
                        o -> {
                            assertThat(o.kind()).as(o.reason()).isEqualTo(CcOutcome.Kind.GRANTED);
                            s.reportUsage(RATING_GROUP, ServiceUnits.octets(300_000));
                            return s.stop();
                        })
                .thenApply(
                        o -> {
                            assertThat(o.answer()).as(o.reason()).isNotNull();
                            assertThat(o.answer().resultCode())
                                    .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
                            return s.sessionId();
                        });
    }

    /** TS 32.299 §7.2.192: Service-Information with PS-Information, as a PGW's ACR has. */
    private static org.diameter4j.codec.Avp psInformation() {
        return D.grouped(
                "Service-Information",
                D.grouped(
                        "PS-Information",
                        D.avp("3GPP-Charging-Id", "hex:0badcafe"),
                        D.avp("SGSN-Address", "192.0.2.10"),
                        D.avp("Called-Station-Id", "internet")));
    }

    /** What node-diameter decoded of our requests (RFC 4006 §3.1, RFC 6733 §5.3.1, §9.7.1). */
    private static void assertRequests(
            NodeDiameter server,
            List<String> gySessions,
            String eventSession,
            List<String> rfSessions) {
        Map<String, List<JsonNode>> bySession = new LinkedHashMap<>();
        Map<String, Integer> byCommand = new TreeMap<>();
        for (JsonNode e : server.events("received")) {
            JsonNode m = e.path("message");
            assertThat(m.path("request").asBoolean()).isTrue();
            byCommand.merge(m.path("command").asText(), 1, Integer::sum);
            // RFC 6733 §6.3, §6.4: every request names its origin exactly once.
            assertThat(single(m, "Origin-Host").asText()).as(m.toString()).isEqualTo(CLIENT);
            assertThat(single(m, "Origin-Realm").asText())
                    .as(m.toString())
                    .isEqualTo("example.com");
            List<JsonNode> sid = values(m, "Session-Id");
            if (!sid.isEmpty()) {
                // RFC 6733 §8.8: < Session-Id > first, once.
                assertThat(sid).hasSize(1);
                assertThat(NodeDiameter.avps(m).get(0).get(0).asText()).isEqualTo("Session-Id");
                bySession.computeIfAbsent(sid.get(0).asText(), k -> new ArrayList<>()).add(m);
            }
        }
        assertThat(byCommand)
                .as("requests node-diameter decoded")
                .containsEntry("Capabilities-Exchange", 1)
                .containsEntry("Credit-Control", 3 * GY_SESSIONS + 1)
                .containsEntry("Accounting", 3 * RF_SESSIONS)
                .containsEntry("Disconnect-Peer", 1)
                .containsKey("Device-Watchdog");

        List<String> types = List.of("INITIAL_REQUEST", "UPDATE_REQUEST", "TERMINATION_REQUEST");
        for (String s : gySessions) {
            List<JsonNode> ccrs = bySession.get(s);
            assertThat(ccrs).as("CCRs of " + s).hasSize(3);
            for (int n = 0; n < 3; n++) {
                JsonNode m = ccrs.get(n);
                assertCcr(m, types.get(n), n);
                // RFC 4006 §8.16: the MSCC of the rating group, RSU in I and U, USU in U and T.
                JsonNode mscc = single(m, "Multiple-Services-Credit-Control");
                assertThat(single(mscc, "Rating-Group").asLong()).isEqualTo(RATING_GROUP);
                assertThat(values(mscc, "Requested-Service-Unit")).hasSize(n < 2 ? 1 : 0);
                if (n > 0) {
                    JsonNode usu = single(mscc, "Used-Service-Unit");
                    assertThat(single(usu, "CC-Total-Octets").asText())
                            .isEqualTo(n == 1 ? "400000" : "300000");
                }
                JsonNode sub = single(m, "Subscription-Id");
                assertThat(single(sub, "Subscription-Id-Type").asText()).isEqualTo("END_USER_E164");
            }
            assertThat(single(ccrs.get(2), "Termination-Cause")).isNotNull();
        }
        JsonNode ev = bySession.get(eventSession).get(0);
        assertCcr(ev, "EVENT_REQUEST", 0);
        assertThat(single(ev, "Requested-Action").asText()).isEqualTo("DIRECT_DEBITING");

        List<String> records = List.of("Start Record", "Interim Record", "Stop Record");
        for (String s : rfSessions) {
            List<JsonNode> acrs = bySession.get(s);
            assertThat(acrs).as("ACRs of " + s).hasSize(3);
            for (int n = 0; n < 3; n++) {
                JsonNode m = acrs.get(n);
                assertThat(m.path("applicationId").asInt()).isEqualTo(3);
                assertThat(m.path("proxiable").asBoolean()).as("P bit, RFC 6733 §9.7.1").isTrue();
                assertThat(single(m, "Destination-Realm").asText()).isEqualTo(NODE_REALM);
                assertThat(single(m, "Accounting-Record-Type").asText()).isEqualTo(records.get(n));
                assertThat(single(m, "Accounting-Record-Number").asInt()).isEqualTo(n);
                assertThat(values(m, "Acct-Application-Id")).hasSizeLessThanOrEqualTo(1);
                JsonNode ps = single(single(m, "Service-Information"), "PS-Information");
                assertThat(single(ps, "Called-Station-Id").asText()).isEqualTo("internet");
                assertThat(single(ps, "SGSN-Address").asText()).isEqualTo("192.0.2.10");
            }
        }
    }

    private static void assertCcr(JsonNode m, String type, int number) {
        String what = type + " " + m;
        assertThat(m.path("applicationId").asInt()).isEqualTo(4);
        assertThat(m.path("proxiable").asBoolean()).as("P bit, RFC 4006 §3.1: " + what).isTrue();
        assertThat(single(m, "Destination-Realm").asText()).isEqualTo(NODE_REALM);
        assertThat(single(m, "Destination-Host").asText()).isEqualTo(NODE_HOST);
        assertThat(single(m, "Auth-Application-Id").asText()).isEqualTo("Diameter Credit Control");
        assertThat(single(m, "Service-Context-Id").asText()).isNotEmpty();
        assertThat(single(m, "CC-Request-Type").asText()).as(what).isEqualTo(type);
        assertThat(single(m, "CC-Request-Number").asInt()).as(what).isEqualTo(number);
    }

    /** RFC 6733 §5.4 the other way: node-diameter sends the DPR, we answer and stay down. */
    @Test
    void nodeDiameterDisconnectsAndOurClientAnswersTheDpr() throws Exception {
        MessageTrace trace = new MessageTrace();
        try (NodeDiameter server = nodeServer(tmp);
                DiameterNode client = client(port(server), trace)) {
            PeerView peer = client.awaitReady(NODE_HOST, Duration.ofSeconds(10));
            server.command("dpr");
            JsonNode dpa = server.await("answer", "Disconnect-Peer", false, Duration.ofSeconds(5));
            assertThat(single(dpa.path("message"), "Result-Code").asText())
                    .isEqualTo("DIAMETER_SUCCESS");
            assertThat(single(dpa.path("message"), "Origin-Host").asText()).isEqualTo(CLIENT);
            trace.await(DPR, true, true, Duration.ofSeconds(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.peer(NODE_HOST).status() != PeerState.CLOSED
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.peer(NODE_HOST).status()).isEqualTo(PeerState.CLOSED);
            assertThat(client.peer(NODE_HOST).lastDisconnectCause())
                    .isEqualTo(DisconnectCause.DO_NOT_WANT_TO_TALK_TO_YOU.displayName());
            assertThat(server.events("error")).as(server.transcript()).isEmpty();
        }
        assertThat(trace.count(DPR, false, false)).as("DPAs sent\n" + trace).isEqualTo(1);
    }
}
