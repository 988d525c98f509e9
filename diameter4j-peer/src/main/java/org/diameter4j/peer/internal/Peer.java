package org.diameter4j.peer.internal;

import io.netty.channel.EventLoop;
import io.netty.util.collection.IntObjectHashMap;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.dictionary.OutboundViolation;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerDisconnectedException;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.RequestTimeoutException;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.peer.WatchdogState;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.ConnectionHandler;
import org.diameter4j.transport.TransportProtocol;

/**
 * One Diameter peer: its state machine (RFC 6733 §5.6), connections, watchdog (RFC 3539),
 * reconnection timer Tc, and the requests waiting for answers from it.
 *
 * <p>Every event of the peer runs on its event loop; the public methods may be called from any
 * thread and hop there. Futures complete on that loop: do not block in their callbacks.
 */
public final class Peer implements PeerStateMachine.Actions {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.peer");

    static final int DWR = 280;
    static final int DPR = 282;
    static final int DISCONNECT_CAUSE = 273;

    private final PeerContext ctx;
    private final PeerConfig config;
    private final EventLoop loop;
    private final Timers timers;
    private final PeerStateMachine fsm;
    private final Watchdog watchdog;
    private final PeerCounters counters = new PeerCounters();
    private final MessageValidator validator;
    private final OutboundGate gate;
    private final boolean dynamic;

    private PeerConnection iConn;
    private PeerConnection rConn;
    private PeerConnection active;
    private DiameterMessage rCer;
    private RemoteCapabilities rCaps;
    private final IntObjectHashMap<PendingRequest> pending = new IntObjectHashMap<>();
    private final List<CompletableFuture<Peer>> readyWaiters = new ArrayList<>();
    private final List<CompletableFuture<Peer>> attemptWaiters = new ArrayList<>();
    private Timers.Timer stateTimer;
    private Timers.Timer reconnectTimer;
    private long reconnectDue = -1;
    private int addressRotation;
    private volatile boolean enabled;
    private boolean autoReconnect = true;
    private DisconnectCause stopCause = DisconnectCause.REBOOTING;
    private CompletableFuture<Void> stopped;
    private String timeoutReason;

    // Read from other threads (show commands, awaitReady).
    private volatile PeerState state = PeerState.CLOSED;
    private volatile RemoteCapabilities remote;
    private volatile List<ApplicationId> commonApplications = List.of();
    private volatile String lastFailure;
    private volatile String lastFailureLogged;
    private volatile DisconnectCause lastDisconnectCause;
    private volatile Instant lastManagementChange = Instant.now();
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;
    private volatile Long remoteOriginStateId;
    private volatile String learnedHost;

    Peer(PeerContext ctx, PeerConfig config, EventLoop loop, Timers timers, boolean dynamic) {
        this.ctx = ctx;
        this.config = config;
        this.loop = loop;
        this.timers = timers;
        this.dynamic = dynamic;
        this.fsm = new PeerStateMachine(this);
        this.validator = new MessageValidator(ctx.dictionary());
        this.gate = new OutboundGate(ctx.dictionary(), ctx.strictSend());
        this.watchdog =
                new Watchdog(
                        config.tw().toMillis(),
                        timers,
                        () ->
                                ThreadLocalRandom.current()
                                        .nextLong(
                                                -Watchdog.JITTER_MILLIS,
                                                Watchdog.JITTER_MILLIS + 1),
                        new WatchdogCallbacks());
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
        return lastFailure;
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
        return remoteOriginStateId;
    }

    /** Seconds until the next connection attempt, or -1. */
    public long reconnectRemainingSeconds() {
        long due = reconnectDue;
        return due < 0 ? -1 : Math.max(0, (due - timers.nowMillis() + 999) / 1000);
    }

    /** Seconds until the watchdog timer expires, or -1. */
    public long watchdogRemainingSeconds() {
        long ms = watchdog.remainingMillis();
        return ms < 0 ? -1 : (ms + 999) / 1000;
    }

    /** Requests waiting for an answer from this peer. */
    public int pendingCount() {
        return pendingSize;
    }

    private volatile int pendingSize;

    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public String toString() {
        return "peer " + name() + " (" + state + ")";
    }

    // ---- commands ---------------------------------------------------------------------------

