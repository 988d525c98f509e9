package org.diameter4j.peer.internal;

import io.netty.channel.EventLoop;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.dictionary.OutboundViolation;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.RequestTimeoutException;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.peer.Timers;
import org.diameter4j.peer.WatchdogState;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.ConnectionHandler;

/**
 * One Diameter peer: its state machine (RFC 6733 §5.6), connections, watchdog (RFC 3539),
 * reconnection timer Tc, and the requests waiting for answers from it.
 *
 * <p>Every event of the peer runs on its event loop; the public methods may be called from any
 * thread and hop there. Futures complete on that loop: do not block in their callbacks.
 */
public final class Peer implements PeerStateMachine.Actions {

    static final int DWR = BaseMessages.DWR;
    static final int DPR = BaseMessages.DPR;

    final PeerContext ctx;
    private final PeerConfig config;
    private final EventLoop loop;
    private final Timers timers;
    private final PeerStateMachine fsm;
    private final Watchdog watchdog;
    final PeerCounters counters = new PeerCounters();

    /** The grammar check of received messages: one for the capabilities exchange and the rest. */
    final MessageValidator validator;

    final OutboundGate gate;
    private final CapabilitiesExchange cx;
    private final PeerConnector connector = new PeerConnector(this);
    private final PeerIntake intake;
    private final PeerLog plog = new PeerLog(this);
    private final PeerTimers peerTimers;
    final PendingRequests pending;
    private final boolean dynamic;

    PeerConnection iConn;
    PeerConnection rConn;
    PeerConnection active;
    private final List<CompletableFuture<Peer>> readyWaiters = new ArrayList<>();
    private volatile boolean enabled;
    private boolean autoReconnect = true;
    private DisconnectCause stopCause = DisconnectCause.REBOOTING;
    private CompletableFuture<Void> stopped;
    private String timeoutReason;

    // Read from other threads (show commands, awaitReady).
    private volatile PeerState state = PeerState.CLOSED;
    private volatile RemoteCapabilities remote;
    private volatile List<ApplicationId> commonApplications = List.of();
    private volatile DisconnectCause lastDisconnectCause;
    private volatile Instant lastManagementChange = Instant.now();
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;
    private final RemoteOriginState remoteOrigin = new RemoteOriginState(this);
    private volatile String learnedHost;

    Peer(PeerContext ctx, PeerConfig config, EventLoop loop, Timers timers, boolean dynamic) {
        this.ctx = ctx;
        this.config = config;
        this.loop = loop;
        this.timers = timers;
        this.dynamic = dynamic;
        this.fsm = new PeerStateMachine(this);
        this.gate = new OutboundGate(ctx.dictionary(), ctx.strictSend());
        this.validator = new MessageValidator(ctx.dictionary());
        this.cx = new CapabilitiesExchange(this);
        this.pending = new PendingRequests(this, timers);
        this.peerTimers = new PeerTimers(this, timers);
        this.watchdog =
                new Watchdog(
                        config.tw().toMillis(),
                        timers,
                        () ->
                                ThreadLocalRandom.current()
                                        .nextLong(
                                                -Watchdog.JITTER_MILLIS,
                                                Watchdog.JITTER_MILLIS + 1),
                        new PeerWatchdogCallbacks(this));
        this.intake = new PeerIntake(this, cx, watchdog);
        this.enabled = config.enabled();
    }

    /** A peer of a node, on {@code loop}. */
    public static Peer create(PeerContext ctx, PeerConfig config, EventLoop loop) {
        return new Peer(ctx, config, loop, new NettyTimers(loop), false);
    }

    /** A peer that connected to us without being configured (accept-any mode): never reconnects. */
    public static Peer dynamic(PeerContext ctx, PeerConfig config, EventLoop loop) {
        return new Peer(ctx, config, loop, new NettyTimers(loop), true);
    }

    // ---- public view ------------------------------------------------------------------------

    /** The peer's identity: the configured destination host, or the Origin-Host it announced. */
    public String name() {
        String h = config.destinationHost();
        return h != null ? h : learnedHost != null ? learnedHost : config.uri().host();
    }

    public PeerConfig config() {
        return config;
    }

    public PeerState state() {
        return state;
    }

    public WatchdogState watchdogState() {
        return watchdog.state();
    }

    /** Open and not suspect: may be chosen for new requests. */
    public boolean isReady() {
        PeerState s = state;
        return s.isOpen()
                && (watchdog.state() == WatchdogState.OKAY
                        || watchdog.state() == WatchdogState.INITIAL);
    }

