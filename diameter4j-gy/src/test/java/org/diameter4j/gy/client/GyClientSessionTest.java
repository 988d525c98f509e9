package org.diameter4j.gy.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.RequestedAction;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.peer.RequestTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RFC 4006 §7 client state machine with a fake transport and a manual clock: no sleeping. */
@Timeout(10)
class GyClientSessionTest {
    private static final Dictionary D = Dictionary.standard();

    record Sent(String peer, DiameterMessage request, CompletableFuture<DiameterMessage> answer) {}

    static final class FakeTransport implements CcTransport {
        final List<Sent> sent = new ArrayList<>();
        int e2e = 1000;

        @Override
        public synchronized CompletableFuture<DiameterMessage> send(
                String peer, DiameterMessage request, Duration timeout) {
            if (request.endToEnd() == 0) {
                request.endToEnd(e2e++); // what the peer layer does
            }
            CompletableFuture<DiameterMessage> f = new CompletableFuture<>();
            sent.add(new Sent(peer, request, f));
            return f;
        }

        Sent last() {
            return sent.get(sent.size() - 1);
        }
    }

    static final class Events implements GyClientListener {
        final List<CcOutcome> granted = new ArrayList<>();
        final List<CcOutcome> terminated = new ArrayList<>();
        final List<String> transitions = new ArrayList<>();

        @Override
        public void serviceGranted(GyClientSession s, CcOutcome o) {
            granted.add(o);
        }

        @Override
        public void serviceTerminated(GyClientSession s, CcOutcome o) {
            terminated.add(o);
        }

        @Override
        public void stateChanged(
                GyClientSession s, CcClientState from, CcClientState to, CcClientEvent e) {
            transitions.add(from + " -" + e + "-> " + to);
        }
    }

    final FakeTransport transport = new FakeTransport();
    final ManualTimers clock = new ManualTimers();
    final Events events = new Events();

    GyClientSession session(GyClientConfig cfg) {
        return GyClientSession.create(
                "client.example.com;1;1",
                "41780000001",
                List.of(MsccRequest.of(10L, 1L, ServiceUnits.octets(1000), null)),
                cfg,
                transport,
                clock,
                D,
                events);
    }

    static GyClientConfig cfg(FailureHandling fh) {
        return GyClientConfig.defaults()
                .withServers("ocs1.example.net", "ocs2.example.net")
                .withFailureHandling(fh);
    }

    static DiameterMessage cca(DiameterMessage req, long rc, Avp... extra) {
        DiameterMessage a = req.answer();
        a.add(D.avp("Result-Code", rc));
        a.add(D.avp("Origin-Host", "ocs1.example.net"));
        a.add(D.avp("Origin-Realm", "example.net"));
        a.add(D.avp("Auth-Application-Id", 4));
        a.add(D.get(req, "CC-Request-Type"));
        a.add(D.get(req, "CC-Request-Number"));
        for (Avp x : extra) {
            a.add(x);
        }
        return a;
    }

    static Avp grant(long rg, long octets, Long validity) {
        List<Avp> c =
                new ArrayList<>(
                        List.of(
                                ServiceUnits.octets(octets).toAvp(D, "Granted-Service-Unit"),
                                D.avp("Rating-Group", rg),
                                D.avp("Result-Code", 2001)));
        if (validity != null) {
            c.add(D.avp("Validity-Time", validity));
        }
        return D.grouped("Multiple-Services-Credit-Control", c.toArray(new Avp[0]));
    }

    static long number(DiameterMessage m) {
        return D.get(m, "CC-Request-Number").asUnsigned32();
    }

    static String type(DiameterMessage m) {
        return D.valueName(D.get(m, "CC-Request-Type"), D.get(m, "CC-Request-Type").asInt32());
    }

