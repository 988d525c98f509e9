package org.diameter4j.transport;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.diameter4j.codec.MessageDecoder;

/**
 * The Diameter transport layer (RFC 6733 §2.1): TCP or SCTP connections, plain or with TLS at
 * connect (§13) or in-band after CER/CEA (RFC 3588 §13, Inband-Security-Id), over Netty with Linux
 * epoll when available and Java NIO otherwise.
 *
 * <p>One instance owns one group of event loops ({@link #eventLoops()}); a peer picks a loop with
 * {@code eventLoops().next()} and connects on it, so that its state machine and its channel share a
 * thread. Thread-safe.
 *
 * <p>SCTP runs on NIO channels only: when this transport uses epoll, SCTP channels live on a
 * separate NIO loop and the {@link ConnectionHandler} is still called on the loop that was asked
 * for ({@link Connection#eventLoop()}).
 */
public final class Transport implements AutoCloseable {
    private static final long CLOSE_BUDGET_MILLIS = 5_000;

    private final TransportConfig config;
    private final IoProvider io;
    private final EventLoopGroup workers;
    private final MessageDecoder decoder;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Map<TlsConfig, SslContext> clientContexts = new ConcurrentHashMap<>();
    private final Map<TlsConfig, SslContext> serverContexts = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile EventLoopGroup sctpLoops;

    private Transport(TransportConfig config) {
        this.config = config;
        this.io = IoProvider.choose(config.preferNative());
        this.workers =
                io.newGroup(
                        config.ioThreads(), new DefaultThreadFactory("diameter4j-" + io.kind()));
        this.decoder = new MessageDecoder(config.decodeOptions());
    }

    public static Transport create(TransportConfig config) {
        return new Transport(Objects.requireNonNull(config, "config"));
    }

    public TransportConfig config() {
        return config;
    }

    /** "epoll" or "nio". */
    public String ioKind() {
        return io.kind();
    }

    /** The worker loops; a peer picks one with {@code next()} and passes it to {@link #connect}. */
    public EventLoopGroup eventLoops() {
        return workers;
    }

