package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A running server node under hostile traffic from raw sockets (garbage, impossible lengths, broken
 * AVPs, deep nesting, bit-flipped requests, slowloris, connect/close storms, a peer that never
 * reads), while a well-behaved client keeps sending CCRs through all of it: every one of its
 * requests must be answered 2001, the server must keep serving and accepting, nothing may escape to
 * Netty's pipeline tail, and the server must not buffer without bound (RFC 6733 §2.1, §3, §4,
 * §5.6.1, §7.2, §7.5).
 *
 * <p>Randomness comes from one seed ({@code -Dhostile.seed=N} to replay), printed in every failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileTrafficTest {
    private static final long SEED = Long.getLong("hostile.seed", System.nanoTime());
    private static final String SERVER = "ocs.example.net";
    private static final Duration CER_TIMEOUT = Duration.ofSeconds(2);
    private static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);
    private static final int CONCURRENCY = 20;
    private static final int RESULT_CODE = 268;

    private final AtomicInteger hostileIds = new AtomicInteger();
    private final Servers.Seen seen = new Servers.Seen();
    private final List<LogRecord> badLogs = new CopyOnWriteArrayList<>();
    private final List<String> clientFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong clientSent = new AtomicLong();
    private final AtomicLong clientOk = new AtomicLong();
    private final AtomicLong clientMaxLatencyMs = new AtomicLong();
    private final AtomicBoolean clientRunning = new AtomicBoolean(true);
    private final List<Thread> clientThreads = new ArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Handler capture =
            new Handler() {
                @Override
                public void publish(LogRecord r) {
                    if (r.getLevel().intValue() < Level.WARNING.intValue()) {
                        return;
                    }
                    String text = String.valueOf(r.getMessage()) + " " + r.getThrown();
                    if (r.getLoggerName() != null && r.getLoggerName().startsWith("io.netty")) {
                        badLogs.add(r); // tail of the pipeline, leaks, anything Netty warns about
                    } else if (text.contains("internal error")
                            || text.contains("threw")
                            || r.getThrown() instanceof Error) {
                        badLogs.add(r);
                    }
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
    private final Logger nettyLog = Logger.getLogger("io.netty");
    private final Logger ourLog = Logger.getLogger("org.diameter4j");

    private DiameterNode server;
    private DiameterNode client;
    private int port;

    @BeforeAll
    void start() throws Exception {
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory)) {
            InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        }
        nettyLog.addHandler(capture);
        ourLog.addHandler(capture);
        // The capture sees what Netty logs (its logger factory is java.util.logging here).
        InternalLoggerFactory.getInstance("io.netty.hostile.selfcheck").warn("self-check");
        assertThat(badLogs).as("Netty's log is not captured").hasSize(1);
        badLogs.clear();
        // Thousands of "malformed message dropped" warnings are expected: captured, not printed.
        ourLog.setUseParentHandlers(false);
        server = Servers.gy(SERVER, seen, b -> b.cerTimeout(CER_TIMEOUT));
        port = Servers.port(server);
        client =
                DiameterNode.start(
                        NodeConfig.builder("good.example.com")
                                .application(ApplicationId.auth(4))
                                .requestTimeout(Duration.ofSeconds(10))
                                .peer(Servers.peer(SERVER, port).build())
                                .build());
        client.awaitReady(SERVER, Duration.ofSeconds(10));
        for (int t = 0; t < 2; t++) {
            Thread th = new Thread(this::wellBehaved, "good-client-" + t);
            th.setDaemon(true);
            th.start();
            clientThreads.add(th);
        }
        TestNet.await(Duration.ofSeconds(5), this::clientState, () -> clientOk.get() >= 10);
    }

    /** The well-behaved client: CCR after CCR, each must come back 2001. */
    private void wellBehaved() {
        while (clientRunning.get()) {
            long t0 = System.nanoTime();
            clientSent.incrementAndGet();
            try {
                DiameterMessage a =
                        client.send(Servers.ccr(client, null, SERVER)).get(15, TimeUnit.SECONDS);
                long rc = Servers.resultCode(a);
                if (rc == 2001) {
                    clientOk.incrementAndGet();
                } else {
                    clientFailures.add("Result-Code " + rc);
                }
            } catch (Exception e) {
                clientFailures.add(e.toString());
            }
            clientMaxLatencyMs.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String clientState() {
        return "seed "
                + SEED
                + ": good client sent "
                + clientSent.get()
                + ", 2001 "
                + clientOk.get()
                + ", max latency "
                + clientMaxLatencyMs.get()
                + " ms, failures "
                + clientFailures;
    }

    @AfterAll
    void stop() throws Exception {
        clientRunning.set(false);
        for (Thread t : clientThreads) {
            t.join(20_000);
        }
        System.out.println("HostileTrafficTest seed " + SEED + " outcomes " + outcomes);
        System.out.println("HostileTrafficTest " + clientState());
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        // Let the leak detector see what the collector finds, then check its log.
        for (int i = 0; i < 5; i++) {
            System.gc();
            PooledByteBufAllocator.DEFAULT.buffer(64).release();
            Thread.sleep(50);
        }
        nettyLog.removeHandler(capture);
        ourLog.removeHandler(capture);
        ourLog.setUseParentHandlers(true);
        assertThat(badLogs)
                .as(
                        "seed %d: warnings from Netty or escaped exceptions: %s",
                        SEED, describe(badLogs))
                .isEmpty();
    }

    // ---- the attacks -----------------------------------------------------------------------

    @Test
    @Order(1)
    @Timeout(10)
    void garbageBeforeAnyCer() throws Exception {
        storm(
                "garbage",
                40,
                rnd -> {
                    try (Socket s = socket()) {
                        byte[] junk = new byte[1 + rnd.nextInt(4096)];
                        rnd.nextBytes(junk);
                        OutputStream out = s.getOutputStream();
                        out.write(junk);
                        int len = junk.length >= 4 ? length(junk) : 0;
                        if (junk.length >= 4 && usable(len) && len > junk.length) {
                            // A plausible length: complete the frame so that it is judged.
                            byte[] rest = new byte[len - junk.length];
                            rnd.nextBytes(rest);
                            out.write(rest);
                        }
                        out.flush();
                        assertClosed(s, "garbage of " + junk.length + " bytes");
                    }
                });
    }

    @Test
    @Order(2)
    @Timeout(10)
    void aHeaderAnnouncing16MegabytesIsRefusedAtOnce() throws Exception {
        storm(
                "16MB",
                40,
                rnd -> {
                    try (Socket s = socket()) {
                        byte[] cer = cer(s, host()).toBytes();
                        cer[1] = (byte) 0xFF;
                        cer[2] = (byte) 0xFF;
                        cer[3] = (byte) 0xFC;
                        OutputStream out = s.getOutputStream();
                        out.write(cer);
                        out.flush();
                        // Keep pushing: nothing must be waited for or allocated for 16 MB.
                        byte[] more = new byte[64 * 1024];
                        try {
                            for (int i = 0; i < 16; i++) {
                                out.write(more);
                            }
                        } catch (SocketException e) {
                            // already closed: good
                        }
                        assertClosed(s, "a 16 MB length");
                    }
                });
    }

    @Test
    @Order(3)
    @Timeout(10)
    void avpLengthsBelowEightAndAvpsRunningPastTheMessage() throws Exception {
        storm(
                "bad-avp-length",
                64,
                rnd -> {
                    int avpLength = rnd.nextInt(8);
                    boolean pastEnd = rnd.nextBoolean();
                    byte[] bad = pastEnd ? runningPast(rnd) : avpWithLength(avpLength);
                    // Before the CER (in the CER itself): the connection is closed or a CEA says
                    // why.
                    try (Socket s = socket()) {
                        byte[] cer = withRaw(cer(s, host()).toBytes(), bad);
                        send(s, cer);
                        DiameterMessage a = readOrNull(s);
                        if (a != null) {
                            assertThat(a.commandCode()).isEqualTo(257);
                            assertThat(resultCode(a))
                                    .as("seed %d: CEA to a malformed CER", SEED)
                                    .isNotEqualTo(2001L);
                        }
                        assertClosed(s, "a malformed CER");
                    }
                    // After the CER (in a CCR): answered with an error, the connection stays.
                    try (Hostile h = Hostile.open(this)) {
                        byte[] ccr = withRaw(h.ccr(1, 1).toBytes(), bad);
                        h.expectErrorAnswerOrClose(
                                ccr, 1, "AVP length " + avpLength + " pastEnd " + pastEnd);
                    }
                });
    }

    @Test
    @Order(4)
    @Timeout(15)
    void tenThousandDeepGroupedAvps() throws Exception {
        storm(
                "deep",
                CONCURRENCY,
                rnd -> {
                    int code =
                            rnd.nextBoolean()
                                    ? 279
                                    : 260; // Failed-AVP or Vendor-Specific-Application-Id
                    byte[] deep = nested(code, 10_000);
                    try (Socket s = socket()) {
                        send(s, withRaw(cer(s, host()).toBytes(), deep));
                        DiameterMessage a = readOrNull(s);
                        if (a != null) {
                            assertThat(resultCode(a)).isNotEqualTo(2001L);
                        }
                        assertClosed(s, "a CER with 10,000 nested " + code);
                    }
                    try (Hostile h = Hostile.open(this)) {
                        h.expectErrorAnswerOrClose(
                                withRaw(h.ccr(2, 2).toBytes(), deep), 2, "deep " + code);
                    }
                });
    }

    @Test
    @Order(5)
    @Timeout(20)
    void bitFlippedRequestsAreAnsweredOrTheConnectionClosed() throws Exception {
        // Sequentially on one connection (reopened when the server closes it), then 20 at once.
        mutations(new SplittableRandom(SEED ^ 5), 1000);
        storm("mutations", CONCURRENCY, rnd -> mutations(rnd, 100));
    }

    private void mutations(SplittableRandom rnd, int count) throws Exception {
        Hostile h = Hostile.open(this);
        try {
            for (int i = 0; i < count; i++) {
                int hbh = 1_000_000 + i;
                byte[] m = h.ccr(hbh, hbh).toBytes();
                int flips = 1 + rnd.nextInt(3);
                boolean lengthTouched = false;
                for (int f = 0; f < flips; f++) {
                    int bit = rnd.nextInt(m.length * 8);
                    lengthTouched |= bit / 8 >= 1 && bit / 8 <= 3;
                    m[bit / 8] ^= (byte) (1 << (bit % 8));
                }
                if (!h.mutated(m, lengthTouched)) {
                    h.close();
                    h = Hostile.open(this);
                }
            }
        } finally {
            h.close();
        }
    }

    @Test
    @Order(6)
    @Timeout(15)
    void slowlorisIsClosedByTheCerTimeout() throws Exception {
        storm(
                "slowloris",
                CONCURRENCY,
                rnd -> {
                    try (Socket s = socket()) {
                        byte[] cer = cer(s, host()).toBytes();
                        OutputStream out = s.getOutputStream();
                        long t0 = System.nanoTime();
                        boolean closed = false;
                        for (int i = 0; i < cer.length - 1 && !closed; i++) {
                            try {
                                out.write(cer[i]);
                                out.flush();
                            } catch (SocketException e) {
                                closed = true;
                                break;
                            }
                            Thread.sleep(100);
                            closed =
                                    System.nanoTime() - t0 > CER_TIMEOUT.toNanos() + 3_000_000_000L;
                        }
                        s.setSoTimeout(1000);
                        assertThat(TestNet.closedByPeer(s))
                                .as(
                                        "seed %d: slowloris still open after %d ms",
                                        SEED, (System.nanoTime() - t0) / 1_000_000)
                                .isTrue();
                        assertThat((System.nanoTime() - t0) / 1_000_000)
                                .as("seed %d: closed after the CER timeout", SEED)
                                .isLessThan(CER_TIMEOUT.toMillis() + 3_000);
                    }
                });
    }

    @Test
    @Order(7)
    @Timeout(15)
    void connectionsOpenedAndClosedAtOnce() throws Exception {
        storm(
                "open-close",
                CONCURRENCY,
                rnd -> {
                    for (int i = 0; i < 1000 / CONCURRENCY; i++) {
                        Socket s = new Socket("127.0.0.1", port);
                        if (rnd.nextBoolean()) {
                            s.setSoLinger(true, 0); // RST instead of FIN
                        }
                        s.close();
                    }
                });
    }

    @Test
    @Order(8)
    @Timeout(25)
    void aPeerThatNeverReadsDoesNotMakeTheServerBufferWithoutBound() throws Exception {
        // A small receive window, so that what the kernel absorbs of the server's answers is
        // bounded by the server's send buffer (4 MB here) and the server meets back-pressure soon.
        Hostile h = Hostile.open(this, 16 * 1024);
        // One answer, to know what each costs in the socket buffers.
        send(h.socket, h.ccr(1, 1).toBytes());
        byte[] firstAnswer = frame(h.in);
        assertThat(firstAnswer).as("seed %d: no answer", SEED).isNotNull();
        int answerLength = firstAnswer.length + 8; // later Session-Ids are up to 8 digits longer
        byte[] one = h.ccr(0, 0).toBytes();
        int per = 512;
        byte[] batch = new byte[one.length * per];
        for (int i = 0; i < per; i++) {
            System.arraycopy(one, 0, batch, i * one.length, one.length);
        }
        AtomicLong written = new AtomicLong();
        AtomicBoolean refused = new AtomicBoolean();
        Thread writer =
                new Thread(
                        () -> {
                            try {
                                OutputStream out = h.socket.getOutputStream();
                                int id = 10;
                                while (true) {
                                    for (int i = 0; i < per; i++, id++) {
                                        ByteBuffer.wrap(batch, i * one.length + 12, 8)
                                                .putInt(id)
                                                .putInt(id);
                                    }
                                    out.write(batch);
                                    written.addAndGet(batch.length);
                                }
                            } catch (IOException e) {
                                refused.set(true);
                            }
                        },
                        "never-reads");
        writer.setDaemon(true);
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heap0 = memory.getHeapMemoryUsage().getUsed();
        long direct0 = PlatformDependent.usedDirectMemory();
        long maxHeap = 0;
        long maxDirect = 0;
        long answered0 = seen.handled.get();
        writer.start();
        org.diameter4j.peer.internal.Peer serverSide = server.find(h.host);
        long maxPending = 0;
        long[] writtenAt = new long[16];
        long[] handledAt = new long[writtenAt.length];
        for (int i = 0; i < writtenAt.length; i++) {
            for (int j = 0; j < 10; j++) {
                Thread.sleep(50);
                maxPending = Math.max(maxPending, pendingWriteBytes(serverSide));
            }
            writtenAt[i] = written.get();
            handledAt[i] = seen.handled.get() - answered0;
            maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed() - heap0);
            maxDirect = Math.max(maxDirect, PlatformDependent.usedDirectMemory() - direct0);
        }
        System.gc();
        long heapAfterGc = memory.getHeapMemoryUsage().getUsed() - heap0;
        long directNow = PlatformDependent.usedDirectMemory() - direct0;
        long handled = seen.handled.get() - answered0;
        long lateHandled = handledAt[handledAt.length - 1] - handledAt[handledAt.length - 5];
        boolean closedByServer = refused.get();
        String numbers =
                String.format(
                        "seed %d: answer %d bytes; in 8 s the peer wrote %,d bytes; the server handled %,d CCRs, %,d"
                                + " of them in the last 2 s (every 0.5 s: %s); heap growth max %,d bytes, %,d after GC; Netty"
                                + " direct memory growth max %,d, now %,d; connection refused"
                                + " further bytes: %s; the server's"
                                + " largest unwritten output to that peer %,d bytes",
                        SEED,
                        answerLength,
                        writtenAt[writtenAt.length - 1],
                        handled,
                        lateHandled,
                        java.util.Arrays.toString(handledAt),
                        maxHeap,
                        heapAfterGc,
                        maxDirect,
                        directNow,
                        closedByServer,
                        maxPending);
        System.out.println("HostileTrafficTest never-reads: " + numbers);
        h.socket.setSoLinger(true, 0);
        h.close();
        writer.join(5000);
        assertThat(heapAfterGc).as(numbers).isLessThan(256L << 20);
        assertThat(maxDirect).as(numbers).isLessThan(256L << 20);
        // Back-pressure: once its answers cannot leave (the kernel's socket buffers are full), the
        // server stops taking requests from that peer — or it closes the connection.
        // What the kernel absorbs is the kernel's business (bounded by tcp_wmem and the peer's
        // window); what the server itself holds must stay near Netty's high-water mark (64 KiB)
        // plus the answers to one read burst.
        assertThat(maxPending).as(numbers).isBetween(0L, 2L << 20);
    }

    @Test
    @Order(9)
    @Timeout(20)
    void afterTheStormTheServerStillServesOldAndNewPeers() throws Exception {
        int before = (int) clientOk.get();
        TestNet.await(Duration.ofSeconds(5), this::clientState, () -> clientOk.get() > before + 20);
        try (DiameterNode fresh =
                DiameterNode.start(
                        NodeConfig.builder("fresh.example.com")
                                .application(ApplicationId.auth(4))
                                .peer(Servers.peer(SERVER, port).build())
                                .build())) {
            fresh.awaitReady(SERVER, Duration.ofSeconds(10));
            DiameterMessage a =
                    fresh.send(Servers.ccr(fresh, null, SERVER)).get(10, TimeUnit.SECONDS);
            assertThat(Servers.resultCode(a)).as("seed %d", SEED).isEqualTo(2001);
        }
        clientRunning.set(false);
        for (Thread t : clientThreads) {
            t.join(20_000);
            assertThat(t.isAlive()).as(clientState()).isFalse();
        }
        assertThat(clientFailures).as(clientState()).isEmpty();
        assertThat(clientOk.get()).as(clientState()).isEqualTo(clientSent.get()).isGreaterThan(100);
        assertThat(client.peer(SERVER).status().isOpen()).as(clientState()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * Bytes queued in Netty's outbound buffer of {@code peer}'s responder connection (reflection:
     * Peer.rConn.conn.channel); 0 when there is none.
     */
    private static long pendingWriteBytes(org.diameter4j.peer.internal.Peer peer) throws Exception {
        Object pc = field(peer, "rConn");
        if (pc == null) {
            return 0;
        }
        Object conn = field(pc, "conn");
        io.netty.channel.Channel ch = (io.netty.channel.Channel) field(conn, "channel");
        io.netty.channel.ChannelOutboundBuffer b = ch.unsafe().outboundBuffer();
        return b == null ? 0 : b.totalPendingWriteBytes();
    }

    private static Object field(Object o, String name) throws Exception {
        java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @FunctionalInterface
    interface Attack {
        void run(SplittableRandom rnd) throws Exception;
    }

    /** {@code n} attacks: the first alone, the rest 20 at a time, each with its own stream. */
    private void storm(String name, int n, Attack attack) throws Exception {
        SplittableRandom root = new SplittableRandom(SEED ^ name.hashCode());
        try {
            attack.run(root.split());
        } catch (Throwable t) {
            throw new AssertionError("seed " + SEED + ", " + name + " (sequential): " + t, t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 1; i < n; i++) {
                SplittableRandom r = root.split();
                all.add(
                        pool.submit(
                                () -> {
                                    attack.run(r);
                                    return null;
                                }));
            }
            for (Future<?> f : all) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(
                            "seed " + SEED + ", " + name + ": " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        outcome(name);
        assertThat(clientFailures).as(clientState()).isEmpty();
    }

    private void outcome(String what) {
        outcomes.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private String host() {
        return "hostile-" + hostileIds.incrementAndGet() + ".example.com";
    }

    private Socket socket() throws IOException {
        return socket(0);
    }

    /** A connected socket; a receive buffer of {@code rcvBuf} bytes when positive. */
    private Socket socket(int rcvBuf) throws IOException {
        Socket s = new Socket();
        if (rcvBuf > 0) {
            s.setReceiveBufferSize(rcvBuf); // before connect: no window autotuning (32 MB here)
        }
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        return s;
    }

    private static DiameterMessage cer(Socket s, String host) {
        LocalIdentity id =
                new LocalIdentity(
                        host,
                        null,
                        0,
                        "hostile",
                        1L,
                        List.of(),
                        List.of(ApplicationId.auth(4)),
                        1L,
                        false);
        return Capabilities.cer(id, s.getLocalAddress(), false).hopByHop(1).endToEnd(1);
    }

    private static void send(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** The server closes {@code s} within 5 s (EOF or reset), whatever it still sends first. */
    private static void assertClosed(Socket s, String what) throws IOException {
        s.setSoTimeout(5000);
        assertThat(TestNet.closedByPeer(s))
                .as("seed %d: the server kept the connection open after %s", SEED, what)
                .isTrue();
    }

    /** The next whole frame decoded; null on EOF, reset or timeout. */
    private static DiameterMessage readOrNull(Socket s) throws IOException {
        try {
            byte[] f = frame(s.getInputStream());
            return f == null ? null : decodeAnswer(f);
        } catch (SocketTimeoutException | SocketException e) {
            return null;
        }
    }

    private static byte[] frame(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] head = new byte[DiameterMessage.HEADER_LENGTH];
        try {
            d.readFully(head);
        } catch (EOFException e) {
            return null;
        }
        int len = length(head);
        assertThat(len).as("seed %d: the server sent a bad length", SEED).isBetween(20, 1 << 20);
        byte[] all = new byte[len];
        System.arraycopy(head, 0, all, 0, head.length);
        d.readFully(all, head.length, len - head.length);
        return all;
    }

    /** What the server sends must always decode. */
    private static DiameterMessage decodeAnswer(byte[] f) {
        var r = DECODER.decode(f, 0, f.length);
        assertThat(r.isSuccess())
                .as("seed %d: the server sent an undecodable message: %s", SEED, r.failure())
                .isTrue();
        return r.message();
    }

    private static long resultCode(DiameterMessage a) {
        Avp rc = a.find(RESULT_CODE);
        assertThat(rc).as("seed %d: an answer without Result-Code: %s", SEED, a).isNotNull();
        return rc.asUnsigned32();
    }

    private static int length(byte[] b) {
        return ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static boolean usable(int len) {
        return len >= 20 && (len & 3) == 0 && len <= DecodeOptions.DEFAULT_MAX_MESSAGE_LENGTH;
    }

    /** {@code message} with {@code raw} appended and its Message Length fixed. */
    private static byte[] withRaw(byte[] message, byte[] raw) {
        byte[] out = new byte[message.length + raw.length];
        System.arraycopy(message, 0, out, 0, message.length);
        System.arraycopy(raw, 0, out, message.length, raw.length);
        out[1] = (byte) (out.length >>> 16);
        out[2] = (byte) (out.length >>> 8);
        out[3] = (byte) out.length;
        return out;
    }

    /** An AVP header (Proxy-Info's neighbour Session-Binding, 270) with Length 0..7. */
    private static byte[] avpWithLength(int len) {
        ByteBuffer b = ByteBuffer.allocate(8);
        b.putInt(270).putInt(0x40 << 24 | len);
        return b.array();
    }

    /** A last AVP whose length runs past the end of the message. */
    private static byte[] runningPast(SplittableRandom rnd) {
        ByteBuffer b = ByteBuffer.allocate(12);
        b.putInt(263).putInt(0x40 << 24 | (12 + 4 * (1 + rnd.nextInt(1000)))).putInt(0x41414141);
        return b.array();
    }

    /** {@code depth} Grouped AVPs of {@code code}, each holding the next. */
    private static byte[] nested(int code, int depth) {
        ByteBuffer b = ByteBuffer.allocate(8 * depth);
        for (int i = 0; i < depth; i++) {
            b.putInt(code).putInt(0x40 << 24 | (8 * (depth - i)));
        }
        return b.array();
    }

    private static String describe(List<LogRecord> logs) {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : logs.subList(0, Math.min(5, logs.size()))) {
            sb.append("\n  ")
                    .append(r.getLevel())
                    .append(' ')
                    .append(r.getLoggerName())
                    .append(": ")
                    .append(r.getMessage())
                    .append(r.getThrown() != null ? " " + r.getThrown() : "");
        }
        return logs.size() + " record(s)" + sb;
    }

    /** A raw peer that completed CER/CEA with its own Origin-Host. */
    private static final class Hostile implements AutoCloseable {
        final HostileTrafficTest test;
        final Socket socket;
        final String host;
        final InputStream in;
        final OutputStream out;
        int probes;

        private Hostile(HostileTrafficTest test, Socket socket, String host) throws IOException {
            this.test = test;
            this.socket = socket;
            this.host = host;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static Hostile open(HostileTrafficTest test) throws IOException {
            return open(test, 0);
        }

        static Hostile open(HostileTrafficTest test, int rcvBuf) throws IOException {
            Socket s = test.socket(rcvBuf);
            String host = test.host();
            Hostile h = new Hostile(test, s, host);
            send(s, cer(s, host).toBytes());
            byte[] f = frame(h.in);
            assertThat(f).as("seed %d: no CEA for %s", SEED, host).isNotNull();
            DiameterMessage cea = decodeAnswer(f);
            assertThat(cea.commandCode()).isEqualTo(257);
            assertThat(resultCode(cea)).as("seed %d: CEA for %s", SEED, host).isEqualTo(2001);
            return h;
        }

        DiameterMessage ccr(int hopByHop, int endToEnd) {
            return Servers.D.request("CCR", 4)
                    .add(Servers.D.avp("Session-Id", host + ";1;" + endToEnd))
                    .add(Servers.D.avp("Origin-Host", host))
                    .add(Servers.D.avp("Origin-Realm", "example.com"))
                    .add(Servers.D.avp("Destination-Realm", "example.net"))
                    .add(Servers.D.avp("Auth-Application-Id", 4))
                    .add(Servers.D.avp("Service-Context-Id", "32251@3gpp.org"))
                    .add(Servers.D.avp("CC-Request-Type", "EVENT_REQUEST"))
                    .add(Servers.D.avp("CC-Request-Number", 0))
                    .hopByHop(hopByHop)
                    .endToEnd(endToEnd);
        }

        /** A DWR that marks a point in the stream: everything before it has been handled. */
        byte[] probe(int hopByHop) {
            return DiameterMessage.request(280, 0, false)
                    .add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, host))
                    .add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, "example.com"))
                    .hopByHop(hopByHop)
                    .endToEnd(hopByHop)
                    .toBytes();
        }

        /**
         * Sends {@code bad} (Hop-by-Hop {@code hbh}) and a probe; the request must be answered with
         * an error Result-Code before the probe's DWA, or the connection closed.
         */
        void expectErrorAnswerOrClose(byte[] bad, int hbh, String what) throws IOException {
            int p = 0x7f000000 + ++probes;
            send(socket, bad);
            try {
                send(socket, probe(p));
            } catch (SocketException e) {
                test.outcome(what + ": closed");
                return;
            }
            DiameterMessage answer = null;
            while (true) {
                DiameterMessage m = readOrNull(socket);
                if (m == null) {
                    test.outcome("closed");
                    assertClosed(socket, what);
                    return;
                }
                if (m.hopByHop() == hbh && !m.isRequest()) {
                    answer = m;
                } else if (m.hopByHop() == p && m.commandCode() == 280) {
                    break;
                }
            }
            assertThat(answer)
                    .as(
                            "seed %d: %s: request neither answered nor the connection closed",
                            SEED, what)
                    .isNotNull();
            long rc = resultCode(answer);
            test.outcome("answered " + rc);
            assertThat(rc).as("seed %d: %s answered %d", SEED, what, rc).isNotEqualTo(2001L);
        }

        /**
         * Sends a bit-flipped CCR and a probe. A decodable request must be answered (with any
         * Result-Code) before the probe's DWA. False when the connection is gone (closed by the
         * server, or left waiting for the rest of a frame whose length was flipped).
         */
        /** The answer with {@code hbh}, read within 5 s; null on timeout or close. */
        private DiameterMessage awaitAnswer(int hbh) throws IOException {
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                byte[] f;
                try {
                    f = frame(in);
                } catch (SocketTimeoutException | SocketException e) {
                    return null;
                }
                if (f == null) {
                    return null;
                }
                DiameterMessage a = decodeAnswer(f);
                if (a.hopByHop() == hbh) {
                    return a;
                }
            }
            return null;
        }

        boolean mutated(byte[] m, boolean lengthTouched) throws IOException {
            int version = m[0] & 0xff;
            int flags = m[4] & 0xff;
            int command = ((m[5] & 0xff) << 16) | ((m[6] & 0xff) << 8) | (m[7] & 0xff);
            int hbh = ByteBuffer.wrap(m, 12, 4).getInt();
            int p = 0x7f000000 + ++probes;
            if (hbh == p) {
                return true;
            }
            try {
                send(socket, m);
                send(socket, probe(p));
            } catch (SocketException e) {
                test.outcome("mutation: write refused (closed)");
                return false;
            }
            socket.setSoTimeout(lengthTouched ? 200 : 5000);
            List<DiameterMessage> answers = new ArrayList<>();
            boolean probed = false;
            while (!probed) {
                byte[] f;
                try {
                    f = frame(in);
                } catch (SocketTimeoutException e) {
                    assertThat(lengthTouched)
                            .as(
                                    "seed %d: no DWA for the probe after a mutation that kept the"
                                            + " framing (command %d flags %02x)",
                                    SEED, command, flags)
                            .isTrue();
                    test.outcome("mutation: length flipped, server waits for the frame");
                    return false;
                } catch (SocketException e) {
                    f = null;
                }
                if (f == null) {
                    // Closed: only on framing loss (a flipped length) or a DPR (282) we sent.
                    assertThat(lengthTouched || command == 282 || version != 1)
                            .as(
                                    "seed %d: connection closed after a mutation that kept the framing"
                                            + " (version %d command %d flags %02x)",
                                    SEED, version, command, flags)
                            .isTrue();
                    test.outcome("mutation: closed");
                    return false;
                }
                DiameterMessage a = decodeAnswer(f);
                if (a.hopByHop() == p && a.commandCode() == 280) {
                    probed = true;
                } else {
                    answers.add(a);
                }
            }
            socket.setSoTimeout(5000);
            boolean request = (flags & DiameterMessage.FLAG_REQUEST) != 0;
            DiameterMessage answer =
                    answers.stream().filter(a -> a.hopByHop() == hbh).findFirst().orElse(null);
            if (answer == null && request && version == 1 && command != 257 && !lengthTouched) {
                // Handlers run off the event loop, so the probe's DWA (answered on the loop) may
                // overtake the answer to the request sent before it: wait for that answer too.
                answer = awaitAnswer(hbh);
            }
            if (answer != null) {
                long rc = resultCode(answer);
                test.outcome("mutation: answered " + rc);
                return true;
            }
            // Not answered: allowed for what is not a request we can answer — an answer (R clear,
            // dropped as unsolicited, §6.2), another version (the header cannot be trusted), a CER
            // on an open connection (ignored, §5.6), or a flipped length (framing).
            boolean explained = !request || version != 1 || command == 257 || lengthTouched;
            if (!explained) {
                test.outcome("mutation: UNANSWERED request command " + command + " flags " + flags);
            }
            assertThat(explained)
                    .as(
                            "seed %d: a request (command %d flags %02x hbh %d) was silently dropped:"
                                    + " %s",
                            SEED, command, flags, hbh, hex(m))
                    .isTrue();
            test.outcome(
                    "mutation: unanswered "
                            + (!request
                                    ? "answer"
                                    : version != 1
                                            ? "version"
                                            : command == 257 ? "CER" : "length"));
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String hex(byte[] m) {
        return java.util.HexFormat.of().formatHex(m);
    }
}