    /**
     * RFC 4006 §7, the three client tables, one line per row: state, event, the actions in order
     * ("-" for none), new state. The rows marked (*) are this implementation's reading of §7 and
     * §5.7 where the tables have no row: granted units or Validity-Time elapsing while an update is
     * pending are changes in rating condition; Tx expiring or the user stopping while the
     * termination is pending end the session.
     */
    static final String RFC_4006_CLIENT_TABLES =
            """
            # CLIENT, SESSION BASED for the first interrogation with CCR
            IDLE       SERVICE_REQUESTED                     SEND_INITIAL,START_TX          PENDING_I
            PENDING_I  SUCCESSFUL_ANSWER                     STOP_TX,GRANT_SERVICE          OPEN
            PENDING_I  FAILURE_CCFH_CONTINUE                 GRANT_SERVICE                  IDLE
            PENDING_I  FAILURE_CCFH_TERMINATE                TERMINATE_SERVICE              IDLE
            PENDING_I  TX_EXPIRED_CCFH_TERMINATE             TERMINATE_SERVICE              IDLE
            PENDING_I  TX_EXPIRED_CCFH_CONTINUE              GRANT_SERVICE                  PENDING_I
            PENDING_I  ANSWER_SERVICE_DENIED                 TERMINATE_SERVICE              IDLE
            PENDING_I  ANSWER_NOT_APPLICABLE                 GRANT_SERVICE                  IDLE
            PENDING_I  FAILED_ANSWER_CCFH_CONTINUE           GRANT_SERVICE                  IDLE
            PENDING_I  FAILED_ANSWER_CCFH_TERMINATE          TERMINATE_SERVICE              IDLE
            PENDING_I  USER_SERVICE_TERMINATED               QUEUE_TERMINATION              PENDING_I
            PENDING_I  RATING_CONDITION_CHANGE               QUEUE_RATING_CHANGE            PENDING_I
            # CLIENT, SESSION BASED for intermediate and final interrogations
            OPEN       GRANTED_UNIT_ELAPSED                  SEND_UPDATE,START_TX           PENDING_U
            OPEN       GRANTED_UNIT_ELAPSED_FINAL_TERMINATE  TERMINATE_SERVICE,SEND_TERMINATION,START_TX PENDING_T
            OPEN       RATING_CHANGE_IN_QUEUE                SEND_UPDATE,START_TX           PENDING_U
            OPEN       TERMINATION_IN_QUEUE                  SEND_TERMINATION,START_TX      PENDING_T
            OPEN       RATING_CONDITION_CHANGE               SEND_UPDATE,START_TX           PENDING_U
            OPEN       VALIDITY_TIME_ELAPSED                 SEND_UPDATE,START_TX           PENDING_U
            OPEN       USER_SERVICE_TERMINATED               SEND_TERMINATION,START_TX      PENDING_T
            OPEN       RAR_RECEIVED                          SEND_RAA,SEND_UPDATE,START_TX  PENDING_U
            PENDING_U  SUCCESSFUL_ANSWER                     STOP_TX,GRANT_SERVICE          OPEN
            PENDING_U  FAILURE_CCFH_CONTINUE                 GRANT_SERVICE                  IDLE
            PENDING_U  FAILURE_CCFH_TERMINATE                TERMINATE_SERVICE              IDLE
            PENDING_U  TX_EXPIRED_CCFH_TERMINATE             TERMINATE_SERVICE              IDLE
            PENDING_U  TX_EXPIRED_CCFH_CONTINUE              GRANT_SERVICE                  PENDING_U
            PENDING_U  ANSWER_SERVICE_DENIED                 TERMINATE_SERVICE              IDLE
            PENDING_U  ANSWER_NOT_APPLICABLE                 GRANT_SERVICE                  IDLE
            PENDING_U  FAILED_ANSWER_CCFH_CONTINUE           GRANT_SERVICE                  IDLE
            PENDING_U  FAILED_ANSWER_CCFH_TERMINATE          TERMINATE_SERVICE              IDLE
            PENDING_U  USER_SERVICE_TERMINATED               QUEUE_TERMINATION              PENDING_U
            PENDING_U  RATING_CONDITION_CHANGE               QUEUE_RATING_CHANGE            PENDING_U
            PENDING_U  GRANTED_UNIT_ELAPSED                  QUEUE_RATING_CHANGE            PENDING_U (*)
            PENDING_U  VALIDITY_TIME_ELAPSED                 QUEUE_RATING_CHANGE            PENDING_U (*)
            PENDING_U  RAR_RECEIVED                          SEND_RAA                       PENDING_U
            PENDING_T  SUCCESSFUL_ANSWER                     -                              IDLE
            PENDING_T  FAILURE_CCFH_CONTINUE                 -                              IDLE
            PENDING_T  FAILURE_CCFH_TERMINATE                -                              IDLE
            PENDING_T  FAILED_ANSWER_CCFH_CONTINUE           -                              IDLE
            PENDING_T  FAILED_ANSWER_CCFH_TERMINATE          -                              IDLE
            PENDING_T  ANSWER_SERVICE_DENIED                 -                              IDLE
            PENDING_T  ANSWER_NOT_APPLICABLE                 -                              IDLE
            PENDING_T  RATING_CONDITION_CHANGE               -                              PENDING_T
            PENDING_T  TX_EXPIRED_TERMINATION                -                              IDLE (*)
            PENDING_T  USER_SERVICE_TERMINATED               -                              PENDING_T (*)
            # CLIENT, EVENT BASED
            IDLE       ONE_TIME_SERVICE_REQUESTED            SEND_EVENT,START_TX            PENDING_E
            IDLE       REQUEST_IN_STORAGE                    SEND_STORED                    PENDING_B
            PENDING_E  EVENT_SUCCESS                         GRANT_SERVICE                  IDLE
            PENDING_E  EVENT_ENQUIRY_FAILED                  INDICATE_SERVICE_ERROR         IDLE
            PENDING_E  EVENT_DENIED_TX_RUNNING               TERMINATE_SERVICE              IDLE
            PENDING_E  EVENT_NOT_APPLICABLE_DD               GRANT_SERVICE                  IDLE
            PENDING_E  EVENT_FAILURE_DD_DDFH_CONTINUE        GRANT_SERVICE                  IDLE
            PENDING_E  EVENT_FAILED_DD_TOB_TX_RUNNING        TERMINATE_SERVICE              IDLE
            PENDING_E  EVENT_TX_EXPIRED_DD                   GRANT_SERVICE                  PENDING_E
            PENDING_E  EVENT_FAILURE_TO_SEND_DD_TOB          STORE_REQUEST_WITH_T_FLAG      IDLE
            PENDING_E  EVENT_TEMPORARY_ERROR_DD_TOB_TX_EXPIRED STORE_REQUEST                IDLE
            PENDING_E  EVENT_FAILED_DD_TX_EXPIRED            -                              IDLE
            PENDING_E  EVENT_REFUND_FAILED_ANSWER            INDICATE_SERVICE_ERROR,DELETE_REQUEST IDLE
            PENDING_E  EVENT_REFUND_FAILURE_TO_SEND_OR_TX_EXPIRED STORE_REQUEST_WITH_T_FLAG IDLE
            PENDING_E  EVENT_REFUND_TEMPORARY_ERROR          STORE_REQUEST                  IDLE
            PENDING_B  BUFFERED_SUCCESS                      DELETE_REQUEST                 IDLE
            PENDING_B  BUFFERED_FAILED_ANSWER                DELETE_REQUEST                 IDLE
            PENDING_B  BUFFERED_FAILURE                      -                              IDLE
            """;

