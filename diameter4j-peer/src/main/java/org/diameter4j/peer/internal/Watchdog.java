package org.diameter4j.peer.internal;

import java.util.function.LongSupplier;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.Timers;
import org.diameter4j.peer.WatchdogState;

/**
 * Transport failure detection of RFC 3539 §3.4 and its Appendix A state machine, with DWR/DWA as
 * the watchdog messages (RFC 6733 §5.5). One per peer; it outlives connections, so that a peer that
 * comes back after a failure goes through REOPEN and is used again only after three DWAs.
 *
 * <pre>
 * State     Event                 Actions                   New State
 * INITIAL   Connection up         SetWatchdog()             OKAY
 * OKAY      Receive DWA           Pending = FALSE,
 *                                 SetWatchdog()             OKAY
 * OKAY      Receive non-DWA       SetWatchdog()             OKAY
 * OKAY      Timer expires &amp;       SendWatchdog(),
 *           !Pending              SetWatchdog(),
 *                                 Pending = TRUE            OKAY
 * OKAY      Timer expires &amp;       Failover(),
 *           Pending               SetWatchdog()             SUSPECT
 * OKAY      Connection down       Failover(), SetWatchdog() DOWN
 * SUSPECT   Receive DWA           Pending = FALSE,
 *                                 Failback(), SetWatchdog() OKAY
 * SUSPECT   Receive non-DWA       Failback(), SetWatchdog() OKAY
 * SUSPECT   Timer expires         CloseConnection(),
 *                                 SetWatchdog()             DOWN
 * SUSPECT   Connection down       CloseConnection(),
 *                                 SetWatchdog()             DOWN
 * DOWN      Connection up         NumDWA = 0, SendWatchdog(),
 *                                 SetWatchdog(),
 *                                 Pending = TRUE            REOPEN
 * REOPEN    Receive DWA &amp;         Pending = FALSE,
 *           NumDWA &lt; 2            NumDWA++                  REOPEN
 * REOPEN    Receive DWA &amp;         Pending = FALSE,
 *           NumDWA == 2           NumDWA++, Failback()      OKAY
 * REOPEN    Receive non-DWA       Throwaway()               REOPEN
 * REOPEN    Timer expires &amp;       SendWatchdog(),
 *           !Pending              SetWatchdog(),
 *                                 Pending = TRUE            REOPEN
 * REOPEN    Timer expires &amp;       NumDWA = -1 ... if already
 *           Pending               -1: CloseConnection()     REOPEN / DOWN
 * REOPEN    Connection down       CloseConnection(),
 *                                 SetWatchdog()             DOWN
 * </pre>
 *
 * Two deliberate readings: DOWN's "Timer expires → AttemptOpen()" is Diameter's Tc reconnect timer
 * (RFC 6733 §2.1), kept by the peer, not here; and REOPEN's Throwaway() means a REOPEN peer is not
 * chosen for new requests ({@link #isAvailable()}) — requests the peer sends are still answered, as
 * its RFC 6733 state is already Open.
 */
public final class Watchdog {
    /** What the watchdog asks of its peer. */
    public interface Callbacks {
        /** Send a DWR on the open connection. */
        void sendWatchdog();

        /** The connection is suspect: fail its pending requests over to another peer. */
        void failover();

        /** The connection is usable again. */
        void failback();

        /** Close the connection: it is considered down. */
        void closeConnection();
    }

    /** RFC 3539 §3.4.1: Tw MUST NOT be set lower than 6 seconds. */
    public static final long MIN_TW_MILLIS = PeerConfig.MIN_TW_MILLIS;

    /** RFC 3539 §3.4.1: "Tw ... SHOULD be 30 seconds", with a jitter of ±2 seconds. */
    public static final long DEFAULT_TW_MILLIS = 30_000;

    static final long JITTER_MILLIS = 2_000;

    private final long twMillis;
    private final Timers timers;
    private final LongSupplier jitter;
    private final Callbacks callbacks;

    private WatchdogState state = WatchdogState.INITIAL;
    private boolean pending;
    private int numDwa;
    private Timers.Timer timer;
    private long timerDue = -1; // when Tw expires (what the RFC's timer means)
    private long timerFires = -1; // when the scheduled task runs: at or before timerDue

    /**
     * @param twMillis Twinit; values below {@link #MIN_TW_MILLIS} are for tests only (configuration
     *     layers enforce the minimum)
     * @param jitter returns a jitter in -2000..2000 ms per SetWatchdog(); {@code () -> 0} in tests
     */
    public Watchdog(long twMillis, Timers timers, LongSupplier jitter, Callbacks callbacks) {
        this.twMillis = twMillis;
        this.timers = timers;
        this.jitter = jitter;
        this.callbacks = callbacks;
    }

