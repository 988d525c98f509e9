package org.diameter4j.rf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.peer.Timers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Record sequencing (RFC 6733 §9.8.3) and INTERIM scheduling (§9.8.2) on a virtual clock. */
@Timeout(20)
class AccountingSessionTest {
    private static final Dictionary D = Dictionary.standard();
    private static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

    /**
     * Virtual timers that also keep each task, so a test can run one after its cancel, as a timer
     * thread that lost the race with the cancel would.
     */
    static final class RacingTimers implements Timers {
        final ManualTimers clock = new ManualTimers(0, T0);
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public synchronized Timer schedule(long delayMillis, Runnable task) {
            tasks.add(task);
            return clock.schedule(delayMillis, task);
        }

        @Override
        public long nowMillis() {
            return clock.nowMillis();
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }

        synchronized Runnable last() {
            return tasks.get(tasks.size() - 1);
        }
    }

    /** A sender that keeps every ACR and lets the test answer it. */
    static final class FakeSender implements AccountingSession.Sender {
        final List<DiameterMessage> sent = new ArrayList<>();
        final List<CompletableFuture<DiameterMessage>> futures = new ArrayList<>();

        @Override
        public synchronized CompletableFuture<DiameterMessage> send(
                DiameterMessage acr, Duration timeout) {
            sent.add(acr);
            CompletableFuture<DiameterMessage> f = new CompletableFuture<>();
            futures.add(f);
            return f;
        }

        /** Answers the last ACR with 2001 and, when not null, Acct-Interim-Interval. */
        void answerLast(long rc, Long interval) {
            int i = sent.size() - 1;
            futures.get(i).complete(aca(sent.get(i), rc, interval));
        }
    }

    static DiameterMessage aca(DiameterMessage acr, long rc, Long interval) {
        DiameterMessage a =
                acr.answer()
                        .add(D.avp("Result-Code", rc))
                        .add(D.avp("Origin-Host", "cdf.example.net"))
                        .add(D.avp("Origin-Realm", "example.net"))
                        .add(D.get(acr, "Accounting-Record-Type"))
                        .add(D.get(acr, "Accounting-Record-Number"));
        if (interval != null) {
            a.add(D.avp("Acct-Interim-Interval", interval));
        }
        return a;
    }

    static long number(DiameterMessage m) {
        return D.get(m, "Accounting-Record-Number").asUnsigned32();
    }

    static String type(DiameterMessage m) {
        return D.avp("Accounting-Record-Type")
                .valueName(D.get(m, "Accounting-Record-Type").asUnsigned32());
    }

    @Test
    void recordsAreNumberedFromZeroAndCarryTheSessionAndTheCallbacksAvps() throws Exception {
        FakeSender sender = new FakeSender();
        ManualTimers clock = new ManualTimers(0, T0);
        List<String> asked = new ArrayList<>();
        AccountingSession s =
                AccountingSession.builder(D, sender, "pgw.example.com;1;1")
                        .timers(clock)
                        .userName("41780000001")
                        .content(
                                (t, n) -> {
                                    asked.add(t + "/" + n);
                                    return List.of(
                                            D.grouped(
                                                    "Service-Information",
                                                    D.grouped(
                                                            "PS-Information",
                                                            D.avp(
                                                                    "3GPP-Charging-Id",
                                                                    "hex:0000000" + n))));
                                })
                        .build();

        CompletableFuture<AccountingAnswer> start = s.start();
        sender.answerLast(2001, null);
        AccountingAnswer a = start.get(1, TimeUnit.SECONDS);
        assertThat(a.resultCode()).isEqualTo(2001);
        assertThat(a.resultName()).isEqualTo("DIAMETER_SUCCESS");
        assertThat(a.recordType()).isEqualTo(RecordType.START_RECORD);
        assertThat(a.isSuccess()).isTrue();

        clock.advance(Duration.ofSeconds(10));
        s.interim();
        sender.answerLast(2001, null);
        s.interim();
        sender.answerLast(2001, null);
        CompletableFuture<AccountingAnswer> stop = s.stop();
        sender.answerLast(2001, null);
        assertThat(stop.get(1, TimeUnit.SECONDS).recordNumber()).isEqualTo(3);

        assertThat(sender.sent)
                .extracting(AccountingSessionTest::number)
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(sender.sent)
                .extracting(AccountingSessionTest::type)
                .containsExactly("START_RECORD", "INTERIM_RECORD", "INTERIM_RECORD", "STOP_RECORD");
        assertThat(asked)
                .containsExactly(
                        "START_RECORD/0", "INTERIM_RECORD/1", "INTERIM_RECORD/2", "STOP_RECORD/3");
        for (DiameterMessage acr : sender.sent) {
            assertThat(acr.commandCode()).isEqualTo(271);
            assertThat(acr.applicationId()).isEqualTo(3);
            assertThat(acr.isRequest()).isTrue();
            assertThat(acr.isProxiable()).isTrue();
            assertThat(D.get(acr, "Session-Id").asUtf8()).isEqualTo("pgw.example.com;1;1");
            assertThat(acr.avps().get(0).code()).as("Session-Id comes first").isEqualTo(263);
            assertThat(D.get(acr, "Acct-Application-Id").asUnsigned32()).isEqualTo(3);
            assertThat(D.get(acr, "Service-Context-Id").asUtf8()).isEqualTo("32251@3gpp.org");
            assertThat(D.get(acr, "User-Name").asUtf8()).isEqualTo("41780000001");
            assertThat(D.get(acr, "Service-Information")).isNotNull();
        }
        assertThat(D.get(sender.sent.get(0), "Event-Timestamp").asTime()).isEqualTo(T0);
        assertThat(D.get(sender.sent.get(1), "Event-Timestamp").asTime())
                .isEqualTo(T0.plusSeconds(10));
        assertThat(s.state()).isEqualTo(AccountingSession.State.STOPPED);
    }