    /** The rows of {@link #RFC_4006_CLIENT_TABLES} by state and event. */
    static Map<CcClientState, Map<CcClientEvent, CcClientTransitionTable.Transition>> spec() {
        Map<CcClientState, Map<CcClientEvent, CcClientTransitionTable.Transition>> m =
                new EnumMap<>(CcClientState.class);
        for (String line : RFC_4006_CLIENT_TABLES.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            List<CcClientAction> actions =
                    f[2].equals("-")
                            ? List.of()
                            : Arrays.stream(f[2].split(",")).map(CcClientAction::valueOf).toList();
            CcClientTransitionTable.Transition t =
                    new CcClientTransitionTable.Transition(actions, CcClientState.valueOf(f[3]));
            CcClientTransitionTable.Transition before =
                    m.computeIfAbsent(
                                    CcClientState.valueOf(f[0]),
                                    s -> new EnumMap<>(CcClientEvent.class))
                            .put(CcClientEvent.valueOf(f[1]), t);
            assertThat(before).as("the specification lists %s / %s twice", f[0], f[1]).isNull();
        }
        return m;
    }

    @Test
    void everyStateAndEventHasExactlyTheRowOfRfc4006Section7() {
        Map<CcClientState, Map<CcClientEvent, CcClientTransitionTable.Transition>> spec = spec();
        int rows = 0;
        for (CcClientState s : CcClientState.values()) {
            for (CcClientEvent e : CcClientEvent.values()) {
                CcClientTransitionTable.Transition expected = spec.getOrDefault(s, Map.of()).get(e);
                // §7: "Any event not listed in the state machines MUST be considered an error
                // condition": no row, so the session refuses it.
                assertThat(CcClientTransitionTable.lookup(s, e))
                        .as("%s / %s (RFC 4006 §7)", s, e)
                        .isEqualTo(expected);
                rows += expected == null ? 0 : 1;
            }
        }
        assertThat(CcClientTransitionTable.size()).isEqualTo(rows).isEqualTo(62);
    }

