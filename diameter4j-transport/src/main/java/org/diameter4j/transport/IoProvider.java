package org.diameter4j.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/** The I/O implementation: Linux epoll when available and wanted, Java NIO otherwise. */
record IoProvider(
        String kind,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends ServerChannel> serverChannel) {

    static final IoProvider EPOLL =
            new IoProvider("epoll", EpollSocketChannel.class, EpollServerSocketChannel.class);
    static final IoProvider NIO =
            new IoProvider("nio", NioSocketChannel.class, NioServerSocketChannel.class);

    static IoProvider choose(boolean preferNative) {
        if (preferNative && epollAvailable()) {
            return EPOLL;
        }
        return NIO;
    }

    EventLoopGroup newGroup(int threads, ThreadFactory factory) {
        return this == EPOLL
                ? new EpollEventLoopGroup(threads, factory)
                : new NioEventLoopGroup(threads, factory);
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable t) { // a class or native library that does not load: no epoll
            return false;
        }
    }
}
