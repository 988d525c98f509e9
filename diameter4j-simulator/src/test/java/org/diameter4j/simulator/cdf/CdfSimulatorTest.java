package org.diameter4j.simulator.cdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.simulator.cdf.RfNodes.D;
import static org.diameter4j.simulator.cdf.RfNodes.acr;
import static org.diameter4j.simulator.cdf.RfNodes.records;
import static org.diameter4j.simulator.cdf.RfNodes.resultCode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.rf.AccountingAnswer;
import org.diameter4j.rf.AccountingClient;
import org.diameter4j.rf.AccountingSession;
import org.diameter4j.rf.RecordType;
import org.diameter4j.simulator.Rule;
import org.diameter4j.simulator.RuleAction;
import org.diameter4j.simulator.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A CTF node and the CDF simulator on loopback (M-13): records in the file, duplicates, rules. */
@Timeout(60)
class CdfSimulatorTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    @TempDir Path dir;

    @Test
    void startInterimInterimStopLandInTheFileInOrder() throws Exception {
        Path file = dir.resolve("records.jsonl");
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf =
                        CdfSimulator.start(
                                server,
                                CdfConfig.builder(file)
                                        .interimInterval(Duration.ofSeconds(600))
                                        .timers(new ManualTimers(0, T0))
                                        .build());
                DiameterNode client =
                        RfNodes.client(
                                "pgw.example.com", server.listenAddresses().get(0).getPort())) {
            AccountingSession s =
                    new AccountingClient(client)
                            .session()
                            .userName("41780000001")
                            .content(
                                    (type, n) ->
                                            List.of(
                                                    // TS 32.299 §7.2.192: the subscriber is
                                                    // inside Service-Information.
                                                    D.grouped(
                                                            "Service-Information",
                                                            D.grouped(
                                                                    "Subscription-Id",
                                                                    D.avp(
                                                                            "Subscription-Id-Type",
                                                                            "END_USER_E164"),
                                                                    D.avp(
                                                                            "Subscription-Id-Data",
                                                                            "41780000001")),
                                                            D.grouped(
                                                                    "PS-Information",
                                                                    D.avp(
                                                                            "3GPP-Charging-Id",
                                                                            "hex:0badcafe"),
                                                                    D.avp(
                                                                            "SGSN-Address",
                                                                            "192.0.2.10"),
                                                                    D.grouped(
                                                                            "Traffic-Data-Volumes",
                                                                            D.avp(
                                                                                    "Accounting-Input-Octets",
                                                                                    1000L * n),
                                                                            D.avp(
                                                                                    "Accounting-Output-Octets",
                                                                                    5000L * n))))))
                            .build();
            AccountingAnswer start = s.start().get(5, TimeUnit.SECONDS);
            assertThat(start.resultCode()).isEqualTo(2001);
            assertThat(start.resultName()).isEqualTo("DIAMETER_SUCCESS");
            assertThat(start.interimIntervalSeconds()).isEqualTo(600);
            assertThat(start.recordType()).isEqualTo(RecordType.START_RECORD);
            assertThat(s.interimScheduled()).isTrue();
            assertThat(s.interim().get(5, TimeUnit.SECONDS).recordNumber()).isEqualTo(1);
            assertThat(s.interim().get(5, TimeUnit.SECONDS).recordNumber()).isEqualTo(2);
            AccountingAnswer stop = s.stop().get(5, TimeUnit.SECONDS);
            assertThat(stop.isSuccess()).isTrue();
            assertThat(stop.interimIntervalSeconds()).as("no interval on STOP").isNull();
            assertThat(s.interimScheduled()).isFalse();

            List<Map<String, Object>> recs = records(file);
            assertThat(recs)
                    .extracting(r -> r.get("Accounting-Record-Type"))
                    .containsExactly(
                            "START_RECORD", "INTERIM_RECORD", "INTERIM_RECORD", "STOP_RECORD");
            assertThat(recs)
                    .extracting(r -> r.get("Accounting-Record-Number"))
                    .containsExactly(0L, 1L, 2L, 3L);
            Map<String, Object> last = recs.get(3);
            assertThat(last.get("Session-Id")).isEqualTo(s.sessionId());
            assertThat(last.get("Origin-Host")).isEqualTo("pgw.example.com");
            assertThat(last.get("peer")).isEqualTo("pgw.example.com");
            assertThat(last.get("retransmitted")).isEqualTo(false);
            assertThat(last.get("time")).as("the CDF's wall clock").isEqualTo(T0.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> avps = (Map<String, Object>) last.get("avps");
            assertThat(avps)
                    .containsEntry("Acct-Application-Id", 3L)
                    .containsEntry("Accounting-Record-Type", "STOP_RECORD")
                    .containsEntry("Service-Context-Id", "32251@3gpp.org")
                    .containsEntry("Origin-Realm", "example.com")
                    .containsEntry("Destination-Realm", "example.net")
                    .containsKey("Event-Timestamp");
            @SuppressWarnings("unchecked")
            Map<String, Object> ps =
                    (Map<String, Object>)
                            ((Map<String, Object>) avps.get("Service-Information"))
                                    .get("PS-Information");
            assertThat(ps)
                    .containsEntry("3GPP-Charging-Id", "hex:0badcafe")
                    .containsEntry("SGSN-Address", "192.0.2.10");
            assertThat(ps.get("Traffic-Data-Volumes"))
                    .isEqualTo(
                            Map.of(
                                    "Accounting-Input-Octets",
                                    3000L,
                                    "Accounting-Output-Octets",
                                    15000L));
            assertThat(cdf.stats().written()).isEqualTo(4);
        }
    }

    @Test
    void eventRecordIsWritten() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf = CdfSimulator.start(server, CdfConfig.builder(file).build());
                DiameterNode client =
                        RfNodes.client(
                                "smsc.example.com", server.listenAddresses().get(0).getPort())) {
            AccountingAnswer a =
                    new AccountingClient(client)
                            .event((t, n) -> List.of())
                            .get(5, TimeUnit.SECONDS);
            assertThat(a.resultCode()).isEqualTo(2001);
            assertThat(a.recordType()).isEqualTo(RecordType.EVENT_RECORD);
            assertThat(records(file))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.get("Accounting-Record-Type"))
                                        .isEqualTo("EVENT_RECORD");
                                assertThat(r.get("Accounting-Record-Number")).isEqualTo(0L);
                            });
        }
    }

    @Test
    void aTFlaggedDuplicateIsAnsweredButNotWrittenAgain() throws Exception {
        Path file = dir.resolve("dup.jsonl");
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf = CdfSimulator.start(server, CdfConfig.builder(file).build());
                DiameterNode client =
                        RfNodes.client(
                                "pgw.example.com", server.listenAddresses().get(0).getPort())) {
            String sid = client.newSessionId();
            DiameterMessage original = acr(sid, "START_RECORD", 0);
            original.endToEnd(0x1234);
            assertThat(resultCode(client.send(original).get(5, TimeUnit.SECONDS))).isEqualTo(2001);
            // Same End-to-End id: the node's own duplicate detection (End-to-End + Origin-Host,
            // RFC 6733 §5.5.4) answers it from its cache; the CDF never sees it.
            DiameterMessage copy = acr(sid, "START_RECORD", 0);
            copy.endToEnd(0x1234);
            copy.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
            DiameterMessage aca = client.send(copy).get(5, TimeUnit.SECONDS);
            assertThat(resultCode(aca)).isEqualTo(2001);
            assertThat(D.get(aca, "Accounting-Record-Number").asUnsigned32()).isZero();
            // Another End-to-End id (a client that re-sends after its own restart): only the CDF's
            // check on Session-Id + Accounting-Record-Number catches it.
            DiameterMessage resent = acr(sid, "START_RECORD", 0);
            resent.endToEnd(0x5678);
            resent.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
            assertThat(resultCode(client.send(resent).get(5, TimeUnit.SECONDS))).isEqualTo(2001);
            assertThat(records(file, sid))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("retransmitted")).isEqualTo(false));
            assertThat(cdf.stats().duplicates()).isEqualTo(1);
            assertThat(cdf.stats().written()).isEqualTo(1);
        }
    }

    @Test
    void theRetransmissionFirstAndTheOriginalLaterMakeOneRecord() throws Exception {
        Path file = dir.resolve("dup2.jsonl");
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf = CdfSimulator.start(server, CdfConfig.builder(file).build());
                DiameterNode client =
                        RfNodes.client(
                                "pgw.example.com", server.listenAddresses().get(0).getPort())) {
            String sid = client.newSessionId();
            DiameterMessage copy = acr(sid, "INTERIM_RECORD", 4);
            copy.endToEnd(0x777);
            copy.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
            assertThat(resultCode(client.send(copy).get(5, TimeUnit.SECONDS))).isEqualTo(2001);
            DiameterMessage original = acr(sid, "INTERIM_RECORD", 4);
            original.endToEnd(0x777);
            assertThat(resultCode(client.send(original).get(5, TimeUnit.SECONDS))).isEqualTo(2001);
            assertThat(records(file, sid))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("retransmitted")).isEqualTo(true));
        }
    }

    @Test
    void copiesArrivingTogetherFromTwoPeersAreWrittenOnce() throws Exception {
        Path file = dir.resolve("race.jsonl");
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf = CdfSimulator.start(server, CdfConfig.builder(file).build());
                DiameterNode a =
                        RfNodes.client(
                                "pgw-a.example.com", server.listenAddresses().get(0).getPort());
                DiameterNode b =
                        RfNodes.client(
                                "pgw-b.example.com", server.listenAddresses().get(0).getPort())) {
            String sid = "pgw.example.com;42;1";
            for (int round = 0; round < 20; round++) {
                DiameterMessage m1 = acr(sid, "INTERIM_RECORD", round + 1);
                DiameterMessage m2 =
                        acr(sid, "INTERIM_RECORD", round + 1)
                                .setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
                CompletableFuture<DiameterMessage> f1 = a.send(m1);
                CompletableFuture<DiameterMessage> f2 = b.send(m2);
                assertThat(resultCode(f1.get(5, TimeUnit.SECONDS))).isEqualTo(2001);
                assertThat(resultCode(f2.get(5, TimeUnit.SECONDS))).isEqualTo(2001);
            }
            assertThat(records(file, sid)).hasSize(20);
            assertThat(records(file, sid))
                    .extracting(r -> r.get("Accounting-Record-Number"))
                    .doesNotHaveDuplicates();
            assertThat(cdf.stats().duplicates()).isEqualTo(20);
        }
    }

    @Test
    void aStartBeyondMaxSessionsIsAnswered5006AndNotStoredWhileOpenSessionsGoOn() throws Exception {
        Path file = dir.resolve("bound.jsonl");
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf =
                        CdfSimulator.start(server, CdfConfig.builder(file).maxSessions(2).build());
                DiameterNode client =
                        RfNodes.client(
                                "pgw.example.com", server.listenAddresses().get(0).getPort())) {
            assertThat(rc(client, acr("s;a", "START_RECORD", 0))).isEqualTo(2001);
            assertThat(rc(client, acr("s;b", "START_RECORD", 0))).isEqualTo(2001);

            DiameterMessage refused = send(client, acr("s;c", "START_RECORD", 0));
            assertThat(resultCode(refused)).isEqualTo(5006);
            assertThat(D.get(refused, "Error-Message").asUtf8())
                    .contains("2 open accounting sessions")
                    .contains("raise max-sessions");
            assertThat(refused.find(279, 0)).as("no Failed-AVP: no AVP is at fault").isNull();
            assertThat(D.get(refused, "Accounting-Record-Type").asUnsigned32()).isEqualTo(2);
            assertThat(D.get(refused, "Accounting-Record-Number").asUnsigned32()).isZero();
            assertThat(records(file, "s;c")).isEmpty();

            // Full: the open sessions, records of sessions not open, and EVENTs are still served.
            assertThat(rc(client, acr("s;a", "INTERIM_RECORD", 1))).isEqualTo(2001);
            assertThat(rc(client, acr("s;b", "START_RECORD", 0))).as("a copy").isEqualTo(2001);
            assertThat(rc(client, acr("s;x", "INTERIM_RECORD", 7))).isEqualTo(2001);
            assertThat(rc(client, acr("s;y", "STOP_RECORD", 9))).isEqualTo(2001);
            assertThat(rc(client, acr("s;e", "EVENT_RECORD", 0))).isEqualTo(2001);
            assertThat(cdf.openSessions()).isEqualTo(2);

            // A STOP frees a slot; a late copy of the stopped session's START reopens nothing.
            assertThat(rc(client, acr("s;a", "STOP_RECORD", 2))).isEqualTo(2001);
            assertThat(rc(client, acr("s;a", "START_RECORD", 0))).isEqualTo(2001);
            assertThat(cdf.openSessions()).isEqualTo(1);
            assertThat(rc(client, acr("s;c", "START_RECORD", 0))).isEqualTo(2001);
            assertThat(cdf.sessions().lastRecordNumber("s;c")).hasValue(0);
            assertThat(cdf.sessions().lastRecordNumber("s;a")).isEmpty();
            assertThat(records(file, "s;c")).hasSize(1);
        }
    }

    @Test
    void tsIsSetOrTwiceTheInterimIntervalOrNone() {
        Path f = dir.resolve("ts.jsonl");
        assertThat(CdfConfig.builder(f).build().sessionSupervision()).isNull();
        assertThat(
                        CdfConfig.builder(f)
                                .interimInterval(Duration.ofMinutes(10))
                                .build()
                                .sessionSupervision())
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(
                        CdfConfig.builder(f)
                                .interimInterval(Duration.ofMinutes(10))
                                .sessionTimeout(Duration.ofMinutes(11))
                                .build()
                                .sessionSupervision())
                .isEqualTo(Duration.ofMinutes(11));
    }

    private static DiameterMessage send(DiameterNode client, DiameterMessage acr) throws Exception {
        return client.send(acr).get(5, TimeUnit.SECONDS);
    }

    private static long rc(DiameterNode client, DiameterMessage acr) throws Exception {
        return resultCode(send(client, acr));
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void everyFsyncPolicyStoresTheRecords(FsyncPolicy policy) throws Exception {
        Path file = dir.resolve("fsync-" + policy + ".jsonl");
        CdfConfig.Builder cfg = CdfConfig.builder(file).fsync(policy);
        if (policy == FsyncPolicy.INTERVAL) {
            cfg.fsyncEvery(Duration.ofMillis(50));
        }
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf = CdfSimulator.start(server, cfg.build());
                DiameterNode client =
                        RfNodes.client(
                                "pgw.example.com", server.listenAddresses().get(0).getPort())) {
            List<CompletableFuture<DiameterMessage>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                all.add(client.send(acr("s;" + policy + ";" + i, "EVENT_RECORD", 0)));
            }
            for (CompletableFuture<DiameterMessage> f : all) {
                assertThat(resultCode(f.get(10, TimeUnit.SECONDS))).isEqualTo(2001);
            }
            assertThat(records(file)).hasSize(50);
            if (policy == FsyncPolicy.ALWAYS) {
                assertThat(cdf.stats().fsyncs()).isBetween(1L, 50L);
            }
            if (policy == FsyncPolicy.NEVER) {
                assertThat(cdf.stats().fsyncs()).isZero();
            }
        }
    }

    @Test
    void rulesAnswerPerSubscriberAndRecordTypeAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("rules.jsonl");
        Rules rules =
                Rules.fromMaps(
                        List.of(
                                Map.of(
                                        "command",
                                        "ACR",
                                        "subscriber",
                                        "41780000009",
                                        "result",
                                        5030),
                                Map.of("command", "ACR", "request-type", "STOP", "result", 3004)));
        try (DiameterNode server = RfNodes.cdfNode(0);
                CdfSimulator cdf =
                        CdfSimulator.start(server, CdfConfig.builder(file).rules(rules).build());
                DiameterNode client =
                        RfNodes.client(
                                "pgw.example.com", server.listenAddresses().get(0).getPort())) {
            AccountingClient rf = new AccountingClient(client);
            AccountingSession blocked =
                    rf.session()
                            .content(
                                    (t, n) ->
                                            List.of(
                                                    D.grouped(
                                                            "Service-Information",
                                                            D.grouped(
                                                                    "Subscription-Id",
                                                                    D.avp(
                                                                            "Subscription-Id-Type",
                                                                            "END_USER_E164"),
                                                                    D.avp(
                                                                            "Subscription-Id-Data",
                                                                            "41780000009")))))
                            .build();
            AccountingAnswer a = blocked.start().get(5, TimeUnit.SECONDS);
            assertThat(a.resultCode()).isEqualTo(5030);
            assertThat(a.isSuccess()).isFalse();
            assertThat(a.errorMessage()).contains("rule");

            AccountingSession other = rf.session().userName("41780000001").build();
            assertThat(other.start().get(5, TimeUnit.SECONDS).resultCode()).isEqualTo(2001);
            AccountingAnswer stop = other.stop().get(5, TimeUnit.SECONDS);
            assertThat(stop.resultCode()).isEqualTo(3004);
            assertThat(stop.message().isError()).isTrue();
            assertThat(records(file))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("Session-Id")).isEqualTo(other.sessionId()));
        }
        assertThat(
                        new Rules(
                                        List.of(
                                                new Rule(
                                                        "ACR",
                                                        null,
                                                        "EVENT",
                                                        RuleAction.dropRequest(),
                                                        1)))
                                .match("ACR", null, "EVENT"))
                .isNotNull();
    }
}
