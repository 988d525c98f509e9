package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.peer.WatchdogState;
import org.junit.jupiter.api.Test;

/**
 * The RFC 3539 §3.4 / Appendix A transport failure detection algorithm with DWR/DWA (RFC 6733
 * §5.5), on a virtual clock: no sleeps.
 */
class WatchdogTest {
    private static final long TW = 30_000;

    /** Records the watchdog's requests with the virtual time they were made at. */
    private static final class Calls implements Watchdog.Callbacks {
        final ManualTimers timers;
        final List<String> log = new ArrayList<>();
        int dwr;
        int failover;
        int failback;
        int close;

        Calls(ManualTimers timers) {
            this.timers = timers;
        }

        @Override
        public void sendWatchdog() {
            dwr++;
            log.add("DWR@" + timers.nowMillis());
        }

        @Override
        public void failover() {
            failover++;
            log.add("failover@" + timers.nowMillis());
        }

        @Override
        public void failback() {
            failback++;
            log.add("failback@" + timers.nowMillis());
        }

        @Override
        public void closeConnection() {
            close++;
            log.add("close@" + timers.nowMillis());
        }
    }

    private final ManualTimers timers = new ManualTimers();
    private final Calls calls = new Calls(timers);
    private final Watchdog wd = new Watchdog(TW, timers, () -> 0, calls);

    /** OKAY → SUSPECT → DOWN with no answers at all. */
    private void toDown() {
        wd.connectionUp();
        timers.advance(TW); // DWR
        timers.advance(TW); // SUSPECT
        timers.advance(TW); // DOWN
        assertThat(wd.state()).isEqualTo(WatchdogState.DOWN);
        calls.log.clear();
        calls.dwr = calls.failover = calls.failback = calls.close = 0;
    }

    @Test
    void startsInitialWithNoTimerAndUnavailable() {
        assertThat(wd.state()).isEqualTo(WatchdogState.INITIAL);
        assertThat(wd.isAvailable()).isFalse();
        assertThat(wd.remainingMillis()).isEqualTo(-1);
        timers.advance(10 * TW);
        assertThat(calls.log).isEmpty();
    }

    @Test
    void connectionUpInInitialGoesOkayAndArmsTw() {
        wd.connectionUp();

        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(wd.isAvailable()).isTrue();
        assertThat(wd.remainingMillis()).isEqualTo(TW);
        assertThat(calls.log).isEmpty(); // no DWR on the first connection
    }

    @Test
    void dwrIsSentAfterTwOfSilence() {
        wd.connectionUp();

        timers.advance(TW - 1);
        assertThat(calls.dwr).isZero();
        timers.advance(1);

        assertThat(calls.log).containsExactly("DWR@" + TW);
        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(wd.remainingMillis()).isEqualTo(TW);
    }

    @Test
    void anyReceivedMessageRestartsTheTimer() {
        wd.connectionUp();
        timers.advance(TW - 1);

        wd.received(false); // an application message
        timers.advance(TW - 1);
        assertThat(calls.dwr).isZero();

        wd.received(true); // a DWA (unsolicited) also counts
        timers.advance(TW - 1);
        assertThat(calls.dwr).isZero();

        timers.advance(1);
        assertThat(calls.dwr).isEqualTo(1);
    }

    @Test
    void dwaClearsPendingSoTheNextSilenceSendsAnotherDwr() {
        wd.connectionUp();
        timers.advance(TW); // DWR 1
        timers.advance(100);
        wd.received(true); // its DWA

        timers.advance(TW);

        assertThat(calls.log).containsExactly("DWR@30000", "DWR@60100");
        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(calls.failover).isZero();
    }

    @Test
    void noDwaWithinTwGoesSuspectAndFailsOverOnce() {
        wd.connectionUp();

        timers.advance(2 * TW);

        assertThat(wd.state()).isEqualTo(WatchdogState.SUSPECT);
        assertThat(wd.isAvailable()).isFalse();
        assertThat(calls.log).containsExactly("DWR@30000", "failover@60000");
        assertThat(wd.remainingMillis()).isEqualTo(TW);
    }

    @Test
    void atMostOneDwrIsOutstanding() {
        wd.connectionUp();

        timers.advance(3 * TW); // OKAY (DWR) -> SUSPECT -> DOWN with no answer

        assertThat(calls.dwr).isEqualTo(1);
        assertThat(calls.failover).isEqualTo(1);
    }

    @Test
    void nonDwaWhileADwrIsPendingDoesNotClearIt() {
        // RFC 3539 Appendix A: OKAY + Receive non-DWA only restarts the timer; Pending stays.
        wd.connectionUp();
        timers.advance(TW); // DWR, pending
        wd.received(false);

        timers.advance(TW);

        assertThat(calls.dwr).isEqualTo(1);
        assertThat(wd.state()).isEqualTo(WatchdogState.SUSPECT);
    }

