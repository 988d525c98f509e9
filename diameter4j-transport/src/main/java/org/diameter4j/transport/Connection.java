package org.diameter4j.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.diameter4j.codec.DiameterMessage;

/**
 * One transport connection to a Diameter peer (RFC 6733 §2.1): TCP or SCTP, plain or TLS (§13).
 *
 * <p>Its channel and its {@link ConnectionHandler} share {@link #eventLoop()}: everything that
 * touches the connection's state runs there; public methods may be called from any thread and hop
 * to the loop when needed.
 */
public final class Connection {
    /** Bound on how long {@link #close()} waits for unwritten data before closing anyway. */
    static final long CLOSE_LINGER_MILLIS = 2_000;

    private final Channel channel;
    private final TransportProtocol protocol;
    private final EventLoop loop;
    private final Transport transport;
    private volatile ConnectionHandler handler;
    private volatile InetSocketAddress localAddress;
    private volatile InetSocketAddress remoteAddress;

    /**
     * Writes of one turn leave in one flush, but not more than this many: with many requests in
     * flight a whole read batch (hundreds of messages) answered then flushed at the turn's end
     * makes the two peers take turns — one works while the other waits — and neither uses its core
     * (issue 10: both at ~60 %). Flushing every few dozen lets the peer start on the first answers
     * while the rest are made, for one syscall per this many messages.
     */
    static final int FLUSH_EVERY = 32;

    // Confined to the channel's event loop.
    private boolean flushScheduled;
    private int unflushed;
    private ChannelFuture lastWrite;
    private final Runnable flushTask = this::flushNow;

    Connection(
            Channel channel,
            TransportProtocol protocol,
            EventLoop loop,
            Transport transport,
            ConnectionHandler handler) {
        this.channel = channel;
        this.protocol = protocol;
        this.loop = loop;
        this.transport = transport;
        this.handler = handler;
    }

    /**
     * Encodes and writes {@code m}. Writes made during one event-loop turn leave in one flush (one
     * per {@link #FLUSH_EVERY} when there are more): the first write of a turn schedules a single
     * flush task at the end of the loop's task queue, so a lone message is never held beyond the
     * current turn. From another thread the write hops to the loop (in call order). The future
     * completes when the bytes were written to the socket, or fails (closed channel, encoding
     * error).
     */
    public CompletableFuture<Void> send(DiameterMessage m) {
        if (m == null) {
            throw new IllegalArgumentException("message must not be null");
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        EventLoop el = channel.eventLoop();
        if (el.inEventLoop()) {
            write(m, done);
        } else {
            try {
                el.execute(() -> write(m, done));
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(e);
            }
        }
        return done;
    }

    private void write(DiameterMessage m, CompletableFuture<Void> done) {
        io.netty.channel.ChannelOutboundBuffer unsent = channel.unsafe().outboundBuffer();
        long max = transport.config().maxUnsentBytes();
        if (unsent != null && unsent.totalPendingWriteBytes() > max) {
            // The last bound on memory; a peer that stops reading is normally closed earlier, by
            // the
            // write-stall timeout (ConnectionInboundHandler).
            java.io.IOException e =
                    new java.io.IOException(
                            "the peer does not read: more than "
                                    + (max >> 20)
                                    + " MiB wait unsent to it; closing the connection");
            done.completeExceptionally(e);
            if (channel.isOpen()) {
                channel.pipeline().fireExceptionCaught(e);
            }
            return;
        }
        ChannelPromise p = channel.newPromise();
        p.addListener(
                f -> {
                    if (f.isSuccess()) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(f.cause());
                    }
                });
        lastWrite = p;
        channel.write(m, p);
        if (++unflushed >= FLUSH_EVERY) {
            unflushed = 0;
            channel.flush(); // the scheduled flush, if any, still takes the rest of the turn
            return;
        }
        if (!flushScheduled) {
            flushScheduled = true;
            try {
                channel.eventLoop().execute(flushTask);
            } catch (RejectedExecutionException e) { // the loop is shutting down: flush now
                flushNow();
            }
        }
    }

    private void flushNow() {
        flushScheduled = false;
        unflushed = 0;
        channel.flush();
    }

    /** The real local address of the socket (never the wildcard): the source of Host-IP-Address. */
    public InetSocketAddress localAddress() {
        InetSocketAddress a = localAddress;
        return a != null ? a : (InetSocketAddress) channel.localAddress();
    }

    public InetSocketAddress remoteAddress() {
        InetSocketAddress a = remoteAddress;
        return a != null ? a : (InetSocketAddress) channel.remoteAddress();
    }

    Transport transport() {
        return transport;
    }

