package org.diameter4j.peer.internal;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.peer.Timers;

/** {@link Timers} on a Netty event loop: the peer's thread. */
final class NettyTimers implements Timers {
    private final EventLoop loop;

    NettyTimers(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public Timer schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> f = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
