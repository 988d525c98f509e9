package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.diameter4j.node.Servers.ccr;
import static org.diameter4j.node.Servers.peer;
import static org.diameter4j.node.Servers.port;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.node.overload.OverloadConfig;
import org.diameter4j.node.overload.OverloadReport;
import org.diameter4j.node.overload.ThrottledException;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.StrictSend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DOIC end to end (RFC 7683, loss algorithm): Gy servers reporting overload and clients reacting to
 * it, several {@link DiameterNode}s on loopback. Every message is checked against its command
 * grammar on the way out (strict send: REJECT) and, for the requests, by the receiving server.
 */
@Timeout(120)
class DoicTest {
    private static final int N = 10_000;
    private static final MessageValidator GRAMMAR = new MessageValidator(Servers.D);

    /** What {@link #offer} saw: answers per Result-Code, throttled, other failures. */
    static final class Outcome {
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final ConcurrentHashMap<Long, AtomicInteger> byResult = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, AtomicInteger> byServer = new ConcurrentHashMap<>();
        final AtomicReference<String> throttleMessage = new AtomicReference<>();
        final AtomicReference<Throwable> otherError = new AtomicReference<>();
        final AtomicReference<DiameterMessage> lastAnswer = new AtomicReference<>();

        int result(long rc) {
            AtomicInteger n = byResult.get(rc);
            return n == null ? 0 : n.get();
        }

        int server(String host) {
            AtomicInteger n = byServer.get(host);
            return n == null ? 0 : n.get();
        }
    }

    /** Sends {@code n} CCRs to {@code realm}, at most 200 at a time; waits for every outcome. */
    static Outcome offer(DiameterNode client, int n, String realm) throws InterruptedException {
        return offer(client, n, realm, null);
    }

