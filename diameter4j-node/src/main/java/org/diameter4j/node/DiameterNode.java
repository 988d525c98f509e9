package org.diameter4j.node;

import io.netty.channel.EventLoop;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.node.overload.OverloadControl;
import org.diameter4j.node.overload.internal.Overload;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.Timers;
import org.diameter4j.peer.internal.Ids;
import org.diameter4j.peer.internal.Peer;
import org.diameter4j.transport.Listener;
import org.diameter4j.transport.Transport;
import org.diameter4j.transport.TransportConfig;

/**
 * A Diameter node: a local identity, listeners, peers, request handlers. The whole library in a few
 * lines (M-14):
 *
 * <pre>{@code
 * try (DiameterNode node = DiameterNode.start(NodeConfig.builder("client.example.com")
 *         .application(ApplicationId.auth(4))
 *         .peer(PeerConfig.connectTo("aaa://ocs.example.net:3868").destinationHost("ocs.example.net").build())
 *         .build())) {
 *     node.awaitReady("ocs.example.net", Duration.ofSeconds(10));
 *     DiameterMessage cca = node.send(ccr).get();
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} sends DPR to every open peer and waits for the DPAs (bounded).
 */
public final class DiameterNode implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("org.diameter4j.node");
    static final System.Logger TRACE = System.getLogger("org.diameter4j.trace");

    static final int ORIGIN_HOST = 264;
    static final int ORIGIN_REALM = 296;
    static final int DESTINATION_HOST = 293;
    static final int DESTINATION_REALM = 283;
    static final int ORIGIN_STATE_ID = 278;
    static final int ROUTE_RECORD = 282;
    static final int ERROR_REPORTING_HOST = 294;

    final NodeConfig config;
    final Dictionary dictionary;
    final Transport transport;
    final Ids ids = new Ids();
    private final SessionIds sessionIds;
    final HostResolver resolver;
    private final RequestDispatch dispatch;
    private final RequestSender sender;
    final PeerTable table = new PeerTable();
    final Map<String, Peer> peers = table.byKey;
    final HandlerTable handlers = new HandlerTable();

    /** A registered handler, and whether it runs on the event loop. */
    record Handler(RequestHandler handler, boolean onEventLoop) {}

    final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    final List<Listener> bound = new ArrayList<>();
    final Set<String> debugPeers = ConcurrentHashMap.newKeySet();
    final NodePeerContext context = new NodePeerContext(this);
    private final DuplicateCache duplicates;
    final NodeMetrics metrics;
    final Map<Peer, Long> busyUntil = new ConcurrentHashMap<>();
    final Map<Peer, Boolean> activeState = new ConcurrentHashMap<>();
    final AtomicLong droppedMessages = new AtomicLong();

    /** DOIC (RFC 7683); null when overload control is disabled, the default. */
    final Overload overload;

    private volatile boolean closed;

    /**
     * A message passed on a peer connection, sent or {@code received}: what {@link
     * NodeListener#messages} hands over.
     */
    public record Traced(String peer, DiameterMessage message, boolean received) {}

    /** Where handlers and users' continuations run (never the I/O thread by default). */
    final java.util.concurrent.Executor callbacks;

    /** The pool this node made for them, shut down by {@link #close()}; null when given one. */
    private final java.util.concurrent.ExecutorService ownedCallbacks;

    private DiameterNode(NodeConfig config, HostResolver resolver) {
        this.config = config;
        this.dictionary = config.dictionary();
        this.resolver = resolver;
        this.sessionIds = new SessionIds(config.identity().originHost());
        this.duplicates =
                new DuplicateCache(
                        config.duplicateWindow().toMillis(),
                        config.duplicateCapacity(),
                        Timers.system()::nowMillis);
        this.dispatch =
                new RequestDispatch(
                        this, new Relay(this), duplicates, new MessageValidator(dictionary));
        this.overload =
                config.overload().enabled()
                        ? Overload.of(
                                config.identity(), config.overload(), Timers.system()::nowMillis)
                        : null;
        this.metrics = new NodeMetrics(config.identity().originHost(), peers::values, overload);
        this.ownedCallbacks =
                config.callbackExecutor() == null
                        ? Callbacks.defaultPool(config.identity().originHost())
                        : null;
        this.callbacks =
                config.callbackExecutor() != null ? config.callbackExecutor() : ownedCallbacks;
        this.sender = new RequestSender(this, new OutgoingRequests(config, dictionary));
        DecodeOptions decode =
                DecodeOptions.DEFAULT
                        .withTypes(dictionary)
                        .withMaxMessageLength(config.maxMessageLength());
        this.transport =
                Transport.create(
                        TransportConfig.defaults(decode).withIoThreads(config.ioThreads()));
    }

    /** Creates the node, binds its listeners and starts connecting to its enabled peers. */
    public static DiameterNode start(NodeConfig config) {
        return start(config, HostResolver.system());
    }

    /** As {@link #start(NodeConfig)} with another name resolver (tests, custom DNS). */
    public static DiameterNode start(NodeConfig config, HostResolver resolver) {
        DiameterNode node = new DiameterNode(config, resolver);
        try {
            node.bound.addAll(new InboundPeers(node).bind());
            for (PeerConfig pc : config.peers()) {
                node.addPeer(pc);
            }
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null
                && (c instanceof ExecutionException
                        || c instanceof java.util.concurrent.CompletionException)) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /**
     * Adds a peer at run time; it starts connecting when enabled and it has a URI. Checked like the
     * configuration: a second default peer, or a peer already present, is refused.
     */
    public PeerView addPeer(PeerConfig pc) {
        table.checkDefault(pc);
        EventLoop loop = transport.eventLoops().next();
        Peer p = Peer.create(context, pc, loop);
        table.add(p);
        if (pc.enabled() && pc.uri() != null) {
            p.start();
        }
        return PeerView.of(p, config.identity());
    }

    /**
     * Removes a peer at run time: a DPR on its open connection (bounded wait for the DPA), then it
     * is gone; its pending requests fail over to other peers.
     */
    public CompletableFuture<Void> removePeer(String host) {
        Peer p = table.remove(host);
        if (p == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("no peer '" + host + "'"));
        }
        busyUntil.remove(p);
        return p.stop(DisconnectCause.REBOOTING);
    }

    /**
     * Seed 003's {@code admin-state enable|disable} at run time: enabling connects (and reconnects
     * with Tc), disabling sends a DPR (Disconnect-Cause REBOOTING) and does not reconnect. Records
     * the "last management change". The future completes when a disabled peer is closed.
     */
    public CompletableFuture<Void> setAdminState(String host, boolean enabled) {
        return setAdminState(host, enabled, DisconnectCause.REBOOTING);
    }

    /** As {@link #setAdminState(String, boolean)} with the Disconnect-Cause of the DPR. */
    public CompletableFuture<Void> setAdminState(
            String host, boolean enabled, DisconnectCause cause) {
        Peer p = find(host);
        if (p == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException(
                            "no peer '" + host + "': configured peers are " + table.names()));
        }
        if (enabled) {
            p.start();
            return CompletableFuture.completedFuture(null);
        }
        return p.stop(cause);
    }

    // ---- show commands (M-19) -------------------------------------------------------------------

    /** The realm routing table, built from the open peers' capabilities (M-18). */
    public RoutingTable routes() {
        return table.routes();
    }

    /** A peer was added, removed, or changed state or availability: the routing table is stale. */
    void routesChanged() {
        table.changed();
    }

    /**
     * One peer as seed 003 shows it (identity, state, active applications, timers, addresses), the
     * peer with this identity (case-insensitive); null when there is no such peer.
     */
    public PeerView peer(String host) {
        Peer p = find(host);
        return p == null ? null : PeerView.of(p, config.identity());
    }

    /**
     * Every peer as {@link #peer} shows it: configured ones by index, then dynamic ones by name.
     */
    public List<PeerView> peers() {
        return sortedPeers().stream().map(p -> PeerView.of(p, config.identity())).toList();
    }

    /** A peer's message counters, or null when there is no such peer. */
    public PeerStatistics statistics(String host) {
        Peer p = find(host);
        return p == null ? null : PeerStatistics.of(p.name(), p.counters());
    }

    /** Seed 003's {@code clear … peer "…" statistics}; records the "last cleared" time. */
    public void clearStatistics(String host) {
        Peer p = find(host);
        if (p == null) {
            throw new IllegalArgumentException("no peer '" + host + "'");
        }
        p.counters().clear();
    }

    /** Metrics per peer and application, with {@link NodeMetrics#prometheus()} (M-26). */
    public NodeMetrics metrics() {
        return metrics;
    }

    /**
     * Overload control (RFC 7683 DOIC): the reports this node obeys, and the one it sends. When
     * {@link NodeConfig#overload()} is disabled, a view with no reports whose {@code report} says
     * how to enable it.
     */
    public OverloadControl overload() {
        return overload != null ? overload : DisabledOverload.INSTANCE;
    }

    /** Malformed messages dropped since the start (seed 003's tmnxDiamMessageDropped). */
    public long droppedMessages() {
        return droppedMessages.get();
    }

    /** Duplicate requests answered from the duplicate cache (RFC 6733 §5.5.4). */
    public long duplicatesDetected() {
        return duplicates.duplicates();
    }

    /**
     * Adds a listener of the node's events (M-21: peer state and activity, dropped messages) and of
     * every message sent and received; see {@link NodeListener} for the threading rules.
     */
    public void addListener(NodeListener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    public void removeListener(NodeListener l) {
        listeners.remove(l);
    }

    void emit(NodeEvent e, boolean log) {
        if (log) {
            LOG.log(Level.INFO, e.name() + ": " + e.text());
        }
        for (NodeListener l : listeners) {
            try {
                l.event(e);
            } catch (RuntimeException x) {
                LOG.log(Level.WARNING, "node listener failed: " + x);
            }
        }
    }

    /** A peer that answered 3004 DIAMETER_TOO_BUSY within the back-off. */
    boolean isBusy(Peer p) {
        Long until = busyUntil.get(p);
        if (until == null) {
            return false;
        }
        if (Timers.system().nowMillis() < until) {
            return true;
        }
        busyUntil.remove(p, until);
        return false;
    }

    static String key(String host) {
        return PeerTable.key(host);
    }

    public NodeConfig config() {
        return config;
    }

    public LocalIdentity identity() {
        return config.identity();
    }

    public Dictionary dictionary() {
        return dictionary;
    }

    /** "epoll" or "nio". */
    public String ioKind() {
        return transport.ioKind();
    }

    /** The addresses the node listens on (ports resolved when 0 was asked). */
    public List<InetSocketAddress> listenAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            InetSocketAddress a = bound.get(i).localAddress();
            String asked = config.listen().get(i).host();
            // A wildcard IPv4 listener can show as "::" on a dual-stack socket: report what was
            // asked.
            if (a.getAddress().isAnyLocalAddress() && asked.equals("0.0.0.0")) {
                a = new InetSocketAddress("0.0.0.0", a.getPort());
            }
            out.add(a);
        }
        return out;
    }

    Peer find(String host) {
        return table.find(host);
    }

    /** Per-peer message debug (M-20): every message to and from the peer is logged as a dump. */
    public void debug(String peer, boolean on) {
        if (on) {
            debugPeers.add(key(peer));
        } else {
            debugPeers.remove(key(peer));
        }
    }

    /** A new Session-Id (RFC 6733 §8.8). */
    public String newSessionId() {
        return sessionIds.next();
    }

    /**
     * Registers the handler of one command of one application. It runs on the node's callback
     * executor ({@link NodeConfig.Builder#callbackExecutor}), so it may block.
     */
    public DiameterNode handle(long applicationId, int commandCode, RequestHandler h) {
        handlers.put(applicationId, commandCode, new Handler(h, false));
        return this;
    }

    /**
     * Registers a handler that never blocks — it answers from memory, or returns a future that
     * something else completes later — to run on the peer's event loop: the request is not handed
     * to the callback executor and its answer not handed back, two thread switches per request
     * fewer (issue 10: on one core they cost more than the decision). A handler that blocks here (a
     * file, a database, a {@code join()}) stalls the connection's I/O and its watchdog (RFC 6733
     * §5.5): register those with {@link #handle}.
     */
    public DiameterNode handleOnEventLoop(long applicationId, int commandCode, RequestHandler h) {
        handlers.put(applicationId, commandCode, new Handler(h, true));
        return this;
    }

    // ---- readiness ----------------------------------------------------------------------------

    /**
     * Waits until the peer is open (M-07). Throws {@link PeerNotReadyException} saying why not: its
     * state, the last failure (DNS, refused, CEA result …) and when the next attempt is.
     */
    public PeerView awaitReady(String host, Duration timeout) {
        Peer p = find(host);
        if (p == null) {
            throw new IllegalArgumentException(
                    "no peer '"
                            + host
                            + "': configured peers are "
                            + peers.values().stream().map(Peer::name).toList());
        }
        try {
            p.whenOpen().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return PeerView.of(p, config.identity());
        } catch (TimeoutException e) {
            StringBuilder sb =
                    new StringBuilder(
                            "peer "
                                    + p.name()
                                    + " is not ready after "
                                    + timeout.toMillis() / 1000.0
                                    + " s: state "
                                    + p.state());
            if (p.lastFailure() != null) {
                sb.append("; last failure: ").append(p.lastFailure());
            }
            if (p.reconnectRemainingSeconds() >= 0) {
                sb.append("; next attempt in ").append(p.reconnectRemainingSeconds()).append(" s");
            }
            throw new PeerNotReadyException(sb.toString(), p.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiameterException("interrupted while waiting for peer " + host);
        } catch (ExecutionException e) {
            throw new DiameterException("peer " + host + ": " + rootMessage(e), e.getCause());
        }
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Sends with the node's default request timeout. */
    public CompletableFuture<DiameterMessage> send(DiameterMessage request) {
        return send(request, config.requestTimeout());
    }

    /**
     * Sends a request to the peer chosen by {@link Routing}. The future always completes, on the
     * callback executor: with the answer, {@link org.diameter4j.peer.RequestTimeoutException},
     * {@link NoRouteException}, or another {@link DiameterException} saying why.
     *
     * <p><b>The request is completed in place</b> (no copy is made, so sending allocates nothing
     * per request): Origin-Host and Origin-Realm are added when missing (RFC 6733 §6.1),
     * Origin-State-Id when configured and the command's grammar has it (§8.16), Destination-Realm
     * of the chosen peer when missing and the command is not a base protocol one (M-09), and the
     * Hop-by-Hop and End-to-End Identifiers are set (§3). From the call until the future completes
     * the message belongs to the node: do not change it or send it again; to resend after a
     * failure, use {@link #retransmit}.
     */
    public CompletableFuture<DiameterMessage> send(DiameterMessage request, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new DiameterException("the node is closed"));
        }
        return sender.send(request, timeout);
    }

    /**
     * Sends to one peer, bypassing routing; the request is completed in place as by {@link
     * #send(DiameterMessage, Duration)}.
     */
    public CompletableFuture<DiameterMessage> send(
            String peerHost, DiameterMessage request, Duration timeout) {
        return sender.send(peerHost, request, timeout);
    }

    /**
     * Sends a request again to a chosen peer after a failure (RFC 6733 §5.5.4; RFC 4006 §5.5
     * failover): the T flag set, the End-to-End identifier kept, a new Hop-by-Hop identifier.
     */
    public CompletableFuture<DiameterMessage> retransmit(
            String peerHost, DiameterMessage request, Duration timeout) {
        request.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
        return send(peerHost, request, timeout);
    }

    CompletableFuture<DiameterMessage> observe(
            Peer p, DiameterMessage request, CompletableFuture<DiameterMessage> f) {
        return sender.observe(p, request, f);
    }

    // ---- answering ----------------------------------------------------------------------------

    CompletableFuture<DiameterMessage> serve(Peer peer, DiameterMessage req) {
        return dispatch.serve(peer, req);
    }

    static String text(Avp a) {
        try {
            return a == null ? null : a.asUtf8();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean inRouteRecord(Peer p, DiameterMessage req) {
        return Relay.routeRecordHas(req, p.name());
    }

    static CompletableFuture<DiameterMessage> done(DiameterMessage m) {
        return CompletableFuture.completedFuture(m);
    }

    // ---- closing ------------------------------------------------------------------------------

    /**
     * Sends DPR (REBOOTING) to every open peer, waits for the DPAs (bounded), closes everything.
     */
    @Override
    public void close() {
        close(DisconnectCause.REBOOTING);
    }

    public void close(DisconnectCause cause) {
        if (closed) {
            return;
        }
        closed = true;
        for (Listener l : bound) {
            l.close();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        long wait = 1_000;
        for (Peer p : peers.values()) {
            stops.add(p.stop(cause));
            wait = Math.max(wait, p.config().dpaTimeout().toMillis() + 1_000);
        }
        try {
            CompletableFuture.allOf(stops.toArray(new CompletableFuture[0]))
                    .get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.INFO, "closing: some peers did not answer the DPR in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.DEBUG, "closing: " + rootMessage(e));
        }
        transport.close();
        if (ownedCallbacks != null) {
            ownedCallbacks.shutdown();
        }
    }

    boolean debugging(Peer peer) {
        return !debugPeers.isEmpty() && debugPeers.contains(key(peer.name()));
    }

    List<Peer> sortedPeers() {
        return table.sorted();
    }
}