    @Test
    void theAcrBuiltWithTypedKeysIsByteForByteTheOneBuiltByName() {
        AccountingSession s =
                AccountingSession.builder(D, new FakeSender(), "pgw.example.com;1;7")
                        .origin("pgw.example.com", "example.com")
                        .destinationRealm("example.net")
                        .destinationHost("cdf.example.net")
                        .userName("41780000001")
                        .timers(new ManualTimers())
                        .build();
        for (RecordType t : RecordType.values()) {
            DiameterMessage byName =
                    DiameterMessage.request(271, 3, true)
                            .add(D.avp("Session-Id", "pgw.example.com;1;7"))
                            .add(D.avp("Origin-Host", "pgw.example.com"))
                            .add(D.avp("Origin-Realm", "example.com"))
                            .add(D.avp("Destination-Realm", "example.net"))
                            .add(D.avp("Destination-Host", "cdf.example.net"))
                            .add(D.avp("Accounting-Record-Type", t.name()))
                            .add(D.avp("Accounting-Record-Number", 7L))
                            .add(D.avp("Acct-Application-Id", 3L))
                            .add(D.avp("User-Name", "41780000001"))
                            .add(D.avp("Event-Timestamp", T0))
                            .add(D.avp("Service-Context-Id", "32251@3gpp.org"));
            DiameterMessage typed = s.build(t, 7, T0);
            assertThat(typed.toBytes()).as(t.name()).isEqualTo(byName.toBytes());
            // RFC 6733 §4.5, §8.21, §9.8 and RFC 4006 §8.42: each of these AVPs has the M bit.
            assertThat(typed.avps()).allSatisfy(a -> assertThat(a.isMandatory()).isTrue());
        }
    }

    @Test
    void eventRecordIsNumberZeroAndTheOnlyRecord() throws Exception {
        FakeSender sender = new FakeSender();
        AccountingSession s =
                AccountingSession.builder(D, sender, "sms.example.com;1;9")
                        .timers(new ManualTimers())
                        .build();
        CompletableFuture<AccountingAnswer> ev = s.event();
        sender.answerLast(2001, null);
        assertThat(ev.get(1, TimeUnit.SECONDS).recordType()).isEqualTo(RecordType.EVENT_RECORD);
        assertThat(number(sender.sent.get(0))).isZero();
        assertThat(type(sender.sent.get(0))).isEqualTo("EVENT_RECORD");
        assertThat(s.state()).isEqualTo(AccountingSession.State.EVENT_SENT);
        assertFailsWith(s.interim(), IllegalStateException.class);
        assertFailsWith(s.start(), IllegalStateException.class);
        assertThat(sender.sent).hasSize(1);
    }

