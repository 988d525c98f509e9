package org.diameter4j.simulator.ocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.gy.client.CcClientState;
import org.diameter4j.gy.client.CcOutcome;
import org.diameter4j.gy.client.GyClient;
import org.diameter4j.gy.client.GyClientConfig;
import org.diameter4j.gy.client.GyClientSession;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.RequestTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The OCS simulator and the Gy client through real client and server nodes on loopback. */
@Timeout(60)
class OcsLoopbackTest {
    private static final Dictionary D = Dictionary.standard();
    private static final String CONFIG =
            """
            subscribers:
              "41780000001": {balance: {octets: 100000000, seconds: 3600, units: 100}}
              "41780000002": {balance: {octets: 5000, seconds: 0, units: 0}}
              "41780000003": {balance: {octets: 0, seconds: 0, units: 0}}
              "41780000004": {balance: {octets: 10000000, seconds: 0, units: 0}}
              "41780000005": {balance: {octets: 10000000, seconds: 0, units: 0}}
              "41780000006": {balance: {octets: 1000000, seconds: 0, units: 0}}
              "41780000007": {balance: {octets: 1000, seconds: 0, units: 0}}
              "41780000008": {balance: {octets: 1000, seconds: 0, units: 0}}
              "41780000009": {balance: {octets: 1000, seconds: 0, units: 0}}
              "41780000100": {balance: {octets: 100000000, seconds: 0, units: 0}}
            max-grant: {octets: 10000, seconds: 600, units: 10}
            validity-time: 600
            tcc: 20m
            rules:
              - {command: CCR, subscriber: "41780000009", result: 4012}
              - {command: CCR, subscriber: "41780000008", delay: 300ms}
              - {command: CCR, subscriber: "41780000007", drop: true}
            """;