    /** The same, with Destination-Host {@code host} when not null. */
    static Outcome offer(DiameterNode client, int n, String realm, String host)
            throws InterruptedException {
        Outcome o = new Outcome();
        Semaphore window = new Semaphore(200);
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            window.acquire();
            CompletableFuture<DiameterMessage> f = client.send(ccr(client, realm, host));
            f.whenComplete(
                    (a, e) -> {
                        if (a != null) {
                            o.answered.incrementAndGet();
                            o.lastAnswer.set(a);
                            o.byResult
                                    .computeIfAbsent(
                                            Servers.resultCode(a), k -> new AtomicInteger())
                                    .incrementAndGet();
                            o.byServer
                                    .computeIfAbsent(
                                            Servers.originHost(a), k -> new AtomicInteger())
                                    .incrementAndGet();
                        } else if (e instanceof ThrottledException t) {
                            o.throttled.incrementAndGet();
                            o.throttleMessage.set(t.getMessage());
                        } else {
                            o.failed.incrementAndGet();
                            o.otherError.set(e);
                        }
                        window.release();
                        done.countDown();
                    });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).as("every request completed").isTrue();
        return o;
    }

    private static DiameterNode server(String host, Servers.Seen seen) {
        return Servers.gy(
                host, seen, b -> b.overload(OverloadConfig.ENABLED).strictSend(StrictSend.REJECT));
    }

    private static NodeConfig.Builder client(String host) {
        return NodeConfig.builder(host)
                .application(ApplicationId.auth(4))
                .overload(OverloadConfig.ENABLED)
                .strictSend(StrictSend.REJECT);
    }

    /** One request, so that the client has heard the server's report (§5.2.3). */
    private static void learn(DiameterNode client, String realm) throws Exception {
        client.send(ccr(client, realm, null)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReportOf30PercentCutsTheOfferedLoadBy30Percent() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        try (DiameterNode ocs = server("ocs.realm-s.net", seen);
                DiameterNode client =
                        DiameterNode.start(
                                client("client.realm-c.com")
                                        .peer(peer("ocs.realm-s.net", port(ocs)).build())
                                        .build())) {
            client.awaitReady("ocs.realm-s.net", Duration.ofSeconds(5));
            learn(client, "realm-s.net");
            DiameterMessage first = seen.requests.get(0);
            assertThat(first.find(621))
                    .as("§5.1.1: OC-Supported-Features in the request")
                    .isNotNull();
            assertThat(GRAMMAR.validate(first)).as("the CCR's grammar admits it").isNull();

            ocs.overload().report(30, Duration.ofSeconds(60));
            learn(client, "realm-s.net");
            assertThat(client.overload().activeReports())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.type()).isEqualTo(OverloadReport.Type.HOST);
                                assertThat(r.reporter()).isEqualTo("ocs.realm-s.net");
                                assertThat(r.reductionPercent()).isEqualTo(30);
                                assertThat(r.applicationId()).isEqualTo(4);
                            });

            int before = seen.handled.get();
            Outcome o = offer(client, N, "realm-s.net");
            int reached = seen.handled.get() - before;
            assertThat(o.failed.get()).as("no error but throttling: %s", o.otherError).isZero();
            assertThat(reached + o.throttled.get()).isEqualTo(N);
            assertThat(100.0 * (N - reached) / N)
                    .as("§6.3: the load offered to the reporter drops by its reduction")
                    .isCloseTo(30.0, within(2.0));
            assertThat(o.throttleMessage.get())
                    .startsWith(
                            "throttled by DOIC host report from ocs.realm-s.net: 30 % reduction,")
                    .endsWith(" s left");
            assertThat(client.overload().throttledRequests()).isEqualTo(o.throttled.get());

            DiameterMessage cca = o.lastAnswer.get();
            assertThat(cca.find(623)).as("§6.2: the answers carry the OC-OLR").isNotNull();
            assertThat(cca.find(621)).as("§5.1.2: and OC-Supported-Features").isNotNull();
            assertThat(GRAMMAR.validate(cca)).as("the CCA's grammar admits them").isNull();
            assertThat(client.metrics().prometheus())
                    .contains(
                            "diameter_doic_throttled_total{node=\"client.realm-c.com\"} "
                                    + o.throttled.get())
                    .contains(
                            "diameter_doic_reduction_percent{node=\"client.realm-c.com\",reporter=\"ocs.realm-s.net\",type=\"host\",application=\"4\"} 30");
            assertThat(ocs.metrics().prometheus())
                    .contains("diameter_doic_own_reduction_percent{node=\"ocs.realm-s.net\"} 30");
        }
    }

    @Test
    void theLoadComesBackWhenTheValidityPassesOrTheReportEnds() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        try (DiameterNode ocs = server("ocs.realm-s.net", seen);
                DiameterNode client =
                        DiameterNode.start(
                                client("client.realm-c.com")
                                        .peer(peer("ocs.realm-s.net", port(ocs)).build())
                                        .build())) {
            client.awaitReady("ocs.realm-s.net", Duration.ofSeconds(5));
            ocs.overload().report(50, Duration.ofSeconds(1));
            learn(client, "realm-s.net");
            assertThat(client.overload().activeReports()).hasSize(1);
            assertThat(offer(client, 1_000, "realm-s.net").throttled.get()).isPositive();

            // §7.5: the report lapses at both ends after its validity.
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "still in force: " + client.overload().activeReports(),
                    () -> client.overload().activeReports().isEmpty());
            Outcome after = offer(client, 1_000, "realm-s.net");
            assertThat(after.throttled.get()).isZero();
            assertThat(after.result(2001)).isEqualTo(1_000);
            assertThat(after.lastAnswer.get().find(623)).as("no report any more").isNull();

            // §5.2.2: ended early, with validity 0 and a new sequence number.
            ocs.overload().report(50, Duration.ofSeconds(60));
            learn(client, "realm-s.net");
            assertThat(client.overload().activeReports()).hasSize(1);
            ocs.overload().endReport();
            assertThat(ocs.overload().ownReport().remaining()).isZero();
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "still in force: " + client.overload().activeReports(),
                    () -> {
                        try {
                            learn(client, "realm-s.net");
                        } catch (Exception e) {
                            // throttled: try again
                        }
                        return client.overload().activeReports().isEmpty();
                    });
            assertThat(offer(client, 1_000, "realm-s.net").throttled.get()).isZero();
        }
    }

    @Test
    void whenOneServerReportsTheTrafficShiftsToTheOtherWithoutErrors() throws Exception {
        Servers.Seen seenA = new Servers.Seen();
        Servers.Seen seenB = new Servers.Seen();
        try (DiameterNode a = server("ocs-a.realm-s.net", seenA);
                DiameterNode b = server("ocs-b.realm-s.net", seenB);
                DiameterNode client =
                        DiameterNode.start(
                                client("client.realm-c.com")
                                        .peer(
                                                peer("ocs-a.realm-s.net", port(a))
                                                        .preference(1)
                                                        .build())
                                        .peer(
                                                peer("ocs-b.realm-s.net", port(b))
                                                        .preference(2)
                                                        .build())
                                        .build())) {
            client.awaitReady("ocs-a.realm-s.net", Duration.ofSeconds(5));
            client.awaitReady("ocs-b.realm-s.net", Duration.ofSeconds(5));
            Outcome calm = offer(client, 100, "realm-s.net");
            assertThat(calm.server("ocs-a.realm-s.net")).as("the preferred one").isEqualTo(100);

            a.overload().report(30, Duration.ofSeconds(60));
            learn(client, "realm-s.net");
            Outcome o = offer(client, N, "realm-s.net");
            assertThat(o.failed.get() + o.throttled.get()).as("no request lost").isZero();
            assertThat(o.result(2001)).isEqualTo(N);
            assertThat(100.0 * o.server("ocs-b.realm-s.net") / N)
                    .as("§6.3: what the reporter is spared goes to the other server")
                    .isCloseTo(30.0, within(2.0));
            assertThat(client.overload().reroutedRequests())
                    .isEqualTo(o.server("ocs-b.realm-s.net"));
        }
    }

    @Test
    void aRelayPassesDoicThroughForReactingClientsAndActsForTheOthers() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        try (DiameterNode ocs = server("ocs.realm-s.net", seen);
                DiameterNode relay =
                        DiameterNode.start(
                                NodeConfig.builder("relay.realm-r.net")
                                        .relay(true)
                                        .overload(OverloadConfig.ENABLED)
                                        .listen("127.0.0.1:0")
                                        .acceptAnyPeer(true)
                                        .peer(peer("ocs.realm-s.net", port(ocs)).build())
                                        .build());
                DiameterNode doicClient =
                        DiameterNode.start(
                                client("client.realm-c.com")
                                        .peer(
                                                peer("relay.realm-r.net", port(relay))
                                                        .defaultPeer(true)
                                                        .build())
                                        .build());
                DiameterNode plainClient =
                        DiameterNode.start(
                                NodeConfig.builder("plain.realm-c.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(
                                                peer("relay.realm-r.net", port(relay))
                                                        .defaultPeer(true)
                                                        .build())
                                        .build())) {
            relay.awaitReady("ocs.realm-s.net", Duration.ofSeconds(5));
            doicClient.awaitReady("relay.realm-r.net", Duration.ofSeconds(5));
            plainClient.awaitReady("relay.realm-r.net", Duration.ofSeconds(5));
            ocs.overload().report(30, Duration.ofSeconds(60));

            // §5.1.3: the reacting client's report passes the relay unchanged; the relay obeys
            // nothing on its behalf. A host report from a server behind the relay applies to the
            // requests for that host (§7.6 HOST_REPORT: host-routed requests).
            DiameterMessage req = ccr(doicClient, "realm-s.net", null);
            DiameterMessage answer = doicClient.send(req).get(5, TimeUnit.SECONDS);
            assertThat(answer.find(623)).isNotNull();
            assertThat(relay.overload().activeReports()).isEmpty();
            assertThat(doicClient.overload().activeReports())
                    .singleElement()
                    .satisfies(r -> assertThat(r.reporter()).isEqualTo("ocs.realm-s.net"));
            Outcome viaReacting = offer(doicClient, 2_000, "realm-s.net", "ocs.realm-s.net");
            assertThat(viaReacting.throttled.get()).as("the client throttles").isPositive();
            assertThat(viaReacting.result(3004)).as("the relay does not").isZero();

            // A client without DOIC: the relay advertises it, obeys the report, answers 3004 for
            // what it drops, and keeps the DOIC AVPs to itself. One request first, so that the
            // relay holds the report before the load starts (offer sends many at once: those
            // sent before the first answer came back would pass unthrottled).
            plainClient.send(ccr(plainClient, "realm-s.net", null)).get(5, TimeUnit.SECONDS);
            Outcome viaRelay = offer(plainClient, 2_000, "realm-s.net");
            assertThat(relay.overload().activeReports()).hasSize(1);
            assertThat(viaRelay.failed.get() + viaRelay.throttled.get()).isZero();
            assertThat(100.0 * viaRelay.result(3004) / 2_000).isCloseTo(30.0, within(4.0));
            DiameterMessage plainAnswer = viaRelay.lastAnswer.get();
            assertThat(plainAnswer.find(621)).isNull();
            assertThat(plainAnswer.find(623)).isNull();
        }
    }

    @Test
    void aServerReportsByItselfAboveItsPendingThreshold() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        seen.delayMillis = 200;
        try (DiameterNode ocs =
                        Servers.gy(
                                "ocs.realm-s.net",
                                seen,
                                b ->
                                        b.overload(
                                                OverloadConfig.automatic(
                                                        20, 40, Duration.ofSeconds(5))));
                DiameterNode client =
                        DiameterNode.start(
                                client("client.realm-c.com")
                                        .peer(peer("ocs.realm-s.net", port(ocs)).build())
                                        .build())) {
            client.awaitReady("ocs.realm-s.net", Duration.ofSeconds(5));
            assertThat(offer(client, 10, "realm-s.net").result(2001)).isEqualTo(10);
            assertThat(ocs.overload().ownReport()).as("10 at once: below 20").isNull();
            offer(client, 100, "realm-s.net");
            assertThat(ocs.overload().ownReport())
                    .as("100 at once: above 20")
                    .satisfies(
                            r -> {
                                assertThat(r.reductionPercent()).isEqualTo(40);
                                assertThat(r.type()).isEqualTo(OverloadReport.Type.HOST);
                            });
            assertThat(client.overload().activeReports()).hasSize(1);
            String shown = NodeShow.overload(client.overload().activeReports());
            assertThat(shown).contains("host   ocs.realm-s.net").contains("40 %");
        }
    }

    @Test
    void disabledByDefaultAddsNothing() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        try (DiameterNode ocs = server("ocs.realm-s.net", seen);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("client.realm-c.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(peer("ocs.realm-s.net", port(ocs)).build())
                                        .build())) {
            client.awaitReady("ocs.realm-s.net", Duration.ofSeconds(5));
            ocs.overload().report(100, Duration.ofSeconds(60));
            DiameterMessage a =
                    client.send(ccr(client, "realm-s.net", null)).get(5, TimeUnit.SECONDS);
            assertThat(seen.requests.get(0).find(621)).isNull();
            assertThat(a.find(623)).as("§5.1.2: reports go only to requests that asked").isNull();
            assertThat(client.overload().enabled()).isFalse();
            assertThat(client.config().overload()).isEqualTo(OverloadConfig.DISABLED);
        }
    }

    @Test
    void theOverloadSectionIsReadFromYaml() {
        NodeConfig c =
                NodeConfigLoader.parse(
                        """
                        node:
                          origin-host: ocs.realm-3.com
                          applications: [gy]
                          overload:
                            enabled: true
                            report-above-pending: 500
                            report-reduction: 40
                            report-validity: 10s
                        """,
                        "doic.yaml",
                        java.nio.file.Path.of("."));
        assertThat(c.overload())
                .isEqualTo(OverloadConfig.automatic(500, 40, Duration.ofSeconds(10)));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                NodeConfigLoader.parse(
                                        """
                                        node:
                                          origin-host: ocs.realm-3.com
                                          applications: [gy]
                                          overload:
                                            report-reduction: 140
                                            report-validity: 10
                                        """,
                                        "doic.yaml",
                                        java.nio.file.Path.of(".")))
                .hasMessageContaining("node.overload.report-reduction")
                .hasMessageContaining("node.overload.report-validity");
    }
}