    @Test
    void recordsOutOfOrderFailAndConsumeNoNumber() throws Exception {
        FakeSender sender = new FakeSender();
        AccountingSession s =
                AccountingSession.builder(D, sender, "x;1;1").timers(new ManualTimers()).build();
        assertFailsWith(s.interim(), IllegalStateException.class);
        assertFailsWith(s.stop(), IllegalStateException.class);
        s.start();
        assertThat(number(sender.sent.get(0))).isZero();
        s.stop();
        assertFailsWith(s.stop(), IllegalStateException.class);
        assertThat(s.nextRecordNumber()).isEqualTo(2);
    }

    @Test
    void senderFailuresReachTheCaller() {
        AccountingSession thrower =
                AccountingSession.builder(
                                D,
                                (m, t) -> {
                                    throw new IllegalStateException("boom");
                                },
                                "x;1;2")
                        .timers(new ManualTimers())
                        .build();
        assertFailsWith(thrower.start(), IllegalStateException.class);

        AccountingSession failing =
                AccountingSession.builder(
                                D,
                                (m, t) ->
                                        CompletableFuture.failedFuture(
                                                new java.io.IOException("peer gone")),
                                "x;1;3")
                        .timers(new ManualTimers())
                        .build();
        assertFailsWith(failing.start(), java.io.IOException.class);
    }

    @Test
    void interimRecordsFollowTheAcasIntervalAndStopEndsThem() throws Exception {
        FakeSender sender = new FakeSender();
        RacingTimers timers = new RacingTimers();
        ManualTimers clock = timers.clock;
        List<String> heard = new ArrayList<>();
        AccountingSession s =
                AccountingSession.builder(D, sender, "pgw;1;5")
                        .timers(timers)
                        .listener(
                                (t, n, a, f) ->
                                        heard.add(
                                                t
                                                        + " "
                                                        + n
                                                        + " "
                                                        + (a != null ? a.resultCode() : f)))
                        .build();

        s.start();
        assertThat(clock.pending()).isZero();
        clock.advance(Duration.ofSeconds(1)); // the ACA takes a second
        sender.answerLast(2001, 300L);
        assertThat(s.interimIntervalSeconds()).isEqualTo(300);
        assertThat(clock.pending()).isEqualTo(1);
        // measured from when START was sent, not from when its ACA came
        assertThat(clock.nextDueInMillis()).isEqualTo(299_000);

        clock.advance(Duration.ofSeconds(299).minusMillis(1));
        assertThat(sender.sent).as("not before the interval").hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(sender.sent).hasSize(2);
        assertThat(type(sender.sent.get(1))).isEqualTo("INTERIM_RECORD");
        assertThat(number(sender.sent.get(1))).isEqualTo(1);
        assertThat(D.get(sender.sent.get(1), "Event-Timestamp").asTime())
                .isEqualTo(T0.plusSeconds(300));
        assertThat(clock.pending()).isZero();

        sender.answerLast(2001, null); // no interval: the one in force stays
        assertThat(clock.pending()).isEqualTo(1);
        assertThat(clock.nextDueInMillis()).isEqualTo(300_000);

        clock.advance(Duration.ofSeconds(300));
        sender.answerLast(2001, 60L); // the CDF changes the interval
        assertThat(clock.nextDueInMillis()).isEqualTo(60_000);

        clock.advance(Duration.ofSeconds(60));
        sender.futures
                .get(3)
                .completeExceptionally(new java.util.concurrent.TimeoutException("no ACA"));
        assertThat(clock.pending()).as("an unanswered INTERIM keeps the schedule").isEqualTo(1);

        Runnable pending = timers.last();
        s.stop();
        sender.answerLast(2001, 60L);
        assertThat(clock.pending()).as("STOP cancels the schedule").isZero();
        clock.advance(Duration.ofHours(1));
        pending.run(); // a timer that fires anyway after STOP sends nothing
        assertThat(sender.sent)
                .extracting(AccountingSessionTest::number)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(sender.sent)
                .extracting(AccountingSessionTest::type)
                .containsExactly(
                        "START_RECORD",
                        "INTERIM_RECORD",
                        "INTERIM_RECORD",
                        "INTERIM_RECORD",
                        "STOP_RECORD");
        assertThat(heard).hasSize(5);
        assertThat(heard.get(3))
                .startsWith("INTERIM_RECORD 3 java.util.concurrent.TimeoutException");
        assertThat(heard.get(4)).isEqualTo("STOP_RECORD 4 2001");
    }