    static DiameterNode server;
    static DiameterNode client;
    static OcsSimulator ocs;
    static final ManualTimers OCS_CLOCK = new ManualTimers();
    static final List<String> asrSeen = new ArrayList<>();
    static GyClient gy;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ocs.yaml");
        Files.writeString(file, CONFIG);
        server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .build());
        ocs = OcsSimulator.register(server, OcsConfig.load(file), OCS_CLOCK);
        int port = server.listenAddresses().get(0).getPort();
        client =
                DiameterNode.start(
                        NodeConfig.builder("pgw.example.com")
                                .application(ApplicationId.auth(4))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                .destinationHost("ocs.example.net")
                                                .build())
                                .build());
        client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
        if (System.getProperty("gy.trace") != null) {
            client.addListener(
                    NodeListener.messages(
                            t ->
                                    System.err.println(
                                            "CLIENT "
                                                    + (t.received() ? "<- " : "-> ")
                                                    + t.message())));
            server.addListener(
                    NodeListener.messages(
                            t ->
                                    System.err.println(
                                            "SERVER "
                                                    + (t.received() ? "<- " : "-> ")
                                                    + t.message())));
        }
        gy = new GyClient(client, GyClientConfig.defaults().withServers("ocs.example.net", null));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static CreditControlAnswer send(DiameterMessage ccr) throws Exception {
        return CreditControlAnswer.of(
                D, client.send(ccr, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
    }

    static DiameterMessage data(
            String sid, String msisdn, CcRequestType t, long n, List<MsccRequest> m) {
        return CreditControlRequests.dataSession(D, sid, msisdn, t, n, m).build();
    }

    @Test
    void seed001SmsEventIsDebitedOneUnit() throws Exception {
        Account acc = ocs.account("41780000001");
        long before = acc.available().units();
        DiameterMessage ccr =
                CreditControlRequests.smsEvent(
                                D, client.newSessionId(), "41780000001", "41780000002")
                        .destinationHost("ocs.example.net")
                        .build();
        CreditControlAnswer cca = send(ccr);
        assertThat(cca.resultCode()).isEqualTo(2001);
        assertThat(cca.resultCodeName()).isEqualTo("DIAMETER_SUCCESS");
        assertThat(cca.requestType()).isEqualTo(CcRequestType.EVENT_REQUEST);
        assertThat(cca.mscc())
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.resultCode()).isEqualTo(2001);
                            assertThat(m.granted().serviceSpecificUnits()).isEqualTo(1);
                        });
        assertThat(acc.available().units()).isEqualTo(before - 1);
        // The same event retransmitted (T flag) is recognised and not charged twice.
        DiameterMessage again =
                new DiameterMessage(
                        ccr.flags() | DiameterMessage.FLAG_RETRANSMIT,
                        ccr.commandCode(),
                        ccr.applicationId(),
                        0,
                        ccr.endToEnd());
        ccr.avps().forEach(again::add);
        assertThat(send(again).resultCode()).isEqualTo(2001);
        assertThat(acc.available().units()).isEqualTo(before - 1);
    }

    @Test
    void smsEventThroughTheClientSession() throws Exception {
        Account acc = ocs.account("41780000001");
        long before = acc.available().units();
        GyClientSession s = gy.newSession("41780000001", List.of());
        CcOutcome o =
                s.event(
                                org.diameter4j.gy.RequestedAction.DIRECT_DEBITING,
                                b ->
                                        b.serviceContextId("32274@3gpp.org")
                                                .mscc(
                                                        MsccRequest.of(
                                                                null,
                                                                1L,
                                                                ServiceUnits.units(1),
                                                                null))
                                                .serviceInformation(
                                                        D.grouped(
                                                                "Service-Information",
                                                                CreditControlRequests
                                                                        .smsInformation(
                                                                                D,
                                                                                8,
                                                                                "SUBMISSION",
                                                                                "41780000002"))))
                        .get(10, TimeUnit.SECONDS);
        assertThat(o.kind()).isEqualTo(CcOutcome.Kind.GRANTED);
        assertThat(acc.available().units()).isEqualTo(before - 1);
    }

    @Test
    void dataSessionInitialThreeUpdatesTerminateAccountsExactly() throws Exception {
        String msisdn = "41780000004";
        Account acc = ocs.account(msisdn);
        Balance initial = acc.available();
        String sid = client.newSessionId();
        MsccRequest rg10 = MsccRequest.of(10L, 1L, ServiceUnits.octets(4000), null);
        MsccRequest rg20 =
                new MsccRequest(
                        20L, List.of(2L), new ServiceUnits(null, 3000L, null, null, null), null);
        CreditControlAnswer i =
                send(data(sid, msisdn, CcRequestType.INITIAL_REQUEST, 0, List.of(rg10, rg20)));
        assertThat(i.resultCode()).isEqualTo(2001);
        assertThat(i.mscc(10).granted().totalOctets()).isEqualTo(4000);
        assertThat(i.mscc(20).granted().totalOctets()).isEqualTo(3000);
        assertThat(i.mscc(10).validityTime()).isEqualTo(600);
        assertThat(acc.reserved().octets()).isEqualTo(7000);
        long used = 0;
        for (int n = 1; n <= 3; n++) {
            CreditControlAnswer u =
                    send(
                            data(
                                    sid,
                                    msisdn,
                                    CcRequestType.UPDATE_REQUEST,
                                    n,
                                    List.of(
                                            rg10.withUnits(
                                                    ServiceUnits.octets(4000),
                                                    ServiceUnits.octets(3500)),
                                            rg20.withUnits(
                                                    ServiceUnits.octets(3000),
                                                    new ServiceUnits(
                                                            null, null, 1000L, 1500L, null)))));
            used += 3500 + 2500;
            assertThat(u.resultCode()).isEqualTo(2001);
            assertThat(u.requestNumber()).isEqualTo(n);
            assertThat(u.mscc(10).granted().totalOctets()).isEqualTo(4000);
            assertThat(acc.charged().octets()).isEqualTo(used);
            assertThat(acc.reserved().octets()).isEqualTo(7000);
        }
        CreditControlAnswer t =
                send(
                        data(
                                sid,
                                msisdn,
                                CcRequestType.TERMINATION_REQUEST,
                                4,
                                List.of(
                                        rg10.withUnits(null, ServiceUnits.octets(100)),
                                        rg20.withUnits(null, ServiceUnits.octets(0)))));
        used += 100;
        assertThat(t.resultCode()).isEqualTo(2001);
        assertThat(acc.reserved().octets()).isZero();
        assertThat(acc.charged().octets()).isEqualTo(used);
        assertThat(acc.available().octets() + used).isEqualTo(initial.octets());
        // The session is gone.
        assertThat(
                        send(data(sid, msisdn, CcRequestType.UPDATE_REQUEST, 5, List.of(rg10)))
                                .resultCode())
                .isEqualTo(5002);
    }

    @Test
    void creditLimitReachedPerMsccAndAtCommandLevel() throws Exception {
        // 5000 octets: RG 10 gets them all, RG 20 gets nothing → MSCC 4012, command 2001.
        String sid = client.newSessionId();
        CreditControlAnswer a =
                send(
                        data(
                                sid,
                                "41780000002",
                                CcRequestType.INITIAL_REQUEST,
                                0,
                                List.of(
                                        MsccRequest.of(10L, null, ServiceUnits.octets(8000), null),
                                        MsccRequest.of(
                                                20L, null, ServiceUnits.octets(1000), null))));
        assertThat(a.resultCode()).isEqualTo(2001);
        assertThat(a.mscc(10).granted().totalOctets()).isEqualTo(5000);
        assertThat(a.mscc(20).resultCode()).isEqualTo(4012);
        // Empty account: every MSCC fails → 4012 at command level.
        CreditControlAnswer b =
                send(
                        data(
                                client.newSessionId(),
                                "41780000003",
                                CcRequestType.INITIAL_REQUEST,
                                0,
                                List.of(
                                        MsccRequest.of(
                                                10L, null, ServiceUnits.octets(1000), null))));
        assertThat(b.resultCode()).isEqualTo(4012);
        assertThat(b.resultCodeName()).isEqualTo("DIAMETER_CREDIT_LIMIT_REACHED");
        assertThat(b.mscc(10).resultCode()).isEqualTo(4012);
    }

    @Test
    void unknownSubscriberIs5030() throws Exception {
        CreditControlAnswer a =
                send(
                        data(
                                client.newSessionId(),
                                "41799999999",
                                CcRequestType.INITIAL_REQUEST,
                                0,
                                List.of(
                                        MsccRequest.of(
                                                10L, null, ServiceUnits.octets(1000), null))));
        assertThat(a.resultCode()).isEqualTo(5030);
        assertThat(a.resultCodeName()).isEqualTo("DIAMETER_USER_UNKNOWN");
        GyClientSession s =
                gy.newSession(
                        "41799999999",
                        List.of(MsccRequest.of(10L, null, ServiceUnits.octets(1), null)));
        CcOutcome o = s.start().get(10, TimeUnit.SECONDS);
        assertThat(o.kind()).isEqualTo(CcOutcome.Kind.TERMINATED);
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
    }

    /**
     * RFC 4006 §8.33 and §13: a grant not reported on within its Validity-Time (600 s here) goes
     * back to the balance, while the session lives on until Tcc (20 min) runs out.
     */
    @Test
    void validityTimeThenTccReleaseTheSessionsHold() throws Exception {
        Account acc = ocs.account("41780000005");
        Balance before = acc.available();
        String sid = client.newSessionId();
        send(
                data(
                        sid,
                        "41780000005",
                        CcRequestType.INITIAL_REQUEST,
                        0,
                        List.of(MsccRequest.of(10L, null, ServiceUnits.octets(10000), null))));
        assertThat(acc.reserved().octets()).isEqualTo(10000);
        OCS_CLOCK.advance(Duration.ofSeconds(599));
        assertThat(acc.reserved().octets()).as("within Validity-Time").isEqualTo(10000);
        OCS_CLOCK.advance(Duration.ofSeconds(1));
        assertThat(acc.reserved().octets()).as("Validity-Time ran out").isZero();
        assertThat(acc.available()).isEqualTo(before);
        assertThat(ocs.sessions().get(sid)).as("the session outlives its grant").isNotNull();
        OCS_CLOCK.advance(Duration.ofMinutes(10));
        assertThat(ocs.sessions().get(sid)).as("Tcc ran out").isNull();
        assertThat(
                        send(data(sid, "41780000005", CcRequestType.UPDATE_REQUEST, 1, List.of()))
                                .resultCode())
                .isEqualTo(5002);
    }

    /**
     * Usage reported after the grant expired is still charged, from the balance, and the new grant
     * is a fresh reservation: nothing granted twice, nothing lost.
     */
    @Test
    void usageReportedAfterValidityTimeIsChargedFromTheBalance() throws Exception {
        String msisdn = "41780000006";
        Account acc = ocs.account(msisdn);
        Balance before = acc.available();
        String sid = client.newSessionId();
        MsccRequest rg = MsccRequest.of(10L, null, ServiceUnits.octets(4000), null);
        send(data(sid, msisdn, CcRequestType.INITIAL_REQUEST, 0, List.of(rg)));
        OCS_CLOCK.advance(Duration.ofSeconds(600));
        assertThat(acc.reserved().octets()).isZero();
        CreditControlAnswer u =
                send(
                        data(
                                sid,
                                msisdn,
                                CcRequestType.UPDATE_REQUEST,
                                1,
                                List.of(
                                        rg.withUnits(
                                                ServiceUnits.octets(4000),
                                                ServiceUnits.octets(3000)))));
        assertThat(u.resultCode()).isEqualTo(2001);
        assertThat(u.mscc(10).granted().totalOctets()).isEqualTo(4000);
        assertThat(acc.charged().octets()).isEqualTo(3000);
        assertThat(acc.reserved().octets()).isEqualTo(4000);
        send(
                data(
                        sid,
                        msisdn,
                        CcRequestType.TERMINATION_REQUEST,
                        2,
                        List.of(rg.withUnits(null, null))));
        assertThat(acc.reserved().octets()).isZero();
        assertThat(acc.available().octets()).isEqualTo(before.octets() - 3000);
    }

    /**
     * Issue 9 §3: an empty Requested-Service-Unit gets one chunk (max-grant, 10000 octets here),
     * not the whole balance, so a second concurrent session of the same subscriber is served too.
     */
    @Test
    void concurrentSessionsOfOneSubscriberEachGetAChunk() throws Exception {
        String msisdn = "41780000001";
        Account acc = ocs.account(msisdn);
        long reservedBefore = acc.reserved().octets();
        MsccRequest empty = MsccRequest.of(10L, null, ServiceUnits.EMPTY, null);
        String a = client.newSessionId();
        String b = client.newSessionId();
        CreditControlAnswer first =
                send(data(a, msisdn, CcRequestType.INITIAL_REQUEST, 0, List.of(empty)));
        CreditControlAnswer second =
                send(data(b, msisdn, CcRequestType.INITIAL_REQUEST, 0, List.of(empty)));
        assertThat(first.mscc(10).granted().totalOctets()).isEqualTo(10000);
        assertThat(second.resultCode()).isEqualTo(2001);
        assertThat(second.mscc(10).granted().totalOctets()).isEqualTo(10000);
        assertThat(acc.reserved().octets() - reservedBefore).isEqualTo(20000);
        send(data(a, msisdn, CcRequestType.TERMINATION_REQUEST, 1, List.of()));
        send(data(b, msisdn, CcRequestType.TERMINATION_REQUEST, 1, List.of()));
        assertThat(acc.reserved().octets()).isEqualTo(reservedBefore);
    }

    @Test
    void theDefaultChunkIsTenMegabytesSixHundredSecondsTenUnits() {
        OcsConfig c = OcsConfig.parse("{subscribers: {}}");
        assertThat(c.maxGrant()).isEqualTo(new Balance(10_000_000, 600, 10));
        assertThat(OcsConfig.parse("{subscribers: {}, max-grant: {octets: 5}}").maxGrant())
                .as("a kind not given keeps its default chunk")
                .isEqualTo(new Balance(5, 600, 10));
    }

    @Test
    void rulesAnswer4012DelayAndDrop() throws Exception {
        CreditControlAnswer a =
                send(
                        data(
                                client.newSessionId(),
                                "41780000009",
                                CcRequestType.INITIAL_REQUEST,
                                0,
                                List.of(MsccRequest.of(10L, null, ServiceUnits.octets(10), null))));
        assertThat(a.resultCode()).isEqualTo(4012);
        assertThat(a.requestType()).isEqualTo(CcRequestType.INITIAL_REQUEST);

        long t0 = System.nanoTime();
        CreditControlAnswer delayed =
                send(
                        data(
                                client.newSessionId(),
                                "41780000008",
                                CcRequestType.INITIAL_REQUEST,
                                0,
                                List.of(MsccRequest.of(10L, null, ServiceUnits.octets(10), null))));
        assertThat(delayed.resultCode()).isEqualTo(2001);
        assertThat(System.nanoTime() - t0)
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(280));

        CompletableFuture<DiameterMessage> dropped =
                client.send(
                        data(
                                client.newSessionId(),
                                "41780000007",
                                CcRequestType.INITIAL_REQUEST,
                                0,
                                List.of(MsccRequest.of(10L, null, ServiceUnits.octets(10), null))),
                        Duration.ofMillis(400));
        assertThatThrownBy(() -> dropped.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestTimeoutException.class);
    }

    @Test
    void serverSendsRarAndAsrThatReachTheClientSession() throws Exception {
        GyClientSession s =
                gy.newSession(
                        "41780000006",
                        List.of(MsccRequest.of(10L, null, ServiceUnits.octets(1000), null)));
        assertThat(s.start().get(10, TimeUnit.SECONDS).kind()).isEqualTo(CcOutcome.Kind.GRANTED);
        int sentBefore = s.sentRequests().size();
        DiameterMessage raa = ocs.reAuth(s.sessionId()).get(10, TimeUnit.SECONDS);
        assertThat(D.get(raa, "Result-Code").asUnsigned32()).isEqualTo(2001);
        // RAR in Open: RAA followed by a CCR-UPDATE (RFC 4006 §5.5).
        waitFor(() -> s.sentRequests().size() > sentBefore && s.state() == CcClientState.OPEN);
        assertThat(D.get(s.sentRequests().get(sentBefore), "CC-Request-Type").asInt32())
                .isEqualTo(2);

        DiameterMessage asa = ocs.abort(s.sessionId()).get(10, TimeUnit.SECONDS);
        assertThat(D.get(asa, "Result-Code").asUnsigned32()).isEqualTo(2001);
        waitFor(
                () -> s.state() == CcClientState.IDLE,
                () -> s + " sent " + s.sentRequests().size());
        assertThat(ocs.account("41780000006").reserved().octets()).isZero();
    }

    @Test
    void twoHundredConcurrentSessionsKeepTheBalanceExact() throws Exception {
        String msisdn = "41780000100";
        Account acc = ocs.account(msisdn);
        Balance initial = acc.available();
        int n = 200;
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String sid = client.newSessionId();
            long use = 1000 + i;
            MsccRequest m = MsccRequest.of(10L, null, ServiceUnits.octets(5000), null);
            CompletableFuture<Long> f =
                    client.send(
                                    data(sid, msisdn, CcRequestType.INITIAL_REQUEST, 0, List.of(m)),
                                    Duration.ofSeconds(20))
                            .thenCompose(
                                    a ->
                                            client.send(
                                                    data(
                                                            sid,
                                                            msisdn,
                                                            CcRequestType.UPDATE_REQUEST,
                                                            1,
                                                            List.of(
                                                                    m.withUnits(
                                                                            ServiceUnits.octets(
                                                                                    5000),
                                                                            ServiceUnits.octets(
                                                                                    use)))),
                                                    Duration.ofSeconds(20)))
                            .thenCompose(
                                    a ->
                                            client.send(
                                                    data(
                                                            sid,
                                                            msisdn,
                                                            CcRequestType.TERMINATION_REQUEST,
                                                            2,
                                                            List.of(
                                                                    m.withUnits(
                                                                            null,
                                                                            ServiceUnits.octets(
                                                                                    use)))),
                                                    Duration.ofSeconds(20)))
                            .thenApply(
                                    a -> {
                                        assertThat(D.get(a, "Result-Code").asUnsigned32())
                                                .isEqualTo(2001);
                                        return 2 * use;
                                    });
            all.add(f);
        }
        long used = 0;
        for (CompletableFuture<Long> f : all) {
            used += f.get(30, TimeUnit.SECONDS);
        }
        assertThat(acc.reserved().octets()).isZero();
        assertThat(acc.charged().octets()).isEqualTo(used);
        assertThat(acc.available().octets() + used).isEqualTo(initial.octets());
    }

    @Test
    void configFromJsonWithDefault() {
        OcsConfig c =
                OcsConfig.parse(
                        "{\"subscribers\": {\"1\": {\"balance\": {\"units\": 5}}},"
                                + " \"default\": {\"balance\": {\"octets\": 7}}}");
        assertThat(c.subscribers()).containsEntry("1", new Balance(0, 0, 5));
        assertThat(c.defaultBalance()).isEqualTo(new Balance(7, 0, 0));
    }

    @Test
    void configFaultsNameLineColumnAndTheFix() {
        assertThatThrownBy(() -> OcsConfig.parse("{subscribers: {}, bogus: 1}"))
                .hasMessage(
                        "config:1:19: bogus: unknown key 'bogus' — allowed keys: subscribers,"
                                + " default, max-grant, validity-time, tcc, failure-handling,"
                                + " session-failover, rules, max-sessions");
        assertThatThrownBy(() -> OcsConfig.parse("{subscribers: {}, validity-time: soon}"))
                .hasMessage("config:1:34: validity-time: expected a number, got \"soon\"");
        assertThatThrownBy(() -> OcsConfig.parse("{subscribers: {}, failure-handling: maybe}"))
                .hasMessage(
                        "config:1:37: failure-handling: expected one of terminate, continue,"
                                + " retry-and-terminate, got \"maybe\"");
        assertThatThrownBy(() -> OcsConfig.parse("{subscribers: {}, rules: [4012]}"))
                .hasMessage(
                        "config:1:27: rules[0]: expected a mapping (key: value lines), got"
                                + " \"4012\"");
        assertThatThrownBy(() -> OcsConfig.parse("{subscribers: {}, tcc: 20}"))
                .hasMessageStartingWith("config:1:24: tcc: '20' is not a duration");
        assertThatThrownBy(() -> OcsConfig.parse("{subscribers: {\"1\": {units: 5}}}"))
                .hasMessage(
                        "config:1:22: subscribers.1: unknown key 'units' — allowed keys: balance\n"
                                + "config:1:21: subscribers.1.balance: the required key 'balance'"
                                + " is missing — write {balance: {octets: N, seconds: N, units:"
                                + " N}}");
    }

    @Test
    void aFaultInAnOcsFileNamesTheFileAndLineAndEveryFaultIsListed(@TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("ocs.yaml");
        Files.writeString(
                f,
                """
                subscribers:
                  "41780000001": {balance: {octet: 100}}
                max-sessions: 0
                rules:
                  - {command: CCR, delay: 3}
                """);
        assertThatThrownBy(() -> OcsConfig.load(f))
                .isInstanceOfSatisfying(
                        NodeConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactly(
                                                f
                                                        + ":2:29: subscribers.41780000001.balance:"
                                                        + " unknown key 'octet' (did you mean"
                                                        + " 'octets'?) — allowed keys: octets,"
                                                        + " seconds, units",
                                                f
                                                        + ":5:27: rules[0].delay: '3' is not a"
                                                        + " duration: write a number and its unit,"
                                                        + " 500ms, 10s, 1.5s, 2m or 1h (a bare"
                                                        + " number has no unit)",
                                                f
                                                        + ":3:15: max-sessions: expected a number"
                                                        + " from 1 to 2147483647, got 0"));
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        waitFor(cond, () -> "condition");
    }

    static void waitFor(
            java.util.function.BooleanSupplier cond, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!cond.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cond.getAsBoolean()).as(what).isTrue();
    }
}
