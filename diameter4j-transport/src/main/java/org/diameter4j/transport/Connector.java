package org.diameter4j.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.sctp.SctpChannelOption;
import io.netty.channel.sctp.nio.NioSctpChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;

/**
 * One outgoing connect (RFC 6733 §2.1): TCP or SCTP connect, then with TLS the handshake (§13),
 * then the connection is handed over through {@link #result}. Failures complete the future with the
 * underlying exception.
 */
final class Connector extends ChannelInitializer<Channel> {
    private final Transport transport;
    private final InetSocketAddress remote;
    private final TransportProtocol protocol;
    private final EventLoop userLoop;
    private final ConnectionHandler handler;
    private final SslContext ssl;
    final CompletableFuture<Connection> result = new CompletableFuture<>();

    // Set in initChannel, on the channel's loop, before the connect completes.
    private Connection connection;
    private ConnectionInboundHandler inbound;

    Connector(
            Transport transport,
            InetSocketAddress remote,
            TransportProtocol protocol,
            EventLoop userLoop,
            ConnectionHandler handler,
            SslContext ssl) {
        this.transport = transport;
        this.remote = remote;
        this.protocol = protocol;
        this.userLoop = userLoop;
        this.handler = handler;
        this.ssl = ssl;
    }

    /** Starts the connect on {@code channelLoop}, bound to {@code local} when not null. */
    void start(EventLoop channelLoop, InetSocketAddress local) {
        Bootstrap b =
                new Bootstrap()
                        .group(channelLoop)
                        .option(
                                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                                transport.connectTimeoutMillis())
                        .handler(this);
        if (protocol == TransportProtocol.TCP) {
            b.channel(transport.io().socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true);
        } else {
            b.channel(NioSctpChannel.class).option(SctpChannelOption.SCTP_NODELAY, true);
        }
        ChannelFuture cf = local == null ? b.connect(remote) : b.connect(remote, local);
        cf.addListener(f -> connected(cf));
    }

    @Override
    protected void initChannel(Channel ch) {
        connection = new Connection(ch, protocol, userLoop, transport, handler);
        transport.track(connection);
        inbound =
                ConnectionPipeline.init(
                        ch.pipeline(),
                        connection,
                        transport.decoder(),
                        ssl,
                        remote,
                        transport.handshakeTimeoutMillis(),
                        null);
    }

    private void connected(ChannelFuture cf) {
        if (!cf.isSuccess()) {
            result.completeExceptionally(cf.cause());
            return;
        }
        SslHandler tls = cf.channel().pipeline().get(SslHandler.class);
        if (tls == null) {
            deliver(cf.channel());
            return;
        }
        tls.handshakeFuture()
                .addListener(
                        h -> {
                            if (h.isSuccess()) {
                                deliver(cf.channel());
                            } else {
                                result.completeExceptionally(TlsHandlers.unwrap(h.cause()));
                                cf.channel().close();
                            }
                        });
    }

    /** Hands the connection over; on the channel's loop, so no close can slip in between. */
    private void deliver(Channel ch) {
        if (connection == null || !ch.isActive()) {
            Throwable cause = inbound == null ? null : inbound.cause();
            result.completeExceptionally(cause != null ? cause : new ClosedChannelException());
            return;
        }
        inbound.markDelivered();
        result.complete(connection);
    }
}
