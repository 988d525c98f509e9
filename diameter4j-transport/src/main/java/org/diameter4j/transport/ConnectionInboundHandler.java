package org.diameter4j.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;

/**
 * The last inbound handler of a connection: turns decoded frames and channel events into {@link
 * ConnectionHandler} calls. Nothing escapes into the pipeline: an exception thrown by a callback is
 * logged once and closes the connection; an I/O or TLS exception closes it too; either becomes the
 * cause given to {@link ConnectionHandler#onClosed}, which is called exactly once.
 */
final class ConnectionInboundHandler extends ChannelInboundHandlerAdapter {
    static final System.Logger LOG = System.getLogger("org.diameter4j.transport");

    private final Connection conn;
    private long writabilityChanges; // event-loop only

    /**
     * Server side: asked for the handler when the channel becomes active; null on the client side.
     */
    private final Function<Connection, ConnectionHandler> acceptor;

    /** Whether the connection was handed to the layer above (and so is owed an onClosed). */
    private boolean delivered;

    private boolean closedReported;
    private Throwable cause;

    ConnectionInboundHandler(Connection conn, Function<Connection, ConnectionHandler> acceptor) {
        this.conn = conn;
        this.acceptor = acceptor;
    }

    /** Client side: the connect future is about to complete; called on the channel's loop. */
    void markDelivered() {
        delivered = true;
    }

    /** The exception that is closing the connection, or null. */
    Throwable cause() {
        return cause;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        conn.captureAddresses();
        if (acceptor != null) {
            delivered = true;
            conn.dispatch(
                    () -> {
                        ConnectionHandler h;
                        try {
                            h = acceptor.apply(conn);
                        } catch (RuntimeException | Error e) {
                            failed("the acceptor", e);
                            return;
                        }
                        if (h == null) {
                            LOG.log(Level.DEBUG, "acceptor refused {0}", conn);
                            conn.channel().close();
                            return;
                        }
                        conn.handler(h);
                    });
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!ctx.channel().isActive()) {
            // Closed locally (close(), a callback failure, a fatal frame) while the rest of a read
            // was still being decoded: nothing more is delivered, onClosed comes next.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof DiameterMessage m) {
            conn.dispatch(
                    () -> {
                        ConnectionHandler h = conn.handler();
                        if (h == null) {
                            return; // refused or failed acceptor: the channel is closing
                        }
                        try {
                            h.onMessage(conn, m);
                        } catch (RuntimeException | Error e) {
                            failed("onMessage", e);
                        }
                    });
        } else if (msg instanceof DecodeFailure f) {
            conn.dispatch(
                    () -> {
                        ConnectionHandler h = conn.handler();
                        if (h != null) {
                            try {
                                h.onMalformed(conn, f);
                            } catch (RuntimeException | Error e) {
                                failed("onMalformed", e);
                                return;
                            }
                        }
                        if (f.fatal()) {
                            closeWith(new FramingLostException(f));
                        }
                    });
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * Back-pressure on connections we accepted: while more than the write-buffer high-water mark
     * (64 KiB) of our output waits for a peer that does not read, stop reading its requests (each
     * would add an answer to that buffer); read again once the buffer drains below the low-water
     * mark. A peer that never reads thus costs a bounded amount of memory, and it stops answering
     * DWRs, so the watchdog (RFC 3539, RFC 6733 §5.5) closes the connection.
     *
     * <p>Only the responder side pauses. If both sides did, a client whose own requests filled its
     * buffer would stop reading answers while the server, unable to send them, stopped reading
     * requests: each would wait for the other for ever. The initiator keeps reading, so every
     * connection can always drain. On either side a connection whose output stays undrained for the
     * write-stall timeout is closed, and {@link Connection} caps what may wait unsent.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        boolean writable = ctx.channel().isWritable();
        if (acceptor != null) {
            conn.writabilityPaused = !writable;
            ctx.channel().config().setAutoRead(writable && !conn.readingPaused());
        }
        // A peer that leaves our output undrained for the stall timeout does not read: close it.
        long episode = ++writabilityChanges;
        if (!writable) {
            long stallMillis = conn.transport().config().writeStallTimeout().toMillis();
            ctx.executor()
                    .schedule(
                            () -> {
                                if (writabilityChanges == episode
                                        && !ctx.channel().isWritable()
                                        && ctx.channel().isOpen()) {
                                    exceptionCaught(
                                            ctx,
                                            new java.io.IOException(
                                                    "the peer has not read for "
                                                            + stallMillis / 1000.0
                                                            + " s (our output to it is stalled); closing the connection"));
                                }
                            },
                            stallMillis,
                            java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        LOG.log(
                Level.DEBUG,
                () ->
                        (writable ? "resuming" : "pausing")
                                + " reads on "
                                + conn
                                + " (back-pressure)");
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess() && cause == null) {
            cause = TlsHandlers.unwrap(e.cause());
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
        Throwable c = TlsHandlers.unwrap(t);
        LOG.log(Level.DEBUG, () -> "closing " + conn + ": " + c);
        closeWith(c);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (delivered && !closedReported) {
            closedReported = true;
            Throwable c = cause;
            conn.dispatch(
                    () -> {
                        ConnectionHandler h = conn.handler();
                        if (h == null) {
                            return;
                        }
                        try {
                            h.onClosed(conn, c);
                        } catch (RuntimeException | Error e) {
                            LOG.log(Level.WARNING, "onClosed of " + conn + " threw", e);
                        }
                    });
        }
        ctx.fireChannelInactive();
    }

    /** A callback threw: log once, close with that cause. Runs on the handler's loop. */
    private void failed(String where, Throwable e) {
        LOG.log(Level.WARNING, where + " of " + conn + " threw; closing the connection", e);
        closeWith(e);
    }

    private void closeWith(Throwable t) {
        if (conn.channel().eventLoop().inEventLoop()) {
            if (cause == null) {
                cause = t;
            }
            conn.channel().close();
        } else {
            conn.channel().eventLoop().execute(() -> closeWith(t));
        }
    }
}