    public boolean isDynamic() {
        return dynamic;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public PeerCounters counters() {
        return counters;
    }

    /** What the peer said about itself in its last CER/CEA, or null. */
    public RemoteCapabilities remote() {
        return remote;
    }

    /** The applications both sides support, from the last capabilities exchange. */
    public List<ApplicationId> commonApplications() {
        return commonApplications;
    }

    /** The last failure (DNS, refused, CEA result …) in words, or null. */
    public String lastFailure() {
        return plog.lastFailure();
    }

    public DisconnectCause lastDisconnectCause() {
        return lastDisconnectCause;
    }

    public Instant lastManagementChange() {
        return lastManagementChange;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    public Long remoteOriginStateId() {
        return remoteOrigin.value();
    }

    /** Seconds until the next connection attempt, or -1. */
    public long reconnectRemainingSeconds() {
        return peerTimers.reconnectRemainingSeconds();
    }

    /** Seconds until the watchdog timer expires, or -1. */
    public long watchdogRemainingSeconds() {
        long ms = watchdog.remainingMillis();
        return ms < 0 ? -1 : (ms + 999) / 1000;
    }

    /** Requests waiting for an answer from this peer. */
    public int pendingCount() {
        return pending.size();
    }

    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "peer " + name() + " (" + state + ")";
    }

    // ---- commands ---------------------------------------------------------------------------

    boolean inLoop() {
        return loop.inEventLoop();
    }

    void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    /** Admin enable: connect now (Start), and reconnect with Tc whenever the connection is lost. */
    public void start() {
        onLoop(
                () -> {
                    enabled = true;
                    autoReconnect = true;
                    lastManagementChange = Instant.now();
                    if (config.uri() != null && fsm.state() == PeerState.CLOSED) {
                        peerTimers.cancelReconnect();
                        fsm.fire(PeerEvent.START, null);
                    }
                });
    }

    /**
     * Admin disable or shutdown: sends a DPR with {@code cause} on an open connection and waits for
     * the DPA (bounded by the DPA timeout), then closes; no reconnection until {@link #start()}.
     */
    public CompletableFuture<Void> stop(DisconnectCause cause) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(
                () -> {
                    enabled = false;
                    autoReconnect = false;
                    lastManagementChange = Instant.now();
                    peerTimers.cancelReconnect();
                    PeerState s = fsm.state();
                    if (s == PeerState.CLOSED) {
                        done.complete(null);
                        return;
                    }
                    stopped = done;
                    stopCause = cause;
                    if (s.isOpen()) {
                        fsm.fire(PeerEvent.STOP, null);
                    } else {
                        // Not open: there is no one to say goodbye to. Close what is half-open.
                        timeoutReason = "stopped by the application";
                        closeAll();
                        forceClosed("stopped");
                    }
                });
        return done;
    }

    /** Completes when the peer is open (I-Open or R-Open); never fails by itself. */
    public CompletableFuture<Peer> whenOpen() {
        CompletableFuture<Peer> f = new CompletableFuture<>();
        onLoop(
                () -> {
                    if (fsm.state().isOpen()) {
                        f.complete(this);
                    } else {
                        readyWaiters.add(f);
                    }
                });
        return f;
    }

    /**
     * Sends a request and returns its answer. The request gets a Hop-by-Hop identifier (and an
     * End-to-End identifier when it has none). The future completes with the answer, a {@link
     * RequestTimeoutException} after {@code timeoutMillis}, or a {@link DiameterException} naming
     * the reason (peer not open, connection lost).
     */
    public CompletableFuture<DiameterMessage> send(DiameterMessage request, long timeoutMillis) {
        CompletableFuture<DiameterMessage> f = new CompletableFuture<>();
        onLoop(
                () ->
                        sendOnLoop(
                                new PendingRequest(
                                        request, f, timers.nowMillis() + timeoutMillis)));
        return f;
    }

    /**
     * Sends a request taken over from another peer (failover): same End-to-End identifier, new
     * Hop-by-Hop, the T flag set (RFC 6733 §5.5.4), same deadline.
     */
    public void retransmit(PendingRequest p) {
        onLoop(
                () -> {
                    p.request().setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
                    sendOnLoop(p);
                });
    }

    private void sendOnLoop(PendingRequest p) {
        if (!fsm.state().isOpen() || active == null) {
            p.fail(
                    new PeerNotReadyException(
                            "peer "
                                    + name()
                                    + " is not open (state "
                                    + fsm.state()
                                    + ")"
                                    + (plog.lastFailure() != null
                                            ? "; last failure: " + plog.lastFailure()
                                            : ""),
                            fsm.state()));
            return;
        }
        fsm.fire(PeerEvent.SEND_MESSAGE, p);
    }