    @Test
    void nextExpiryInSuspectGoesDownAndClosesTheConnection() {
        wd.connectionUp();
        timers.advance(2 * TW);

        timers.advance(TW);

        assertThat(wd.state()).isEqualTo(WatchdogState.DOWN);
        assertThat(calls.log).containsExactly("DWR@30000", "failover@60000", "close@90000");
        assertThat(wd.isAvailable()).isFalse();
        assertThat(wd.remainingMillis()).isEqualTo(-1); // DOWN's timer is the peer's Tc
        timers.advance(10 * TW);
        assertThat(calls.log).hasSize(3);
    }

    @Test
    void dwaInSuspectGoesBackToOkayAndFailsBack() {
        wd.connectionUp();
        timers.advance(2 * TW);
        timers.advance(500);

        wd.received(true);

        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(wd.isAvailable()).isTrue();
        assertThat(calls.failback).isEqualTo(1);
        assertThat(wd.remainingMillis()).isEqualTo(TW);
        timers.advance(TW); // pending was cleared: a new DWR, not SUSPECT
        assertThat(calls.dwr).isEqualTo(2);
        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
    }

    @Test
    void nonDwaInSuspectAlsoFailsBack() {
        wd.connectionUp();
        timers.advance(2 * TW);

        wd.received(false);

        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(calls.failback).isEqualTo(1);
    }

    @Test
    void connectionDownInOkayFailsOverAndGoesDown() {
        wd.connectionUp();

        wd.connectionDown();

        assertThat(wd.state()).isEqualTo(WatchdogState.DOWN);
        assertThat(calls.failover).isEqualTo(1);
        assertThat(calls.close).isZero();
        timers.advance(10 * TW);
        assertThat(calls.dwr).isZero();
    }

    @Test
    void connectionDownInSuspectClosesAndGoesDown() {
        wd.connectionUp();
        timers.advance(2 * TW);

        wd.connectionDown();

        assertThat(wd.state()).isEqualTo(WatchdogState.DOWN);
        assertThat(calls.failover).isEqualTo(1);
        assertThat(calls.close).isEqualTo(1);
    }

    @Test
    void connectionUpAfterDownReopensWithAnImmediateDwr() {
        toDown();
        timers.advance(5_000);

        wd.connectionUp();

        assertThat(wd.state()).isEqualTo(WatchdogState.REOPEN);
        assertThat(calls.log).containsExactly("DWR@" + timers.nowMillis());
        assertThat(wd.isAvailable()).isFalse();
        assertThat(wd.remainingMillis()).isEqualTo(TW);
    }

    @Test
    void reopenNeedsThreeDwasBeforeOkayAndFailback() {
        toDown();
        wd.connectionUp(); // DWR 1

        wd.received(true); // DWA 1
        assertThat(wd.state()).isEqualTo(WatchdogState.REOPEN);
        assertThat(wd.isAvailable()).isFalse();
        timers.advance(TW); // DWR 2
        wd.received(true); // DWA 2
        assertThat(wd.state()).isEqualTo(WatchdogState.REOPEN);
        assertThat(wd.isAvailable()).isFalse();
        timers.advance(TW); // DWR 3
        assertThat(calls.failback).isZero();
        wd.received(true); // DWA 3

        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(wd.isAvailable()).isTrue();
        assertThat(calls.dwr).isEqualTo(3);
        assertThat(calls.failback).isEqualTo(1);
        assertThat(calls.close).isZero();
    }

    @Test
    void reopenWithADwrUnansweredTwiceGoesDown() {
        toDown();
        wd.connectionUp(); // DWR, pending

        timers.advance(TW); // first expiry with Pending: NumDWA = -1, still REOPEN
        assertThat(wd.state()).isEqualTo(WatchdogState.REOPEN);
        assertThat(calls.close).isZero();
        assertThat(calls.dwr).isEqualTo(1); // no second DWR while one is pending

        timers.advance(TW); // second: DOWN

        assertThat(wd.state()).isEqualTo(WatchdogState.DOWN);
        assertThat(calls.close).isEqualTo(1);
        assertThat(calls.failback).isZero();
        assertThat(wd.isAvailable()).isFalse();
    }

    @Test
    void nonDwaInReopenIsThrownAway() {
        toDown();
        wd.connectionUp();
        timers.advance(1_000);
        long remaining = wd.remainingMillis();

        wd.received(false);
        wd.received(false);

        assertThat(wd.state()).isEqualTo(WatchdogState.REOPEN);
        assertThat(wd.isAvailable()).isFalse();
        assertThat(wd.remainingMillis()).isEqualTo(remaining); // the timer is not restarted
        assertThat(calls.failback).isZero();
        assertThat(calls.dwr).isEqualTo(1);
    }

    @Test
    void connectionDownInReopenClosesAndGoesDown() {
        toDown();
        wd.connectionUp();

        wd.connectionDown();

        assertThat(wd.state()).isEqualTo(WatchdogState.DOWN);
        assertThat(calls.close).isEqualTo(1);
        assertThat(wd.remainingMillis()).isEqualTo(-1);
        timers.advance(10 * TW);
        assertThat(calls.dwr).isEqualTo(1);
    }

