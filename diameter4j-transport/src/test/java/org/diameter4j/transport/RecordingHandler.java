package org.diameter4j.transport;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;

/** Records what a connection reports; checks that callbacks run on the connection's loop. */
class RecordingHandler implements ConnectionHandler {
    final BlockingQueue<DiameterMessage> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<DecodeFailure> malformed = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> closed = new CompletableFuture<>();
    final AtomicInteger closedCalls = new AtomicInteger();
    final AtomicInteger wrongThread = new AtomicInteger();
    volatile BiConsumer<Connection, DiameterMessage> onMessage = (c, m) -> {};

    @Override
    public void onMessage(Connection c, DiameterMessage m) {
        checkThread(c);
        messages.add(m);
        onMessage.accept(c, m);
    }

    @Override
    public void onMalformed(Connection c, DecodeFailure f) {
        checkThread(c);
        malformed.add(f);
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        checkThread(c);
        closedCalls.incrementAndGet();
        closed.complete(cause);
    }

    DiameterMessage next() throws InterruptedException {
        DiameterMessage m = messages.poll(5, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within 5 s");
        }
        return m;
    }

    DecodeFailure nextMalformed() throws InterruptedException {
        DecodeFailure f = malformed.poll(5, TimeUnit.SECONDS);
        if (f == null) {
            throw new AssertionError("no malformed report within 5 s");
        }
        return f;
    }

    Throwable awaitClosed() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    private void checkThread(Connection c) {
        if (!c.eventLoop().inEventLoop()) {
            wrongThread.incrementAndGet();
        }
    }
}