    // ---- connections ------------------------------------------------------------------------

    /** The state machine's state (loop-confined; {@link #state()} is the published copy). */
    PeerState fsmState() {
        return fsm.state();
    }

    void fire(PeerEvent e, Object data) {
        fsm.fire(e, data);
    }

    /** The capabilities exchange succeeded on {@code pc}: it is the connection to use. */
    void adopt(PeerConnection pc, RemoteCapabilities caps, List<ApplicationId> common) {
        active = pc;
        remote = caps;
        if (config.destinationHost() == null) {
            learnedHost = caps.originHost();
        }
        commonApplications = common;
        localAddress = pc.conn.localAddress();
        remoteAddress = pc.conn.remoteAddress();
        remoteOrigin.seen(caps.originStateId());
    }

    boolean isCurrent(PeerConnection pc) {
        return pc == iConn || pc == rConn;
    }

    /** Hands an inbound connection whose CER has arrived to this peer (R-Conn-CER, §5.6.1). */
    public ConnectionHandler acceptResponder(Connection conn, DiameterMessage cer) {
        PeerConnection pc = new PeerConnection(this, false, conn);
        onLoop(
                () -> {
                    // The CER arrived before the connection was ours: count and trace it here (RFC
                    // 6733 §5.3.1, M-26).
                    counters.received(cer.commandCode(), true);
                    ctx.traced(this, cer, true);
                    fsm.fire(PeerEvent.R_CONN_CER, new PeerIntake.Inbound(pc, cer));
                });
        return pc;
    }

    void received(PeerConnection pc, DiameterMessage m) {
        intake.received(pc, m);
    }

    void malformed(PeerConnection pc, DecodeFailure f) {
        intake.malformed(pc, f);
    }

    void closed(PeerConnection pc, Throwable cause) {
        intake.closed(pc, cause);
    }

    // ---- the state machine's actions ----------------------------------------------------------