    @Test
    void requestNumbersIncreaseAndValidityTimeAndQuotaThresholdTriggerReauthorisation()
            throws Exception {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        CompletableFuture<CcOutcome> started = s.start();
        Sent i = transport.last();
        assertThat(type(i.request())).isEqualTo("INITIAL_REQUEST");
        assertThat(number(i.request())).isZero();
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_I);
        i.answer().complete(cca(i.request(), 2001, grant(10, 1000, 60L)));
        assertThat(started.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED);
        assertThat(s.state()).isEqualTo(CcClientState.OPEN);
        assertThat(s.grants()).containsEntry(10L, ServiceUnits.octets(1000));

        // Validity-Time elapses: CCR-UPDATE (RFC 4006 §7 "Change in rating condition or
        // Validity-Time elapses").
        clock.advance(Duration.ofSeconds(59));
        assertThat(transport.sent).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        Sent u1 = transport.last();
        assertThat(type(u1.request())).isEqualTo("UPDATE_REQUEST");
        assertThat(number(u1.request())).isEqualTo(1);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_U);
        u1.answer().complete(cca(u1.request(), 2001, grant(10, 1000, null)));
        assertThat(s.state()).isEqualTo(CcClientState.OPEN);

        // Quota threshold (80 %): the used units go in the USU of the next CCR-UPDATE.
        assertThat(s.reportUsage(10L, ServiceUnits.octets(500))).isFalse();
        assertThat(s.reportUsage(10L, ServiceUnits.octets(300))).isTrue();
        Sent u2 = transport.last();
        assertThat(number(u2.request())).isEqualTo(2);
        Avp mscc = D.get(u2.request(), "Multiple-Services-Credit-Control");
        assertThat(ServiceUnits.from(D, D.get(mscc, "Used-Service-Unit")).totalOctets())
                .isEqualTo(800);
        // A change of rating while the update is pending is queued, then sent.
        CompletableFuture<CcOutcome> queued = s.update();
        assertThat(transport.sent).hasSize(3);
        u2.answer().complete(cca(u2.request(), 2001, grant(10, 1000, null)));
        Sent u3 = transport.last();
        assertThat(number(u3.request())).isEqualTo(3);
        u3.answer().complete(cca(u3.request(), 2001, grant(10, 1000, null)));
        assertThat(queued.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED);

        CompletableFuture<CcOutcome> stopped = s.stop();
        Sent t = transport.last();
        assertThat(type(t.request())).isEqualTo("TERMINATION_REQUEST");
        assertThat(number(t.request())).isEqualTo(4);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_T);
        t.answer().complete(cca(t.request(), 2001));
        assertThat(stopped.get().kind()).isEqualTo(CcOutcome.Kind.ENDED);
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(transport.sent)
                .extracting(x -> number(x.request()))
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void txExpiryWithCcfhTerminateTerminatesTheService() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        CompletableFuture<CcOutcome> started = s.start();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(started).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(started.get().kind()).isEqualTo(CcOutcome.Kind.TERMINATED);
        assertThat(started.get().reason()).contains("Tx expired");
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        // A late answer changes nothing.
        transport.last().answer().complete(cca(transport.last().request(), 2001));
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(transport.sent).hasSize(1);
    }

    @Test
    void txExpiryWithCcfhContinueGrantsAndKeepsWaitingThenGrantsOnFinalFailure() throws Exception {
        GyClientSession s =
                session(
                        GyClientConfig.defaults()
                                .withServers("ocs1.example.net", null)
                                .withFailureHandling(FailureHandling.CONTINUE));
        CompletableFuture<CcOutcome> started = s.start();
        clock.advance(Duration.ofSeconds(10));
        assertThat(started.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED_ON_FAILURE);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_I);
        // A late successful answer still opens the session.
        transport
                .last()
                .answer()
                .complete(cca(transport.last().request(), 2001, grant(10, 1000, null)));
        assertThat(s.state()).isEqualTo(CcClientState.OPEN);
        // Update: no answer at all, no alternate → CONTINUE grants and the session goes Idle.
        CompletableFuture<CcOutcome> updated = s.update();
        clock.advance(Duration.ofSeconds(10));
        assertThat(updated.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED_ON_FAILURE);
        transport.last().answer().completeExceptionally(new RequestTimeoutException("no answer"));
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(events.terminated).isEmpty();
        assertThat(events.transitions).contains("PENDING_U -FAILURE_CCFH_CONTINUE-> IDLE");
    }

    @Test
    void retryAndTerminateRetransmitsToTheAlternateWithTheTFlagThenTerminates() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.RETRY_AND_TERMINATE));
        CompletableFuture<CcOutcome> started = s.start();
        Sent first = transport.last();
        assertThat(first.peer()).isEqualTo("ocs1.example.net");
        clock.advance(Duration.ofSeconds(10));
        assertThat(started.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED_ON_FAILURE);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_I);
        first.answer().completeExceptionally(new RequestTimeoutException("no answer from ocs1"));
        Sent retry = transport.last();
        assertThat(transport.sent).hasSize(2);
        assertThat(retry.peer()).isEqualTo("ocs2.example.net");
        assertThat(retry.request().isRetransmit()).isTrue();
        assertThat(retry.request().endToEnd()).isEqualTo(first.request().endToEnd());
        assertThat(number(retry.request())).isZero();
        assertThat(D.get(retry.request(), "Destination-Host").asUtf8())
                .isEqualTo("ocs2.example.net");
        retry.answer().completeExceptionally(new RequestTimeoutException("no answer from ocs2"));
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(events.terminated).hasSize(1);
        assertThat(events.transitions).contains("PENDING_I -FAILURE_CCFH_TERMINATE-> IDLE");
    }

    @Test
    void temporaryErrorOnInitialFailsOverEvenWithCcfhTerminate() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        CompletableFuture<CcOutcome> started = s.start();
        Sent first = transport.last();
        first.answer().complete(cca(first.request(), 3004));
        Sent retry = transport.last();
        assertThat(retry.peer()).isEqualTo("ocs2.example.net");
        assertThat(retry.request().isRetransmit()).isTrue();
        retry.answer().complete(cca(retry.request(), 2001, grant(10, 1000, null)));
        assertThat(started.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED);
        assertThat(s.server()).isEqualTo("ocs2.example.net");
        // The session continues with the backup server.
        s.update();
        assertThat(transport.last().peer()).isEqualTo("ocs2.example.net");
        assertThat(transport.last().request().isRetransmit()).isFalse();
    }

    @Test
    void updateFailsOverOnlyWhenTheServerSaidFailoverSupported() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.CONTINUE));
        s.start();
        transport
                .last()
                .answer()
                .complete(
                        cca(
                                transport.last().request(),
                                2001,
                                grant(10, 1000, null),
                                D.avp("CC-Session-Failover", "FAILOVER_SUPPORTED")));
        CompletableFuture<CcOutcome> u = s.update();
        Sent first = transport.last();
        first.answer().completeExceptionally(new RequestTimeoutException("lost"));
        Sent retry = transport.last();
        assertThat(retry.peer()).isEqualTo("ocs2.example.net");
        assertThat(retry.request().isRetransmit()).isTrue();
        assertThat(number(retry.request())).isEqualTo(number(first.request())).isEqualTo(1);
        retry.answer().complete(cca(retry.request(), 2001, grant(10, 1000, null)));
        assertThat(u.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED);
        assertThat(s.state()).isEqualTo(CcClientState.OPEN);

        // Another session whose server said FAILOVER_NOT_SUPPORTED: no move; CCFH TERMINATE ends
        // it.
        FakeTransport t2 = new FakeTransport();
        GyClientSession s2 =
                GyClientSession.create(
                        "c;1;2",
                        "41780000001",
                        List.of(MsccRequest.of(10L, null, ServiceUnits.octets(10), null)),
                        cfg(FailureHandling.TERMINATE),
                        t2,
                        clock,
                        D,
                        events);
        s2.start();
        t2.last()
                .answer()
                .complete(
                        cca(
                                t2.last().request(),
                                2001,
                                grant(10, 10, null),
                                D.avp("CC-Session-Failover", "FAILOVER_NOT_SUPPORTED")));
        CompletableFuture<CcOutcome> u2 = s2.update();
        t2.last().answer().complete(cca(t2.last().request(), 3002));
        assertThat(t2.sent).hasSize(2);
        assertThat(u2.get().kind()).isEqualTo(CcOutcome.Kind.TERMINATED);
        assertThat(s2.state()).isEqualTo(CcClientState.IDLE);
    }

    @Test
    void serverCcfhOverridesTheLocalValue() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        s.start();
        transport
                .last()
                .answer()
                .complete(
                        cca(
                                transport.last().request(),
                                2001,
                                grant(10, 1000, null),
                                D.avp("Credit-Control-Failure-Handling", "CONTINUE")));
        assertThat(s.failureHandling()).isEqualTo(FailureHandling.CONTINUE);
        CompletableFuture<CcOutcome> u = s.update();
        clock.advance(Duration.ofSeconds(10));
        assertThat(u.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED_ON_FAILURE);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_U);
    }

    @Test
    void deniedAndUserUnknownTerminate() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.CONTINUE));
        CompletableFuture<CcOutcome> f = s.start();
        transport.last().answer().complete(cca(transport.last().request(), 5030));
        assertThat(f.get().kind()).isEqualTo(CcOutcome.Kind.TERMINATED);
        assertThat(f.get().answer().resultCodeName()).isEqualTo("DIAMETER_USER_UNKNOWN");
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
    }

    @Test
    void finalUnitTerminateEndsTheServiceAndSendsTermination() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        s.start();
        Avp mscc =
                D.grouped(
                        "Multiple-Services-Credit-Control",
                        ServiceUnits.octets(100).toAvp(D, "Granted-Service-Unit"),
                        D.avp("Rating-Group", 10),
                        D.avp("Result-Code", 2001),
                        D.grouped(
                                "Final-Unit-Indication", D.avp("Final-Unit-Action", "TERMINATE")));
        transport.last().answer().complete(cca(transport.last().request(), 2001, mscc));
        assertThat(s.reportUsage(10L, ServiceUnits.octets(99))).isFalse();
        assertThat(s.reportUsage(10L, ServiceUnits.octets(1))).isTrue();
        assertThat(events.terminated).hasSize(1);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_T);
        assertThat(type(transport.last().request())).isEqualTo("TERMINATION_REQUEST");
        // Tx expires during termination: the session ends anyway (RFC 4006 §5.7).
        clock.advance(Duration.ofSeconds(10));
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
    }

    @Test
    void stopWhilePendingIsQueuedAndSentAfterTheAnswer() throws Exception {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        s.start();
        CompletableFuture<CcOutcome> stop = s.stop();
        assertThat(transport.sent).hasSize(1);
        transport
                .last()
                .answer()
                .complete(cca(transport.last().request(), 2001, grant(10, 1000, null)));
        assertThat(type(transport.last().request())).isEqualTo("TERMINATION_REQUEST");
        transport.last().answer().complete(cca(transport.last().request(), 2001));
        assertThat(stop.get().kind()).isEqualTo(CcOutcome.Kind.ENDED);
        assertThat(s.update().get().kind()).isEqualTo(CcOutcome.Kind.REJECTED);
    }

    @Test
    void rarInOpenIsAnsweredThenAnUpdateFollows() {
        GyClientSession s = session(cfg(FailureHandling.TERMINATE));
        s.start();
        transport
                .last()
                .answer()
                .complete(cca(transport.last().request(), 2001, grant(10, 1000, null)));
        DiameterMessage raa =
                s.onReAuthRequest(
                        null,
                        rc -> new DiameterMessage(0, 258, 4, 0, 0).add(D.avp("Result-Code", rc)));
        assertThat(D.get(raa, "Result-Code").asUnsigned32()).isEqualTo(2001);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_U);
        assertThat(type(transport.last().request())).isEqualTo("UPDATE_REQUEST");
    }

    @Test
    void eventDirectDebitingTxExpiryGrantsThenTemporaryErrorStoresTheRequest() throws Exception {
        GyClientSession s =
                session(GyClientConfig.defaults().withServers("ocs1.example.net", null));
        CompletableFuture<CcOutcome> f =
                s.event(
                        RequestedAction.DIRECT_DEBITING,
                        b ->
                                b.mscc(MsccRequest.of(null, 1L, ServiceUnits.units(1), null))
                                        .serviceInformation(
                                                D.grouped(
                                                        "Service-Information",
                                                        CreditControlRequests.smsInformation(
                                                                D,
                                                                8,
                                                                "SUBMISSION",
                                                                "41780000002"))));
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_E);
        assertThat(number(transport.last().request())).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(f.get().kind()).isEqualTo(CcOutcome.Kind.GRANTED_ON_FAILURE);
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_E);
        transport.last().answer().complete(cca(transport.last().request(), 3004));
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(s.storedRequest()).isNotNull();
        // Idle with a request in storage: PendingB, then deleted on success.
        CompletableFuture<CcOutcome> b = s.sendStored();
        assertThat(s.state()).isEqualTo(CcClientState.PENDING_B);
        transport.last().answer().complete(cca(transport.last().request(), 2001));
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(s.storedRequest()).isNull();
        assertThat(b.get().kind()).isEqualTo(CcOutcome.Kind.ENDED);
    }

    @Test
    void eventFailureToSendWithTerminateOrBufferStoresWithTheTFlag() throws Exception {
        GyClientSession s =
                session(GyClientConfig.defaults().withServers("ocs1.example.net", null));
        CompletableFuture<CcOutcome> f = s.event(RequestedAction.DIRECT_DEBITING, b -> {});
        transport.last().answer().completeExceptionally(new RequestTimeoutException("no answer"));
        assertThat(f.get().kind()).isEqualTo(CcOutcome.Kind.STORED);
        assertThat(s.storedRequest().isRetransmit()).isTrue();
    }

    @Test
    void checkBalanceFailureIndicatesServiceError() throws Exception {
        GyClientSession s =
                session(GyClientConfig.defaults().withServers("ocs1.example.net", null));
        CompletableFuture<CcOutcome> f = s.event(RequestedAction.CHECK_BALANCE, b -> {});
        clock.advance(Duration.ofSeconds(10));
        assertThat(f.get().kind()).isEqualTo(CcOutcome.Kind.SERVICE_ERROR);
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
    }

    @Test
    void anAnswerCompletedAtOnceIsHandledAfterTheTransition() throws Exception {
        CcTransport instant =
                (peer, req, timeout) ->
                        CompletableFuture.completedFuture(cca(req, 2001, grant(10, 5, null)));
        GyClientSession s =
                GyClientSession.create(
                        "c;1;3",
                        "41780000001",
                        List.of(MsccRequest.of(10L, null, ServiceUnits.octets(5), null)),
                        cfg(FailureHandling.TERMINATE),
                        instant,
                        clock,
                        D,
                        events);
        assertThat(s.start().get().kind()).isEqualTo(CcOutcome.Kind.GRANTED);
        assertThat(s.state()).isEqualTo(CcClientState.OPEN);
        assertThat(s.stop().get().kind()).isEqualTo(CcOutcome.Kind.ENDED);
        assertThat(s.state()).isEqualTo(CcClientState.IDLE);
        assertThat(clock.pending()).isZero();
    }
}
