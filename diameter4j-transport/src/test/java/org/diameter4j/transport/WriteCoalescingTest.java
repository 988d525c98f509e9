package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.diameter4j.codec.DecodeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class WriteCoalescingTest {
    private final Transport transport =
            Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT));
    private final RecordingHandler server = new RecordingHandler();
    private final AtomicInteger flushes = new AtomicInteger();
    private Connection client;

    @BeforeEach
    void connect() throws Exception {
        Listener l =
                transport
                        .listen(
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportProtocol.TCP,
                                null,
                                c -> server)
                        .get(5, TimeUnit.SECONDS);
        client =
                transport
                        .connect(
                                l.localAddress(),
                                null,
                                TransportProtocol.TCP,
                                null,
                                transport.eventLoops().next(),
                                new RecordingHandler())
                        .get(5, TimeUnit.SECONDS);
        // Counts the flushes that reach the socket.
        client.channel()
                .pipeline()
                .addFirst(
                        "flush-counter",
                        new ChannelOutboundHandlerAdapter() {
                            @Override
                            public void flush(ChannelHandlerContext ctx) {
                                flushes.incrementAndGet();
                                ctx.flush();
                            }
                        });
    }

    @AfterEach
    void close() {
        transport.close();
    }

    /**
     * One flush per {@link Connection#FLUSH_EVERY} writes of a turn, and one for the rest: few
     * syscalls, yet the peer gets the first answers of a large batch while the rest are made.
     */
    @Test
    void thousandSendsInOneTurnLeaveInOneFlushPerFlushEveryAndInOrder() throws Exception {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        client.eventLoop()
                .submit(
                        () -> {
                            for (int i = 0; i < 1000; i++) {
                                sent.add(client.send(Messages.dwr(i)));
                            }
                        })
                .get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
            assertThat(server.next().hopByHop()).isEqualTo(i);
        }
        int perBatch = 1000 / Connection.FLUSH_EVERY;
        assertThat(flushes.get()).isBetween(perBatch, perBatch + 2);
    }

    @Test
    void aLoneSendLeavesAtOnce() throws Exception {
        long t0 = System.nanoTime();
        client.send(Messages.dwr(42)); // from the test thread: hops to the loop
        assertThat(server.messages.poll(2, TimeUnit.SECONDS)).isNotNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_000);
        assertThat(flushes.get()).isEqualTo(1);
    }

    @Test
    void sendsFromManyThreadsAllArrive() throws Exception {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 100;
            threads[t] =
                    new Thread(
                            () -> {
                                for (int i = 0; i < 100; i++) {
                                    CompletableFuture<Void> f = client.send(Messages.dwr(base + i));
                                    synchronized (sent) {
                                        sent.add(f);
                                    }
                                }
                            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(5_000);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        int[] lastPerThread = {-1, -1, -1, -1};
        for (int i = 0; i < 400; i++) {
            int id = server.next().hopByHop();
            assertThat(id % 100).isGreaterThan(lastPerThread[id / 100]); // per-thread order kept
            lastPerThread[id / 100] = id % 100;
        }
        assertThat(flushes.get()).isLessThanOrEqualTo(400);
    }

    @Test
    void closeFlushesPendingWrites() throws Exception {
        client.eventLoop()
                .submit(
                        () -> {
                            for (int i = 0; i < 10; i++) {
                                client.send(Messages.dwr(i));
                            }
                            client.close(); // in the same turn as the writes
                        })
                .get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            assertThat(server.next().hopByHop()).isEqualTo(i);
        }
        assertThat(server.awaitClosed()).isNull();
    }
}