    @Override
    public PeerStateMachine.Outcome perform(PeerAction action, PeerEvent event, Object data) {
        switch (action) {
            case I_SND_CONN_REQ -> connector.connect();
            case I_SND_CER -> {
                InetAddress local = iConn.conn.localAddress().getAddress();
                iConn.send(Capabilities.cer(ctx.local(), local, config.inbandTls()));
            }
            case R_ACCEPT -> {
                PeerIntake.Inbound in = (PeerIntake.Inbound) data;
                rConn = in.pc();
                cx.rCer = in.cer();
            }
            case R_REJECT -> ((PeerIntake.Inbound) data).pc().conn.close();
            case PROCESS_CER -> {
                return cx.processCer(fsm.state());
            }
            case R_SND_CEA -> {
                return cx.sendCea();
            }
            case ELECT -> {
                if (cx.wins()) {
                    fsm.fire(PeerEvent.WIN_ELECTION, null);
                }
            }
            case PROCESS_CEA -> {
                return cx.processCea(fsm.state(), ((PeerIntake.Received) data).message());
            }
            case I_DISC, CLEANUP -> closeInitiator();
            case R_DISC -> closeResponder();
            case ERROR -> {
                if (timeoutReason != null) {
                    failure(timeoutReason);
                    timeoutReason = null;
                } else if (event == PeerEvent.I_RCV_NON_CEA) {
                    failure(
                            "the peer sent "
                                    + ((PeerIntake.Received) data).message().commandCode()
                                    + " instead of a CEA after our CER");
                }
                closeAll();
            }
            case I_SND_MESSAGE, R_SND_MESSAGE -> sendRequest((PendingRequest) data);
            case PROCESS -> process((PeerIntake.Received) data);
            case PROCESS_DWR -> remoteOrigin.seen(((PeerIntake.Received) data).message());
            case PROCESS_DWA -> intake.dwa(((PeerIntake.Received) data).message());
            case I_SND_DWA, R_SND_DWA -> {
                PeerIntake.Received r = (PeerIntake.Received) data;
                r.pc().send(BaseMessages.success(r.message(), ctx.local()));
            }
            case I_SND_DPR, R_SND_DPR ->
                    active.send(
                            BaseMessages.dpr(ctx.local(), stopCause)
                                    .hopByHop(active.hopByHop.next())
                                    .endToEnd(ctx.ids().nextEndToEnd()));
            case I_SND_DPA, R_SND_DPA -> {
                PeerIntake.Received r = (PeerIntake.Received) data;
                DisconnectCause cause = intake.disconnectCause(r.message());
                lastDisconnectCause = cause;
                autoReconnect = cause == null || cause.allowsReconnect();
                failure(
                        "the peer disconnected with Disconnect-Cause "
                                + (cause != null ? cause.name() : "(none)")
                                + (autoReconnect
                                        ? ""
                                        : ": not reconnecting (RFC 6733 §5.4.3 SHOULD NOT)"));
                r.pc().send(BaseMessages.success(r.message(), ctx.local()));
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
        return PeerStateMachine.Outcome.OK;
    }

    @Override
    public void stateChanged(PeerState from, PeerState to, PeerEvent event) {
        state = to;
        peerTimers.enter(to, config, ctx.connectTimeoutMillis());
        if (to.isOpen()) {
            opened();
        } else if (to == PeerState.CLOSED) {
            closedState();
        }
        plog.transition(from, to, commonApplications);
        ctx.peerChanged(this, from, to);
    }

    @Override
    public void unexpected(PeerState s, PeerEvent event, Object data) {
        if (data instanceof PeerIntake.Inbound in) {
            in.pc().conn.close();
        }
        if (event == PeerEvent.SEND_MESSAGE && data instanceof PendingRequest p) {
            p.fail(
                    new PeerNotReadyException(
                            "peer " + name() + " is not open (state " + s + ")", s));
            return;
        }
        plog.noRow(event, s);
    }

    // ---- action details ---------------------------------------------------------------------

    /** A DWA's or a DWR's Origin-State-Id (§8.16). */
    void originStateId(DiameterMessage m) {
        remoteOrigin.seen(m);
    }

    private void sendRequest(PendingRequest p) {
        PeerConnection pc = active;
        DiameterMessage req = p.request();
        List<OutboundViolation> invalid = gate.check(req);
        if (!invalid.isEmpty() && gate.mode() == StrictSend.REJECT) {
            p.fail(gate.refusal(req, invalid));
            return;
        }
        pending.send(p, pc);
    }

    private void process(PeerIntake.Received r) {
        DiameterMessage m = r.message();
        if (m.isRequest()) {
            r.pc().serve(m);
        } else {
            pending.complete(m);
        }
    }

    /**
     * An error answer (§7.2): E bit for protocol errors, Result-Code, Origin-*, Error-Message,
     * Failed-AVP.
     */
    DiameterMessage errorAnswer(
            DiameterMessage request, long resultCode, String message, Avp failedAvp) {
        return ErrorAnswers.build(
                request, ctx.local(), ctx.dictionary(), resultCode, message, failedAvp);
    }

    // ---- state entry ------------------------------------------------------------------------

    private void opened() {
        watchdog.connectionUp();
        peerTimers.cancelReconnect();
        for (CompletableFuture<Peer> w : readyWaiters) {
            w.complete(this);
        }
        readyWaiters.clear();
    }

    private void closedState() {
        closeAll();
        active = null;
        watchdog.connectionDown();
        pending.connectionClosed(plog.lastFailure());
        if (stopped != null) {
            stopped.complete(null);
            stopped = null;
        }
        if (enabled && autoReconnect && !dynamic && config.uri() != null) {
            peerTimers.scheduleReconnect(config.tc().toMillis());
        }
    }

    /** A state timer expired in the state it was armed in: the table's Timeout event. */
    void timedOut(String reason) {
        timeoutReason = reason;
        fsm.fire(PeerEvent.TIMEOUT, null);
    }

    /** Tc expired (RFC 6733 §2.1): try again if still enabled and Closed. */
    void reconnectDue() {
        if (enabled && fsm.state() == PeerState.CLOSED) {
            fsm.fire(PeerEvent.START, null);
        }
    }

    /** For stop() outside an open state: go to Closed without a row (no peer to talk to). */
    private void forceClosed(String why) {
        if (fsm.state() != PeerState.CLOSED) {
            timedOut(why); // the table's own Timeout → Error → Closed row
        }
    }

    void closeInitiator() {
        if (iConn != null) {
            if (iConn.conn != null) {
                iConn.conn.close();
            }
            if (active == iConn) {
                active = null;
            }
            iConn = null;
        }
    }

    private void closeResponder() {
        if (rConn != null) {
            rConn.conn.close();
            if (active == rConn) {
                active = null;
            }
            rConn = null;
            cx.rCer = null;
        }
    }

    private void closeAll() {
        closeInitiator();
        closeResponder();
    }

    // ---- failures and logs ------------------------------------------------------------------

    void failure(String what) {
        plog.failure(what);
    }

    static void log(Level level, String message) {
        PeerLog.log(level, message);
    }
}