    /**
     * Connects to {@code remote}.
     *
     * @param local address to bind to, or null (the OS chooses); one that this machine does not
     *     have fails at once with a {@link BindException} naming it
     * @param tls null: plain; else the TLS handshake follows the TCP connect (RFC 6733 §13) and the
     *     future completes after it. TLS over SCTP (DTLS) is not supported.
     * @param loop the loop the handler is called on (and, for TCP, the channel's); null = any
     * @return completes with the connection; fails with the underlying exception: {@link
     *     java.net.ConnectException}, {@link io.netty.channel.ConnectTimeoutException}, {@link
     *     javax.net.ssl.SSLHandshakeException}, {@link BindException}, {@link
     *     UnsupportedOperationException} ("SCTP is not available on this system: …"), or {@link
     *     IllegalArgumentException} for unusable TLS settings
     */
    public CompletableFuture<Connection> connect(
            InetSocketAddress remote,
            InetSocketAddress local,
            TransportProtocol protocol,
            TlsConfig tls,
            EventLoop loop,
            ConnectionHandler handler) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(handler, "handler");
        EventLoop userLoop = loop != null ? loop : workers.next();
        try {
            checkOpen();
            if (remote.isUnresolved()) {
                throw new IllegalArgumentException("remote address must be resolved: " + remote);
            }
            if (local != null) {
                BindException bad = LocalAddresses.check(local);
                if (bad != null) {
                    throw bad;
                }
            }
            SslContext ssl = tls == null ? null : clientContext(checkTlsProtocol(tls, protocol));
            EventLoop channelLoop = channelLoop(protocol, userLoop);
            Connector connector = new Connector(this, remote, protocol, userLoop, handler, ssl);
            connector.start(channelLoop, local);
            return connector.result;
        } catch (BindException
                | IllegalArgumentException
                | IllegalStateException
                | UnsupportedOperationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Listens on {@code address}. Each accepted connection is given to {@code acceptor}, on the
     * loop of the new connection before anything is read; it returns the connection's handler, or
     * null to refuse it (the connection is closed).
     *
     * <p>With {@code tls}, TLS starts with the first byte (RFC 6733 §13). The acceptor is still
     * called when the connection is accepted, before the handshake: {@link Connection#isTls()} is
     * true, {@link Connection#peerCertificates()} is filled once the handshake is done (before the
     * first message arrives), and a failed handshake ends in {@link ConnectionHandler#onClosed}
     * with the TLS exception.
     *
     * @return completes when bound; fails with a {@link BindException} naming the address, {@link
     *     UnsupportedOperationException} ("SCTP is not available on this system: …") or {@link
     *     IllegalArgumentException} (unusable TLS settings)
     */
    public CompletableFuture<Listener> listen(
            InetSocketAddress address,
            TransportProtocol protocol,
            TlsConfig tls,
            Function<Connection, ConnectionHandler> acceptor) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(acceptor, "acceptor");
        try {
            checkOpen();
            SslContext ssl = tls == null ? null : serverContext(checkTlsProtocol(tls, protocol));
            if (protocol == TransportProtocol.SCTP) {
                String why = SctpSupport.unavailableReason();
                if (why != null) {
                    throw SctpSupport.unavailable(why);
                }
            }
            return new ListenerStarter(this, protocol, ssl, acceptor).bind(address);
        } catch (IllegalArgumentException
                | IllegalStateException
                | UnsupportedOperationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Closes the listeners, then the connections (orderly: pending writes are flushed), then shuts
     * the event loops down; waits at most 5 s in all (does not wait when called on one of its
     * loops).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MILLIS);
        EventLoopGroup sctp = sctpLoops;
        boolean wait = !inLoop(workers) && (sctp == null || !inLoop(sctp));
        List<ChannelFuture> stopping = new ArrayList<>();
        for (Listener l : listeners) {
            stopping.add(l.channel().close());
        }
        if (wait) {
            for (ChannelFuture f : stopping) {
                f.awaitUninterruptibly(remainingMillis(deadline, 1_000));
            }
            // Connections accepted just before the listeners closed may still be registering:
            // one task round on every loop lets them register, so that they are closed below.
            barrier(workers, deadline);
            if (sctp != null) {
                barrier(sctp, deadline);
            }
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (Connection c : connections) {
            c.close();
            closing.add(c.channel().closeFuture());
        }
        if (wait) {
            for (ChannelFuture f : closing) {
                f.awaitUninterruptibly(remainingMillis(deadline, 1_000));
            }
        }
        List<Future<?>> terminations = new ArrayList<>();
        terminations.add(workers.shutdownGracefully(0, 1, TimeUnit.SECONDS));
        if (sctp != null) {
            terminations.add(sctp.shutdownGracefully(0, 1, TimeUnit.SECONDS));
        }
        if (wait) {
            for (Future<?> f : terminations) {
                f.awaitUninterruptibly(remainingMillis(deadline, 0));
            }
        }
    }

    // ---- package-private ------------------------------------------------------------------------

    SslContext clientContext(TlsConfig tls) {
        return clientContexts.computeIfAbsent(
                Objects.requireNonNull(tls, "tls"), SslContexts::client);
    }

    SslContext serverContext(TlsConfig tls) {
        return serverContexts.computeIfAbsent(
                Objects.requireNonNull(tls, "tls"), SslContexts::server);
    }

    long handshakeTimeoutMillis() {
        return config.connectTimeout().toMillis();
    }

    // ---- internals ------------------------------------------------------------------------------

    IoProvider io() {
        return io;
    }

    MessageDecoder decoder() {
        return decoder;
    }

    int connectTimeoutMillis() {
        return (int) config.connectTimeout().toMillis();
    }

    /** Remembers a connection until it closes, so that {@link #close()} can close it. */
    void track(Connection c) {
        connections.add(c);
        c.channel().closeFuture().addListener(f -> connections.remove(c));
        if (closed.get()) {
            c.channel().close();
        }
    }

    void track(Listener l) {
        listeners.add(l);
        l.channel().closeFuture().addListener(f -> listeners.remove(l));
        if (closed.get()) {
            l.channel().close();
        }
    }

    private EventLoop channelLoop(TransportProtocol protocol, EventLoop userLoop) {
        if (protocol == TransportProtocol.TCP) {
            return userLoop;
        }
        String why = SctpSupport.unavailableReason();
        if (why != null) {
            throw SctpSupport.unavailable(why);
        }
        return io == IoProvider.NIO ? userLoop : sctpLoops().next();
    }

    /** NIO loops for SCTP when the workers are epoll loops; made on first use. */
    EventLoopGroup sctpLoops() {
        EventLoopGroup g = sctpLoops;
        if (g == null) {
            synchronized (this) {
                g = sctpLoops;
                if (g == null) {
                    g =
                            new NioEventLoopGroup(
                                    config.ioThreads(),
                                    new DefaultThreadFactory("diameter4j-sctp"));
                    sctpLoops = g;
                }
            }
        }
        return g;
    }

    private static TlsConfig checkTlsProtocol(TlsConfig tls, TransportProtocol protocol) {
        if (protocol != TransportProtocol.TCP) {
            throw new UnsupportedOperationException(
                    "TLS over SCTP needs DTLS (RFC 6733 §13), which is not supported");
        }
        return tls;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the transport is closed");
        }
    }

    private static void barrier(EventLoopGroup group, long deadline) {
        List<Future<?>> rounds = new ArrayList<>();
        for (EventExecutor e : group) {
            rounds.add(e.submit(() -> {}));
        }
        for (Future<?> f : rounds) {
            f.awaitUninterruptibly(remainingMillis(deadline, 500));
        }
    }

    private static boolean inLoop(EventLoopGroup group) {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private static long remainingMillis(long deadlineNanos, long capMillis) {
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        return capMillis > 0 ? Math.min(left, capMillis) : left;
    }
}