    private void onLoop(Runnable r) {
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
                        cancelReconnect();
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
                    cancelReconnect();
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

    /**
     * Completes when the peer is open, or fails with a {@link PeerNotReadyException} naming the
     * cause as soon as the current (or next) connection attempt fails — for tools that should not
     * wait out a timeout when the peer refuses.
     */
    public CompletableFuture<Peer> nextOutcome() {
        CompletableFuture<Peer> f = new CompletableFuture<>();
        onLoop(
                () -> {
                    if (fsm.state().isOpen()) {
                        f.complete(this);
                    } else {
                        attemptWaiters.add(f);
                    }
                });
        return f;
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
                                    + (lastFailure != null ? "; last failure: " + lastFailure : ""),
                            fsm.state()));
            return;
        }
        fsm.fire(PeerEvent.SEND_MESSAGE, p);
    }

    // ---- connections ------------------------------------------------------------------------

    /** One transport connection of this peer, initiator or responder side. */
    /** At most this many of one connection's requests in the handlers' hands (back-pressure). */
    static final int MAX_IN_HAND = 1000;

    final class PeerConnection implements ConnectionHandler {
        final boolean initiator;
        Connection conn;
        final Ids.HopByHop hopByHop = Ids.hopByHop();

        /** The peer's requests handed to the node and not yet answered (loop-confined). */
        int inHand;

        boolean readingPaused;

        PeerConnection(boolean initiator, Connection conn) {
            this.initiator = initiator;
            this.conn = conn;
        }

        boolean current() {
            return this == iConn || this == rConn;
        }

        @Override
        public void onMessage(Connection c, DiameterMessage m) {
            onLoop(() -> received(this, m));
        }

        @Override
        public void onMalformed(Connection c, DecodeFailure f) {
            onLoop(() -> malformed(this, f));
        }

        @Override
        public void onClosed(Connection c, Throwable cause) {
            onLoop(() -> closed(this, cause));
        }

        /** Sends {@code m} through the strict-send gate (an invalid answer becomes a 5012). */
        void send(DiameterMessage m) {
            DiameterMessage out = gate.vet(m, ctx.local());
            if (out != null) {
                sendVetted(out);
            }
        }

        /** Sends a message the gate has already judged. */
        void sendVetted(DiameterMessage m) {
            counters.sent(m.commandCode(), m.isRequest());
            ctx.traced(Peer.this, m, false);
            conn.send(m);
        }

        @Override
        public String toString() {
            return (initiator ? "initiator " : "responder ") + conn;
        }
    }

    /** Hands an inbound connection whose CER has arrived to this peer (R-Conn-CER, §5.6.1). */
    public ConnectionHandler acceptResponder(Connection conn, DiameterMessage cer) {
        PeerConnection pc = new PeerConnection(false, conn);
        onLoop(
                () -> {
                    // The CER arrived before the connection was ours: count and trace it here (RFC
                    // 6733 §5.3.1, M-26).
                    counters.received(cer.commandCode(), true);
                    ctx.traced(this, cer, true);
                    fsm.fire(PeerEvent.R_CONN_CER, new Inbound(pc, cer));
                });
        return pc;
    }

    private record Inbound(PeerConnection pc, DiameterMessage cer) {}

    private void received(PeerConnection pc, DiameterMessage m) {
        if (!pc.current()) {
            return; // a connection this peer has let go of
        }
        counters.received(m.commandCode(), m.isRequest());
        ctx.traced(this, m, true);
        if (pc == active) {
            watchdog.received(m.commandCode() == DWR && !m.isRequest());
        }
        boolean i = pc.initiator;
        PeerEvent e;
        switch (m.commandCode()) {
            case Capabilities.CER -> {
                if (m.isRequest()) {
                    secondCer(pc, m);
                    return;
                }
                e = i ? PeerEvent.I_RCV_CEA : null;
            }
            case DWR ->
                    e =
                            m.isRequest()
                                    ? (i ? PeerEvent.I_RCV_DWR : PeerEvent.R_RCV_DWR)
                                    : (i ? PeerEvent.I_RCV_DWA : PeerEvent.R_RCV_DWA);
            case DPR ->
                    e =
                            m.isRequest()
                                    ? (i ? PeerEvent.I_RCV_DPR : PeerEvent.R_RCV_DPR)
                                    : (i ? PeerEvent.I_RCV_DPA : PeerEvent.R_RCV_DPA);
            default -> e = i ? PeerEvent.I_RCV_MESSAGE : PeerEvent.R_RCV_MESSAGE;
        }
        if (i && fsm.state() == PeerState.WAIT_I_CEA && e != PeerEvent.I_RCV_CEA) {
            e = PeerEvent.I_RCV_NON_CEA;
        } else if (m.isRequest() && (m.commandCode() == DWR || m.commandCode() == DPR)) {
            // §7.2, §7.1.5: a base-protocol request is checked against its grammar like any
            // other; a DWR or DPR without Origin-Host, or with an unknown M-bit AVP, is answered
            // with the error (5005, 5001 …) and Failed-AVP and has no other effect: a DPR that
            // fails its grammar does not close the connection.
            DecodeFailure f = validator.validate(m);
            if (f != null) {
                log(
                        Level.INFO,
                        name()
                                + " sent an invalid "
                                + (m.commandCode() == DWR ? "DWR" : "DPR")
                                + ": "
                                + f.reason()
                                + "; answered "
                                + f.resultCode());
                pc.send(errorAnswer(m, f.resultCode(), f.reason(), f.failedAvp()));
                return;
            }
        }
        if (e == null) {
            return;
        }
        fsm.fire(e, new Received(pc, m));
    }

    private record Received(PeerConnection pc, DiameterMessage message) {}

    /**
     * A CER on a connection whose capabilities were already exchanged. RFC 3588 §5.6 had {@code
     * R-Open, R-Rcv-CER -> R-Snd-CEA}; RFC 6733 §5.6 dropped that row and lists no CER event for
     * the open states, so capabilities cannot be renegotiated on an open connection. The sender
     * must still get an answer (a request is never left unanswered): a CEA with 5012
     * DIAMETER_UNABLE_TO_COMPLY (§7.1.5) and an Error-Message saying why; the connection stays open
     * with the capabilities of the first exchange. freeDiameter answers the same way.
     */
    private void secondCer(PeerConnection pc, DiameterMessage cer) {
        log(
                Level.INFO,
                "a CER arrived from "
                        + name()
                        + " on an open connection ("
                        + pc
                        + "): answered 5012, capabilities stay as first exchanged");
        pc.send(
                Capabilities.cea(
                        cer,
                        ctx.local(),
                        pc.conn.localAddress().getAddress(),
                        ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                        "capabilities were already exchanged on this connection (RFC 6733 §5.6"
                                + " has no CER event in the open states)",
                        false));
    }

    private void malformed(PeerConnection pc, DecodeFailure f) {
        ctx.malformed(this, f);
        log(
                Level.WARNING,
                "malformed message from "
                        + name()
                        + " dropped: "
                        + f
                        + (f.fatal() ? "; closing the connection (framing lost)" : ""));
        DiameterMessage partial = f.partial();
        if (!f.fatal()
                && partial != null
                && partial.isRequest()
                && pc.current()
                && pc.conn.isOpen()) {
            // §7.2: answer a malformed request with the error and the Failed-AVP. A CER's answer
            // is a CEA: without the E bit (5xxx) it follows the CEA grammar of §5.3.2.
            pc.send(
                    partial.commandCode() == Capabilities.CER
                            ? refusingCea(partial, pc, f.resultCode(), f.reason(), f.failedAvp())
                            : errorAnswer(partial, f.resultCode(), f.reason(), f.failedAvp()));
        }
    }

    private void closed(PeerConnection pc, Throwable cause) {
        if (cause != null && pc.current()) {
            // With TLS 1.3 the server checks our certificate after our handshake has completed: its
            // refusal arrives as an alert that closes the connection. Name it (RFC 6733 §13, M-27).
            boolean tls =
                    cause instanceof javax.net.ssl.SSLException
                            || cause.getCause() instanceof javax.net.ssl.SSLException;
            failure(
                    tls
                            ? "TLS failure on connection "
                                    + pc.conn
                                    + ": "
                                    + describe(cause)
                                    + " (check the certificates and trust on both sides: RFC 6733 §13 requires mutual"
                                    + " authentication)"
                            : "connection " + pc.conn + " lost: " + describe(cause));
        } else if (pc.current() && fsm.state() == PeerState.WAIT_I_CEA) {
            // Seed 001: a server that does not know us closes on the CER without a CEA.
            failure(
                    "connection "
                            + pc.conn
                            + " closed by the peer after our CER, without a CEA (RFC 6733 §5.6):"
                            + " it likely does not accept Origin-Host "
                            + ctx.local().originHost()
                            + " or our address; check its peer list");
        }
        if (pc == iConn) {
            fsm.fire(PeerEvent.I_PEER_DISC, pc);
        } else if (pc == rConn) {
            fsm.fire(PeerEvent.R_PEER_DISC, pc);
        }
    }

    // ---- the state machine's actions ----------------------------------------------------------

    @Override
    public PeerStateMachine.Outcome perform(PeerAction action, PeerEvent event, Object data) {
        switch (action) {
            case I_SND_CONN_REQ -> connect();
            case I_SND_CER -> {
                InetAddress local = iConn.conn.localAddress().getAddress();
                iConn.send(Capabilities.cer(ctx.local(), local, config.inbandTls()));
            }
            case R_ACCEPT -> {
                Inbound in = (Inbound) data;
                rConn = in.pc();
                rCer = in.cer();
            }
            case R_REJECT -> ((Inbound) data).pc().conn.close();
            case PROCESS_CER -> {
                return processCer();
            }
            case R_SND_CEA -> {
                return sendCea();
            }
            case ELECT -> elect();
            case PROCESS_CEA -> {
                return processCea(((Received) data).message());
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
                                    + ((Received) data).message().commandCode()
                                    + " instead of a CEA after our CER");
                }
                closeAll();
            }
            case I_SND_MESSAGE, R_SND_MESSAGE -> sendRequest((PendingRequest) data);
            case PROCESS -> process((Received) data);
            case PROCESS_DWR -> originStateId(((Received) data).message());
            case PROCESS_DWA -> {
                DiameterMessage dwa = ((Received) data).message();
                // A DWR the application sent itself (not the watchdog's) waits for this DWA.
                PendingRequest own = pending.remove(dwa.hopByHop());
                if (own != null) {
                    pendingSize = pending.size();
                    own.complete(dwa);
                }
                originStateId(dwa);
                Avp rc = dwa.find(Capabilities.RESULT_CODE);
                if (rc != null
                        && rc.valueLength() == 4
                        && rc.asUnsigned32() != ResultCodes.DIAMETER_SUCCESS) {
                    log(
                            Level.INFO,
                            "DWA from " + name() + " carries Result-Code " + rc.asUnsigned32());
                }
            }
            case I_SND_DWA, R_SND_DWA -> {
                Received r = (Received) data;
                r.pc().send(successAnswer(r.message()));
            }
            case I_SND_DPR, R_SND_DPR -> {
                DiameterMessage dpr = DiameterMessage.request(DPR, 0, false);
                dpr.add(
                        Avp.ofUtf8(
                                Capabilities.ORIGIN_HOST,
                                0,
                                Avp.FLAG_MANDATORY,
                                ctx.local().originHost()));
                dpr.add(
                        Avp.ofUtf8(
                                Capabilities.ORIGIN_REALM,
                                0,
                                Avp.FLAG_MANDATORY,
                                ctx.local().originRealm()));
                dpr.add(Avp.ofInt32(DISCONNECT_CAUSE, 0, Avp.FLAG_MANDATORY, stopCause.value()));
                dpr.hopByHop(active.hopByHop.next()).endToEnd(ctx.ids().nextEndToEnd());
                active.send(dpr);
            }
            case I_SND_DPA, R_SND_DPA -> {
                Received r = (Received) data;
                Avp c = r.message().find(DISCONNECT_CAUSE);
                DisconnectCause cause =
                        c != null && c.valueLength() == 4 ? DisconnectCause.of(c.asInt32()) : null;
                lastDisconnectCause = cause;
                autoReconnect = cause == null || cause.allowsReconnect();
                failure(
                        "the peer disconnected with Disconnect-Cause "
                                + (cause != null ? cause.name() : "(none)")
                                + (autoReconnect
                                        ? ""
                                        : ": not reconnecting (RFC 6733 §5.4.3 SHOULD NOT)"));
                r.pc().send(successAnswer(r.message()));
            }
            default -> throw new IllegalStateException("unhandled action " + action);
        }
        return PeerStateMachine.Outcome.OK;
    }

    @Override
    public void stateChanged(PeerState from, PeerState to, PeerEvent event) {
        state = to;
        cancelStateTimer();
        switch (to) {
            case WAIT_CONN_ACK, WAIT_CONN_ACK_ELECT ->
                    armStateTimer(
                            ctx.connectTimeoutMillis() + 2_000, "no answer to the TCP connect");
            case WAIT_I_CEA, WAIT_RETURNS ->
                    armStateTimer(
                            config.ceaTimeout().toMillis(),
                            "connected, but no CEA within "
                                    + config.ceaTimeout().toSeconds()
                                    + " s of sending the CER");
            case CLOSING ->
                    armStateTimer(
                            config.dpaTimeout().toMillis(),
                            "no DPA within " + config.dpaTimeout().toSeconds() + " s");
            default -> {}
        }
        if (to.isOpen()) {
            opened();
        } else if (to == PeerState.CLOSED) {
            closedState();
        }
        // M-08: INFO when the peer comes up or goes down; a failed attempt (Wait-* -> Closed) is
        // DEBUG, its cause was logged once by failure().
        boolean wasUp = from.isOpen() || from == PeerState.CLOSING;
        log(
                to.isOpen() || (to == PeerState.CLOSED && wasUp) ? Level.INFO : Level.DEBUG,
                "peer "
                        + name()
                        + ": "
                        + from
                        + " -> "
                        + to
                        + (to.isOpen()
                                ? " (applications " + commonApplications + ")"
                                : to == PeerState.CLOSED && lastFailure != null
                                        ? " (" + lastFailure + ")"
                                        : ""));
        ctx.peerChanged(this, from, to);
    }

    @Override
    public void unexpected(PeerState s, PeerEvent event, Object data) {
        if (data instanceof Inbound in) {
            in.pc().conn.close();
        }
        if (event == PeerEvent.SEND_MESSAGE && data instanceof PendingRequest p) {
            p.fail(
                    new PeerNotReadyException(
                            "peer " + name() + " is not open (state " + s + ")", s));
            return;
        }
        log(
                Level.DEBUG,
                "peer "
                        + name()
                        + ": event "
                        + event
                        + " in state "
                        + s
                        + " has no row in RFC 6733 §5.6; ignored");
    }

    // ---- action details ---------------------------------------------------------------------

    private void connect() {
        PeerConnection pc = new PeerConnection(true, null);
        iConn = pc;
        String host = config.uri().host();
        ctx.resolver()
                .resolve(host)
                .whenComplete(
                        (addrs, err) ->
                                onLoop(
                                        () -> {
                                            if (pc != iConn) {
                                                return;
                                            }
                                            if (err != null || addrs.isEmpty()) {
                                                failure(
                                                        err != null
                                                                ? describe(err)
                                                                : "DNS: '"
                                                                        + host
                                                                        + "' has no address");
                                                fsm.fire(PeerEvent.I_RCV_CONN_NACK, pc);
                                                return;
                                            }
                                            // A load balancer's FQDN may have several addresses:
                                            // try the next one at each attempt.
                                            InetAddress addr =
                                                    addrs.get(
                                                            Math.floorMod(
                                                                    addressRotation++,
                                                                    addrs.size()));
                                            InetSocketAddress target =
                                                    new InetSocketAddress(
                                                            addr, config.uri().port());
                                            TransportProtocol proto =
                                                    config.uri().transport().equals("sctp")
                                                            ? TransportProtocol.SCTP
                                                            : TransportProtocol.TCP;
                                            InetSocketAddress bind =
                                                    config.bindAddress() != null
                                                            ? config.bindAddress()
                                                            : ctx.localAddressFor(addr);
                                            ctx.transport()
                                                    .connect(
                                                            target,
                                                            bind,
                                                            proto,
                                                            config.uri().secure()
                                                                    ? config.tls()
                                                                    : null,
                                                            loop,
                                                            pc)
                                                    .whenComplete(
                                                            (conn, cerr) ->
                                                                    onLoop(
                                                                            () -> {
                                                                                if (cerr != null) {
                                                                                    if (pc
                                                                                            == iConn) {
                                                                                        failure(
                                                                                                describeConnect(
                                                                                                        target,
                                                                                                        cerr));
                                                                                        fsm.fire(
                                                                                                PeerEvent
                                                                                                        .I_RCV_CONN_NACK,
                                                                                                pc);
                                                                                    }
                                                                                    return;
                                                                                }
                                                                                if (pc != iConn) {
                                                                                    conn.close();
                                                                                    return;
                                                                                }
                                                                                pc.conn = conn;
                                                                                fsm.fire(
                                                                                        PeerEvent
                                                                                                .I_RCV_CONN_ACK,
                                                                                        pc);
                                                                            }));
                                        }));
    }

    private PeerStateMachine.Outcome processCer() {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCer(rCer, validator, ctx.local(), config.inbandTls());
        if (!v.accepted()) {
            return rejectCer(fsm.state(), v.resultCode(), v.reason(), v.failedAvp());
        }
        rCaps = v.capabilities();
        return PeerStateMachine.Outcome.OK;
    }

    /** A CEA refusing {@code cer} with {@code rc} (§5.3.2, §7.1.5), Failed-AVP when known. */
    private DiameterMessage refusingCea(
            DiameterMessage cer, PeerConnection pc, long rc, String reason, Avp failed) {
        DiameterMessage cea =
                Capabilities.cea(
                        cer, ctx.local(), pc.conn.localAddress().getAddress(), rc, reason, false);
        if (failed != null) {
            cea.add(ErrorAnswers.failedAvp(failed));
        }
        return cea;
    }

    private PeerStateMachine.Outcome rejectCer(PeerState here, long rc, String reason, Avp failed) {
        DiameterMessage cea = refusingCea(rCer, rConn, rc, reason, failed);
        failure("CER from " + name() + " refused with " + rc + ": " + reason);
        PeerConnection pc = rConn;
        pc.send(cea);
        pc.conn.close();
        rConn = null;
        rCer = null;
        return PeerStateMachine.Outcome.goTo(here == PeerState.CLOSED ? PeerState.CLOSED : here);
    }

    private PeerStateMachine.Outcome sendCea() {
        PeerConnection pc = rConn;
        if (pc == null || !pc.conn.isOpen()) {
            return PeerStateMachine.Outcome.goTo(PeerState.CLOSED);
        }
        boolean tls = config.inbandTls() && rCaps.offersTls();
        if (tls) {
            // The CEA leaves in plaintext, then the handshake (RFC 3588 §13.1, Inband-Security-Id).
            pc.conn
                    .startTls(config.tls(), false)
                    .exceptionally(
                            e -> {
                                onLoop(
                                        () ->
                                                failure(
                                                        "in-band TLS handshake failed: "
                                                                + describe(e)));
                                return null;
                            });
        }
        pc.send(
                Capabilities.cea(
                        rCer,
                        ctx.local(),
                        pc.conn.localAddress().getAddress(),
                        ResultCodes.DIAMETER_SUCCESS,
                        null,
                        tls));
        adopt(pc, rCaps);
        rCer = null;
        return PeerStateMachine.Outcome.OK;
    }

    private void elect() {
        // §5.6.4: "If the local Origin-Host lexicographically succeeds the received Origin-Host, a
        // Win-Election event is issued locally" — ASCII case-insensitively.
        String mine = ctx.local().originHost().toLowerCase(Locale.ROOT);
        String theirs =
                rCaps == null || rCaps.originHost() == null
                        ? ""
                        : rCaps.originHost().toLowerCase(Locale.ROOT);
        if (mine.compareTo(theirs) > 0) {
            fsm.fire(PeerEvent.WIN_ELECTION, null);
        }
    }

    private PeerStateMachine.Outcome processCea(DiameterMessage cea) {
        PeerState here = fsm.state();
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCea(
                        cea, ctx.local(), config.destinationHost(), ctx.dictionary());
        RemoteCapabilities caps = v.capabilities();
        if (!v.accepted()) {
            failure(v.reason());
            reportRefusedCea(cea, v);
            closeInitiator();
            if (here == PeerState.WAIT_RETURNS && rConn != null) {
                // Like I-Peer-Disc in Wait-Returns: keep the responder connection.
                PeerStateMachine.Outcome o = sendCea();
                return o == PeerStateMachine.Outcome.OK
                        ? PeerStateMachine.Outcome.goTo(PeerState.R_OPEN)
                        : o;
            }
            return PeerStateMachine.Outcome.goTo(PeerState.CLOSED);
        }
        if (config.inbandTls() && caps.offersTls()) {
            iConn.conn
                    .startTls(config.tls(), true)
                    .exceptionally(
                            e -> {
                                onLoop(
                                        () ->
                                                failure(
                                                        "in-band TLS handshake failed: "
                                                                + describe(e)));
                                return null;
                            });
        }
        adopt(iConn, caps);
        return PeerStateMachine.Outcome.OK;
    }

    /** Tells the node why a CEA was refused, in seed 003's terms (Result code, Failed AVP). */
    private void reportRefusedCea(DiameterMessage cea, CapabilitiesVerdict v) {
        try {
            ctx.capabilitiesRefused(this, cea, v.resultCode(), v.reportMessage(), v.failedAvp());
        } catch (RuntimeException e) {
            log(Level.WARNING, "capabilities report failed: " + e);
        }
    }

    private void adopt(PeerConnection pc, RemoteCapabilities caps) {
        active = pc;
        remote = caps;
        if (config.destinationHost() == null) {
            learnedHost = caps.originHost();
        }
        commonApplications =
                List.copyOf(Capabilities.common(ctx.local().applications(), caps.applications()));
        localAddress = pc.conn.localAddress();
        remoteAddress = pc.conn.remoteAddress();
        noteOriginStateId(caps.originStateId());
    }

    private void originStateId(DiameterMessage m) {
        Avp osi = m.find(Capabilities.ORIGIN_STATE_ID);
        if (osi != null && osi.valueLength() == 4) {
            noteOriginStateId(osi.asUnsigned32());
        }
    }

    private void noteOriginStateId(Long osi) {
        if (osi == null) {
            return;
        }
        Long old = remoteOriginStateId;
        if (old != null && !old.equals(osi)) {
            // RFC 6733 §8.6: a new Origin-State-Id means the peer restarted and lost its sessions.
            log(Level.INFO, "peer " + name() + " restarted: Origin-State-Id " + old + " -> " + osi);
        }
        remoteOriginStateId = osi;
    }

    private void sendRequest(PendingRequest p) {
        PeerConnection pc = active;
        DiameterMessage req = p.request();
        List<OutboundViolation> invalid = gate.check(req);
        if (!invalid.isEmpty() && gate.mode() == StrictSend.REJECT) {
            p.fail(gate.refusal(req, invalid));
            return;
        }
        int hbh = pc.hopByHop.next();
        req.hopByHop(hbh);
        if (req.endToEnd() == 0) {
            req.endToEnd(ctx.ids().nextEndToEnd());
        }
        p.hopByHop = hbh;
        PendingRequest clash = pending.put(hbh, p);
        if (clash != null) {
            clash.fail(new DiameterException("Hop-by-Hop identifier reused after 2^32 requests"));
        }
        pendingSize = pending.size();
        long remaining = p.deadlineMillis() - timers.nowMillis();
        p.timer = timers.schedule(Math.max(1, remaining), () -> timedOut(p));
        pc.sendVetted(req);
    }

    private void timedOut(PendingRequest p) {
        if (pending.get(p.hopByHop) == p) {
            pending.remove(p.hopByHop);
            pendingSize = pending.size();
        }
        p.timer = null;
        String cmd =
                ctx.dictionary()
                        .commandName(p.request().applicationId(), p.request().commandCode(), true);
        p.fail(
                new RequestTimeoutException(
                        "no answer from "
                                + name()
                                + " to "
                                + cmd
                                + " (Hop-by-Hop "
                                + Integer.toUnsignedString(p.request().hopByHop())
                                + ", End-to-End "
                                + Integer.toUnsignedString(p.request().endToEnd())
                                + ") within "
                                + (p.elapsedNanos() / 1_000_000)
                                + " ms"));
    }

    private void process(Received r) {
        DiameterMessage m = r.message();
        if (!m.isRequest()) {
            PendingRequest p = pending.remove(m.hopByHop());
            pendingSize = pending.size();
            if (p == null) {
                // §6.2.1: an answer whose Hop-by-Hop matches nothing is discarded.
                log(
                        Level.DEBUG,
                        "answer from "
                                + name()
                                + " with unknown Hop-by-Hop "
                                + Integer.toUnsignedString(m.hopByHop())
                                + " discarded (late, or already timed out)");
                return;
            }
            p.complete(m);
            return;
        }
        PeerConnection pc = r.pc();
        if (++pc.inHand >= MAX_IN_HAND && !pc.readingPaused) {
            // Back-pressure: handlers (off the loop) hold this many of the peer's requests; take
            // no more until half are answered, as when our answers cannot leave.
            pc.readingPaused = true;
            pc.conn.pauseReading(true);
        }
        CompletableFuture<DiameterMessage> answer;
        try {
            answer = ctx.serve(this, m);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete(
                (a, err) ->
                        onLoop(
                                () -> {
                                    if (--pc.inHand <= MAX_IN_HAND / 2 && pc.readingPaused) {
                                        pc.readingPaused = false;
                                        pc.conn.pauseReading(false);
                                    }
                                    DiameterMessage out = a;
                                    if (err != null || a == null) {
                                        log(
                                                Level.WARNING,
                                                "handler for "
                                                        + ctx.dictionary()
                                                                .commandName(
                                                                        m.applicationId(),
                                                                        m.commandCode(),
                                                                        true)
                                                        + " from "
                                                        + name()
                                                        + " failed: "
                                                        + (err != null
                                                                ? describe(err)
                                                                : "no answer"));
                                        out =
                                                errorAnswer(
                                                        m,
                                                        ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                                                        "the request could not be processed",
                                                        null);
                                    }
                                    if (pc.conn != null && pc.conn.isOpen()) {
                                        pc.send(out);
                                    }
                                }));
    }

    /** A success answer to a DWR or DPR (§5.5.2, §5.4.2). */
    private DiameterMessage successAnswer(DiameterMessage request) {
        DiameterMessage a = request.answer();
        a.add(
                Avp.ofUnsigned32(
                        Capabilities.RESULT_CODE,
                        0,
                        Avp.FLAG_MANDATORY,
                        ResultCodes.DIAMETER_SUCCESS));
        a.add(
                Avp.ofUtf8(
                        Capabilities.ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, ctx.local().originHost()));
        a.add(
                Avp.ofUtf8(
                        Capabilities.ORIGIN_REALM,
                        0,
                        Avp.FLAG_MANDATORY,
                        ctx.local().originRealm()));
        if (request.commandCode() == DWR && ctx.local().originStateId() != null) {
            a.add(
                    Avp.ofUnsigned32(
                            Capabilities.ORIGIN_STATE_ID,
                            0,
                            Avp.FLAG_MANDATORY,
                            ctx.local().originStateId()));
        }
        return a;
    }

    /**
     * An error answer (§7.2): E bit for protocol errors, Result-Code, Origin-*, Error-Message,
     * Failed-AVP.
     */
    public DiameterMessage errorAnswer(
            DiameterMessage request, long resultCode, String message, Avp failedAvp) {
        return ErrorAnswers.build(
                request, ctx.local(), ctx.dictionary(), resultCode, message, failedAvp);
    }

    // ---- state entry ------------------------------------------------------------------------

    private void opened() {
        watchdog.connectionUp();
        cancelReconnect();
        for (CompletableFuture<Peer> w : readyWaiters) {
            w.complete(this);
        }
        readyWaiters.clear();
        for (CompletableFuture<Peer> w : attemptWaiters) {
            w.complete(this);
        }
        attemptWaiters.clear();
    }

    private void closedState() {
        if (!attemptWaiters.isEmpty()) {
            PeerNotReadyException e =
                    new PeerNotReadyException(
                            "peer "
                                    + name()
                                    + ": "
                                    + (lastFailure != null
                                            ? lastFailure
                                            : "the connection attempt failed"),
                            PeerState.CLOSED);
            for (CompletableFuture<Peer> w : attemptWaiters) {
                w.completeExceptionally(e);
            }
            attemptWaiters.clear();
        }
        closeAll();
        active = null;
        watchdog.connectionDown();
        if (!pending.isEmpty()) {
            List<PendingRequest> left = new ArrayList<>(pending.values());
            pending.clear();
            pendingSize = 0;
            for (PendingRequest p : left) {
                p.cancelTimer();
            }
            List<PendingRequest> unclaimed = ctx.failover(this, left, true);
            for (PendingRequest p : unclaimed) {
                p.fail(
                        new PeerDisconnectedException(
                                "the connection to "
                                        + name()
                                        + " closed before the answer arrived"
                                        + (lastFailure != null ? " (" + lastFailure + ")" : "")));
            }
        }
        if (stopped != null) {
            stopped.complete(null);
            stopped = null;
        }
        if (enabled && autoReconnect && !dynamic && config.uri() != null) {
            scheduleReconnect();
        }
    }

    /** For stop() outside an open state: go to Closed without a row (no peer to talk to). */
    private void forceClosed(String why) {
        PeerState from = fsm.state();
        if (from == PeerState.CLOSED) {
            return;
        }
        // Drive the table's own Timeout → Error → Closed row where one exists.
        timeoutReason = why;
        fsm.fire(PeerEvent.TIMEOUT, null);
    }

    private void scheduleReconnect() {
        cancelReconnect();
        long tc = config.tc().toMillis();
        reconnectDue = timers.nowMillis() + tc;
        reconnectTimer =
                timers.schedule(
                        tc,
                        () -> {
                            reconnectTimer = null;
                            reconnectDue = -1;
                            if (enabled && fsm.state() == PeerState.CLOSED) {
                                fsm.fire(PeerEvent.START, null);
                            }
                        });
    }

    private void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
        reconnectDue = -1;
    }

    private void armStateTimer(long millis, String reason) {
        PeerState armedIn = fsm.state();
        stateTimer =
                timers.schedule(
                        millis,
                        () -> {
                            stateTimer = null;
                            if (fsm.state() == armedIn) {
                                timeoutReason = reason;
                                fsm.fire(PeerEvent.TIMEOUT, null);
                            }
                        });
    }

    private void cancelStateTimer() {
        if (stateTimer != null) {
            stateTimer.cancel();
            stateTimer = null;
        }
    }

    private void closeInitiator() {
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
            rCer = null;
        }
    }

    private void closeAll() {
        closeInitiator();
        closeResponder();
    }

    // ---- failures and logs ------------------------------------------------------------------

    private void failure(String what) {
        lastFailure = what;
        if (!what.equals(lastFailureLogged)) {
            // One line per new cause, not per attempt (M-08).
            lastFailureLogged = what;
            log(Level.INFO, "peer " + name() + ": " + what);
        }
    }

    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m != null && !m.isBlank() ? m : c.getClass().getSimpleName();
    }

    private static String describeConnect(InetSocketAddress target, Throwable t) {
        String d = describe(t);
        Throwable c =
                t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                        ? t.getCause()
                        : t;
        String where = target.getAddress().getHostAddress() + ":" + target.getPort();
        if (c instanceof java.net.ConnectException
                && d.toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused by " + where + " (nothing listens there)";
        }
        if (c instanceof io.netty.channel.ConnectTimeoutException) {
            return "TCP connect to " + where + " timed out";
        }
        if (c instanceof javax.net.ssl.SSLException) {
            return "TLS handshake with " + where + " failed: " + d;
        }
        return "cannot connect to " + where + ": " + d;
    }

    private static void log(Level level, String message) {
        LOG.log(level, message);
    }

    private final class WatchdogCallbacks implements Watchdog.Callbacks {
        @Override
        public void sendWatchdog() {
            PeerConnection pc = active;
            if (pc == null || pc.conn == null) {
                return;
            }
            DiameterMessage dwr = DiameterMessage.request(DWR, 0, false);
            dwr.add(
                    Avp.ofUtf8(
                            Capabilities.ORIGIN_HOST,
                            0,
                            Avp.FLAG_MANDATORY,
                            ctx.local().originHost()));
            dwr.add(
                    Avp.ofUtf8(
                            Capabilities.ORIGIN_REALM,
                            0,
                            Avp.FLAG_MANDATORY,
                            ctx.local().originRealm()));
            if (ctx.local().originStateId() != null) {
                dwr.add(
                        Avp.ofUnsigned32(
                                Capabilities.ORIGIN_STATE_ID,
                                0,
                                Avp.FLAG_MANDATORY,
                                ctx.local().originStateId()));
            }
            dwr.hopByHop(pc.hopByHop.next()).endToEnd(ctx.ids().nextEndToEnd());
            pc.send(dwr);
        }

        @Override
        public void failover() {
            if (fsm.state().isOpen() && !pending.isEmpty()) {
                // SUSPECT: offer the pending requests to another peer; those taken leave this one.
                // Their timers are cancelled first: the alternate peer arms its own (same
                // deadline),
                // possibly at once on this very thread.
                List<PendingRequest> all = new ArrayList<>(pending.values());
                pending.clear();
                for (PendingRequest p : all) {
                    p.cancelTimer();
                }
                List<PendingRequest> kept = ctx.failover(Peer.this, all, false);
                for (PendingRequest p : kept) {
                    pending.put(p.hopByHop, p);
                    long remaining = p.deadlineMillis() - timers.nowMillis();
                    p.timer = timers.schedule(Math.max(1, remaining), () -> timedOut(p));
                }
                pendingSize = pending.size();
            }
            if (fsm.state().isOpen()) {
                failure("no DWA within Tw: connection suspect (RFC 3539)");
                ctx.peerChanged(Peer.this, fsm.state(), fsm.state());
            }
        }

        @Override
        public void failback() {
            ctx.peerChanged(Peer.this, fsm.state(), fsm.state());
        }

        @Override
        public void closeConnection() {
            if (fsm.state().isOpen()) {
                failure("no DWA within 2 x Tw: connection down (RFC 3539)");
                PeerConnection pc = active;
                if (pc != null && pc.conn != null) {
                    pc.conn.close(); // → Peer-Disc → Closed → reconnect with Tc
                }
            }
        }
    }
}