    @Test
    void aManualInterimRestartsTheScheduleAndAStaleAnswerDoesNotReschedule() throws Exception {
        FakeSender sender = new FakeSender();
        RacingTimers timers = new RacingTimers();
        ManualTimers clock = timers.clock;
        AccountingSession s =
                AccountingSession.builder(D, sender, "pgw;1;6").timers(timers).build();
        s.start();
        sender.answerLast(2001, 100L);
        Runnable first = timers.last();
        clock.advance(Duration.ofSeconds(40));
        s.interim(); // by hand
        assertThat(clock.pending()).as("the by-hand INTERIM cancelled the schedule").isZero();
        sender.answerLast(2001, null);
        assertThat(clock.pending()).isEqualTo(1);
        assertThat(clock.nextDueInMillis()).isEqualTo(100_000);
        first.run(); // cancelled task, run anyway: nothing
        assertThat(sender.sent).hasSize(2);
        clock.advance(Duration.ofSeconds(60));
        assertThat(sender.sent).as("the first schedule is gone").hasSize(2);
    }

    @Test
    void noIntervalOrAFailedStartSchedulesNothingAndADefaultIntervalApplies() throws Exception {
        FakeSender sender = new FakeSender();
        ManualTimers timer = new ManualTimers();
        AccountingSession none =
                AccountingSession.builder(D, sender, "a;1;1").timers(timer).build();
        none.start();
        sender.answerLast(2001, null);
        assertThat(timer.pending()).isZero();

        AccountingSession rejected =
                AccountingSession.builder(D, sender, "a;1;2").timers(timer).build();
        CompletableFuture<AccountingAnswer> f = rejected.start();
        sender.answerLast(4002, 30L);
        assertThat(f.get(1, TimeUnit.SECONDS).resultName()).isEqualTo("DIAMETER_OUT_OF_SPACE");
        assertThat(f.get().isSuccess()).isFalse();
        assertThat(timer.pending()).isZero();

        AccountingSession zero =
                AccountingSession.builder(D, sender, "a;1;3")
                        .timers(timer)
                        .defaultInterimInterval(Duration.ofSeconds(45))
                        .build();
        zero.start();
        sender.answerLast(2001, 0L); // RFC 6733 §9.8.2: 0 means no INTERIM records
        assertThat(timer.pending()).isZero();

        AccountingSession dflt =
                AccountingSession.builder(D, sender, "a;1;4")
                        .timers(timer)
                        .defaultInterimInterval(Duration.ofSeconds(45))
                        .build();
        dflt.start();
        sender.answerLast(2001, null);
        assertThat(timer.pending()).isEqualTo(1);
        assertThat(timer.nextDueInMillis()).isEqualTo(45_000);
    }

    @Test
    void realTimerSendsInterimRecords() throws Exception {
        FakeSender sender = new FakeSender();
        AccountingSession s =
                AccountingSession.builder(
                                D,
                                (m, t) -> {
                                    CompletableFuture<DiameterMessage> f = sender.send(m, t);
                                    f.complete(aca(m, 2001, 1L));
                                    return f;
                                },
                                "real;1;1")
                        .build();
        s.start().get(1, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + 5_000;
        while (s.nextRecordNumber() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        s.stop().get(1, TimeUnit.SECONDS);
        assertThat(s.interimScheduled()).isFalse();
        synchronized (sender) {
            assertThat(sender.sent.size()).isGreaterThanOrEqualTo(3);
            assertThat(type(sender.sent.get(1))).isEqualTo("INTERIM_RECORD");
            assertThat(type(sender.sent.get(sender.sent.size() - 1))).isEqualTo("STOP_RECORD");
        }
    }

    @Test
    void acaReaderIsLenient() {
        DiameterMessage bare = DiameterMessage.request(271, 3, true).answer();
        AccountingAnswer a = AccountingAnswer.read(D, bare);
        assertThat(a.resultCode()).isEqualTo(-1);
        assertThat(a.resultName()).isEqualTo("unknown");
        assertThat(a.interimIntervalSeconds()).isNull();
        assertThat(a.recordType()).isNull();
        DiameterMessage exp =
                DiameterMessage.request(271, 3, true)
                        .answer()
                        .add(
                                D.grouped(
                                        "Experimental-Result",
                                        D.avp("Vendor-Id", 10415),
                                        D.avp("Experimental-Result-Code", 5030)));
        assertThat(AccountingAnswer.read(D, exp).resultCode()).isEqualTo(5030);
    }

    static void assertFailsWith(CompletableFuture<?> f, Class<? extends Throwable> type) {
        try {
            f.get(2, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
