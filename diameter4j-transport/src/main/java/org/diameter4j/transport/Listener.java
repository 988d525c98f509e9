package org.diameter4j.transport;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * A listening socket made by {@link Transport#listen}. Closing it stops accepting; connections
 * already accepted stay open (close them, or the {@link Transport}).
 */
public final class Listener implements AutoCloseable {
    private final Channel channel;
    private final TransportProtocol protocol;
    private final InetSocketAddress localAddress;

    Listener(Channel channel, TransportProtocol protocol) {
        this.channel = channel;
        this.protocol = protocol;
        this.localAddress = (InetSocketAddress) channel.localAddress();
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public TransportProtocol protocol() {
        return protocol;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Stops listening; waits (at most 2 s) unless called on an event loop. */
    @Override
    public void close() {
        var f = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            f.awaitUninterruptibly(2_000);
        }
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return protocol.label()
                + " listener "
                + io.netty.util.NetUtil.toSocketAddressString(localAddress);
    }
}
