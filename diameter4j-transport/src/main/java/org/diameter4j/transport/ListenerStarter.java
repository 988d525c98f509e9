package org.diameter4j.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.sctp.SctpChannelOption;
import io.netty.channel.sctp.nio.NioSctpServerChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One listening socket (RFC 6733 §2.1): binds, and sets up every accepted connection, whose handler
 * comes from the acceptor when the connection becomes active.
 */
final class ListenerStarter extends ChannelInitializer<Channel> {
    private final Transport transport;
    private final TransportProtocol protocol;
    private final SslContext ssl;
    private final Function<Connection, ConnectionHandler> acceptor;

    /** SCTP on an epoll transport: channels on NIO loops, handlers on the worker loops. */
    private final boolean separateLoops;

    ListenerStarter(
            Transport transport,
            TransportProtocol protocol,
            SslContext ssl,
            Function<Connection, ConnectionHandler> acceptor) {
        this.transport = transport;
        this.protocol = protocol;
        this.ssl = ssl;
        this.acceptor = acceptor;
        this.separateLoops = protocol == TransportProtocol.SCTP && transport.io() != IoProvider.NIO;
    }

    CompletableFuture<Listener> bind(InetSocketAddress address) {
        ServerBootstrap b = new ServerBootstrap().childHandler(this);
        if (protocol == TransportProtocol.TCP) {
            b.group(transport.eventLoops())
                    .channel(transport.io().serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true);
        } else {
            b.group(separateLoops ? transport.sctpLoops() : transport.eventLoops())
                    .channel(NioSctpServerChannel.class)
                    .childOption(SctpChannelOption.SCTP_NODELAY, true);
        }
        CompletableFuture<Listener> result = new CompletableFuture<>();
        ChannelFuture bf = b.bind(address);
        bf.addListener(
                f -> {
                    if (f.isSuccess()) {
                        Listener l = new Listener(bf.channel(), protocol);
                        transport.track(l);
                        result.complete(l);
                    } else {
                        result.completeExceptionally(bindFailure(address, f.cause()));
                    }
                });
        return result;
    }

    @Override
    protected void initChannel(Channel ch) {
        EventLoop userLoop = separateLoops ? transport.eventLoops().next() : ch.eventLoop();
        Connection c = new Connection(ch, protocol, userLoop, transport, null);
        transport.track(c);
        ConnectionPipeline.init(
                ch.pipeline(),
                c,
                transport.decoder(),
                ssl,
                null,
                transport.handshakeTimeoutMillis(),
                acceptor);
    }

    /** A bind failure as a {@link BindException} that names the address. */
    static Throwable bindFailure(InetSocketAddress address, Throwable cause) {
        if (!(cause instanceof IOException)) {
            return cause;
        }
        BindException b =
                new BindException(
                        "cannot listen on "
                                + NetUtil.toSocketAddressString(address)
                                + ": "
                                + cause.getMessage());
        b.initCause(cause);
        return b;
    }
}