    @Test
    void remainingMillisCountsDownOnTheVirtualClock() {
        wd.connectionUp();
        assertThat(wd.remainingMillis()).isEqualTo(TW);

        timers.advance(12_345);
        assertThat(wd.remainingMillis()).isEqualTo(TW - 12_345);

        timers.advance(TW - 12_345 - 1);
        assertThat(wd.remainingMillis()).isEqualTo(1);

        timers.advance(1); // expiry: DWR and a fresh Tw
        assertThat(wd.remainingMillis()).isEqualTo(TW);
    }

    @Test
    void stopCancelsTheTimer() {
        wd.connectionUp();

        wd.stop();

        assertThat(wd.remainingMillis()).isEqualTo(-1);
        assertThat(timers.pending()).isZero();
        timers.advance(10 * TW);
        assertThat(calls.log).isEmpty();
    }

    @Test
    void receivedOnlyKeepsOneTimerScheduled() {
        wd.connectionUp();
        for (int i = 0; i < 100; i++) {
            timers.advance(10);
            wd.received(false);
        }
        assertThat(timers.pending()).isEqualTo(1);
    }

    @Test
    void jitterIsAddedToTwOnEverySetWatchdog() {
        // RFC 3539 §3.4.1: the timer is Tw plus a jitter of at most ±2 s, drawn each time.
        PrimitiveIterator.OfLong jitters = LongStream.of(2_000, -2_000, 1_234).iterator();
        Watchdog j = new Watchdog(TW, timers, jitters::nextLong, calls);

        j.connectionUp();
        assertThat(j.remainingMillis()).isEqualTo(TW + 2_000);
        timers.advance(TW + 2_000 - 1);
        assertThat(calls.dwr).isZero();
        timers.advance(1); // DWR; next timer Tw - 2 s
        assertThat(calls.dwr).isEqualTo(1);
        assertThat(j.remainingMillis()).isEqualTo(TW - 2_000);

        j.received(true); // timer re-armed with the third jitter
        assertThat(j.remainingMillis()).isEqualTo(TW + 1_234);
    }

    @Test
    void randomJitterWithinPlusMinusTwoSecondsKeepsEveryIntervalInTwPlusMinusTwoSeconds() {
        java.util.Random random = new java.util.Random(42);
        long bound = Watchdog.JITTER_MILLIS;
        LongSupplier jitter = () -> random.nextLong(-bound, bound + 1);
        Watchdog j = new Watchdog(Watchdog.MIN_TW_MILLIS, timers, jitter, calls);

        j.connectionUp();
        for (int i = 0; i < 500; i++) {
            long r = j.remainingMillis();
            assertThat(r).isBetween(Watchdog.MIN_TW_MILLIS - 2_000, Watchdog.MIN_TW_MILLIS + 2_000);
            timers.advance(r / 2);
            j.received(true);
        }
    }

    @Test
    void jitterConstantsFollowRfc3539() {
        assertThat(Watchdog.JITTER_MILLIS).isEqualTo(2_000);
        assertThat(Watchdog.MIN_TW_MILLIS).isEqualTo(6_000);
        assertThat(Watchdog.DEFAULT_TW_MILLIS).isEqualTo(30_000);
    }

    @Test
    void connectionUpWhileAlreadyUpChangesNothing() {
        wd.connectionUp();
        timers.advance(1_000);

        wd.connectionUp();

        assertThat(wd.state()).isEqualTo(WatchdogState.OKAY);
        assertThat(wd.remainingMillis()).isEqualTo(TW - 1_000);
        assertThat(calls.log).isEmpty();
    }

    /**
     * RFC 3539 §3.4.1: every received message resets Tw — and the DWR still goes out exactly Tw
     * after the last one, however many came; the reset moves a due time instead of rescheduling a
     * timer per message (one task pending throughout).
     */
    @Test
    void trafficResetsTwWithoutATimerPerMessage() {
        wd.connectionUp();
        for (int i = 0; i < 1000; i++) {
            timers.advance(100);
            wd.received(false);
            assertThat(timers.pending()).isEqualTo(1);
        }
        long last = timers.nowMillis();
        assertThat(wd.remainingMillis()).isEqualTo(TW);
        timers.advance(TW - 1);
        assertThat(calls.dwr).isZero();
        timers.advance(1);
        assertThat(calls.log).containsExactly("DWR@" + (last + TW));
    }

    /** With jitter, an earlier due time than the armed task's re-arms it: never a late DWR. */
    @Test
    void aShorterJitteredTwReArmsTheTimer() {
        PrimitiveIterator.OfLong jitters = LongStream.of(2_000, -2_000, 0).iterator();
        Watchdog w = new Watchdog(TW, timers, jitters::nextLong, calls);
        w.connectionUp(); // due at TW + 2 s
        w.received(false); // due at TW - 2 s: sooner than the armed task
        timers.advance(TW - 2_000);
        assertThat(calls.log).containsExactly("DWR@" + (TW - 2_000));
    }
}