    public WatchdogState state() {
        return state;
    }

    /**
     * True when the peer may be chosen for new requests: OKAY only (not SUSPECT, DOWN or REOPEN).
     */
    public boolean isAvailable() {
        return state == WatchdogState.OKAY;
    }

    /** Milliseconds until the watchdog timer expires, or -1 when it is not running. */
    public long remainingMillis() {
        return timerDue < 0 ? -1 : Math.max(0, timerDue - timers.nowMillis());
    }

    /** The connection reached an open state (I-Open or R-Open). */
    public void connectionUp() {
        switch (state) {
            case INITIAL -> {
                setWatchdog();
                state = WatchdogState.OKAY;
            }
            case DOWN -> {
                numDwa = 0;
                callbacks.sendWatchdog();
                setWatchdog();
                pending = true;
                state = WatchdogState.REOPEN;
            }
            default -> {} // already up: not an event of the table
        }
    }

    /** The connection closed. */
    public void connectionDown() {
        switch (state) {
            case OKAY -> {
                stopTimer();
                state = WatchdogState.DOWN;
                callbacks.failover();
            }
            case SUSPECT, REOPEN -> {
                stopTimer();
                state = WatchdogState.DOWN;
                callbacks.closeConnection();
            }
            default -> {}
        }
        pending = false;
    }

    /** A message arrived on the connection; {@code dwa} when it is a DWA. */
    public void received(boolean dwa) {
        switch (state) {
            case OKAY -> {
                if (dwa) {
                    pending = false;
                }
                setWatchdog();
            }
            case SUSPECT -> {
                if (dwa) {
                    pending = false;
                }
                setWatchdog();
                state = WatchdogState.OKAY;
                callbacks.failback();
            }
            case REOPEN -> {
                if (!dwa) {
                    return; // Throwaway(): see the class comment
                }
                pending = false;
                if (numDwa < 2) {
                    numDwa++;
                } else {
                    numDwa++;
                    state = WatchdogState.OKAY;
                    callbacks.failback();
                }
            }
            default -> {}
        }
    }

    /**
     * The scheduled task ran: Tw expired, unless traffic reset it meanwhile — then the task is
     * scheduled again for what is left (see {@link #setWatchdog}).
     */
    private void fired() {
        timer = null;
        long now = timers.nowMillis();
        if (timerDue > now) {
            timerFires = timerDue;
            timer = timers.schedule(timerDue - now, this::fired);
            return;
        }
        expired();
    }

    private void expired() {
        timer = null;
        timerDue = -1;
        timerFires = -1;
        switch (state) {
            case OKAY -> {
                if (!pending) {
                    callbacks.sendWatchdog();
                    setWatchdog();
                    pending = true;
                } else {
                    setWatchdog();
                    state = WatchdogState.SUSPECT;
                    callbacks.failover();
                }
            }
            case SUSPECT -> {
                state = WatchdogState.DOWN;
                callbacks.closeConnection();
            }
            case REOPEN -> {
                if (!pending) {
                    callbacks.sendWatchdog();
                    setWatchdog();
                    pending = true;
                } else if (numDwa < 0) {
                    state = WatchdogState.DOWN;
                    callbacks.closeConnection();
                } else {
                    numDwa = -1;
                    setWatchdog();
                }
            }
            default -> {}
        }
    }

    /**
     * SetWatchdog() of RFC 3539 §3.4.1: Tw from now, with its jitter. Every received message calls
     * it (§3.4.1: any traffic counts as a watchdog answer), so it is lazy: while a scheduled task
     * runs at or before the new due time, only the due time moves and {@link #fired} re-arms for
     * the rest — no timer cancelled and scheduled per message (issue 10: a task object and two
     * timer-queue operations per request).
     */
    private void setWatchdog() {
        long delay = Math.max(1, twMillis + jitter.getAsLong());
        long due = timers.nowMillis() + delay;
        if (timer != null && timerFires <= due) {
            timerDue = due;
            return;
        }
        stopTimer();
        timerDue = due;
        timerFires = due;
        timer = timers.schedule(delay, this::fired);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        timerDue = -1;
        timerFires = -1;
    }

    /** Stops the timer for good (the peer is being removed). */
    public void stop() {
        stopTimer();
    }
}