    /** The loop on which the handler is called; the one given to {@link Transport#connect}. */
    public EventLoop eventLoop() {
        return loop;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Set while the user of the connection holds reading back ({@link #pauseReading}). */
    private volatile boolean readingPaused;

    /** Set by the inbound handler while a responder waits for its output to drain. */
    volatile boolean writabilityPaused;

    /**
     * Stops (true) or resumes (false) reading from the peer, for back-pressure of the layer above:
     * a node whose handlers have too many of this peer's requests in hand stops taking more, as it
     * does when its answers cannot leave. Reading resumes only when neither holds it back.
     */
    public void pauseReading(boolean pause) {
        readingPaused = pause;
        EventLoop el = channel.eventLoop();
        Runnable apply = () -> channel.config().setAutoRead(!readingPaused && !writabilityPaused);
        if (el.inEventLoop()) {
            apply.run();
        } else {
            el.execute(apply);
        }
    }

    boolean readingPaused() {
        return readingPaused;
    }

    /**
     * False while more than Netty's write-buffer high-water mark (64 KiB) is waiting to be written
     * (the peer reads slower than we send); true again below the low-water mark. A sender that
     * wants back-pressure checks it before sending more.
     */
    public boolean isWritable() {
        return channel.isWritable();
    }

    public TransportProtocol protocol() {
        return protocol;
    }

    /** True once TLS is set up on the connection: from the start, or after {@link #startTls}. */
    public boolean isTls() {
        return channel.pipeline().get(SslHandler.class) != null;
    }

    /** The peer's certificate chain (peer first) once the TLS handshake succeeded; else empty. */
    public List<X509Certificate> peerCertificates() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
            return List.copyOf(out);
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    /**
     * In-band TLS after the capabilities exchange (RFC 3588 §13 and the Inband-Security-Id AVP,
     * value TLS (1), RFC 6733 §6.10): both peers offered TLS in CER/CEA, then TLS starts on the
     * same connection.
     *
     * <p>{@code client = true}: the CER sender, after it received the CEA; the handshake starts at
     * once. {@code client = false}: the CER receiver, which calls this <em>before</em> sending its
     * CEA; the CEA (and whatever else is written in the same turn) leaves in plaintext, and the
     * handshake follows when the client starts it.
     *
     * <p>The future completes when the handshake succeeds; when it fails the future fails with the
     * TLS exception and the connection closes. Not for SCTP (RFC 6733 §13 asks for DTLS there).
     */
    public CompletableFuture<Void> startTls(TlsConfig tls, boolean client) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (protocol != TransportProtocol.TCP) {
            done.completeExceptionally(
                    new UnsupportedOperationException(
                            "TLS over SCTP needs DTLS (RFC 6733 §13), which is not supported: "
                                    + this));
            return done;
        }
        SslContext ctx;
        try {
            ctx = client ? transport.clientContext(tls) : transport.serverContext(tls);
        } catch (IllegalArgumentException e) {
            done.completeExceptionally(e);
            return done;
        }
        Runnable start =
                () -> {
                    if (!channel.isActive()) {
                        done.completeExceptionally(
                                new IllegalStateException("connection is closed: " + this));
                        return;
                    }
                    if (isTls()) {
                        done.completeExceptionally(
                                new IllegalStateException("TLS is already active: " + this));
                        return;
                    }
                    SslHandler ssl =
                            TlsHandlers.newHandler(
                                    ctx,
                                    channel,
                                    remoteAddress(),
                                    !client,
                                    transport.handshakeTimeoutMillis());
                    channel.pipeline().addBefore(PipelineNames.FRAMER, PipelineNames.TLS, ssl);
                    ssl.handshakeFuture()
                            .addListener(
                                    f -> {
                                        if (f.isSuccess()) {
                                            done.complete(null);
                                        } else {
                                            done.completeExceptionally(
                                                    TlsHandlers.unwrap(f.cause()));
                                            channel.close();
                                        }
                                    });
                };
        EventLoop el = channel.eventLoop();
        if (el.inEventLoop()) {
            start.run();
        } else {
            try {
                el.execute(start);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(e);
            }
        }
        return done;
    }

    /**
     * Orderly close: pending writes are flushed, the socket is closed once they were written (after
     * at most 2 s), with a TLS close_notify when TLS is up. {@link ConnectionHandler#onClosed}
     * follows with a null cause.
     */
    public void close() {
        EventLoop el = channel.eventLoop();
        if (el.inEventLoop()) {
            closeNow();
        } else {
            try {
                el.execute(this::closeNow);
            } catch (RejectedExecutionException e) {
                channel.close();
            }
        }
    }

    private void closeNow() {
        if (!channel.isOpen()) {
            return;
        }
        if (flushScheduled) {
            flushNow();
        }
        ChannelFuture last = lastWrite;
        if (last == null || last.isDone()) {
            channel.close();
        } else {
            last.addListener(f -> channel.close());
            channel.eventLoop()
                    .schedule(
                            () -> {
                                channel.close();
                            },
                            CLOSE_LINGER_MILLIS,
                            TimeUnit.MILLISECONDS);
        }
    }

    /** "tcp 127.0.0.1:41234->127.0.0.1:3868", with " tls" when TLS is up. */
    @Override
    public String toString() {
        return protocol.label()
                + " "
                + format(localAddress())
                + "->"
                + format(remoteAddress())
                + (isTls() ? " tls" : "");
    }

    private static String format(SocketAddress a) {
        return a instanceof InetSocketAddress i && !i.isUnresolved()
                ? NetUtil.toSocketAddressString(i)
                : String.valueOf(a);
    }

    // ---- package-private: for the transport and the pipeline ---------------------------------

    Channel channel() {
        return channel;
    }

    ConnectionHandler handler() {
        return handler;
    }

    void handler(ConnectionHandler h) {
        this.handler = h;
    }

    /** Remembers the addresses so that they can still be read after the close. */
    void captureAddresses() {
        if (channel.localAddress() instanceof InetSocketAddress l) {
            localAddress = l;
        }
        if (channel.remoteAddress() instanceof InetSocketAddress r) {
            remoteAddress = r;
        }
    }

    /** Runs {@code r} on the handler's loop: directly when the channel lives there, else hops. */
    void dispatch(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }
}
