package org.diameter4j.testkit.mock;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;

/**
 * A Diameter server for tests, as OkHttp's MockWebServer is for HTTP: it starts on a free loopback
 * port, answers the base protocol itself (CER/CEA, DWR/DWA, DPR/DPA, RFC 6733 §5), answers
 * application requests with what the test queued ({@link #enqueue}) or a 2001, records every
 * request ({@link #takeRequest}), and misbehaves on demand ({@link SocketPolicy}: no CEA, close
 * after CER, no DWA, no answer, disconnect mid-request; {@link #answerDelay}).
 *
 * <pre>{@code
 * try (MockDiameterServer ocs = MockDiameterServer.builder().authApplication(4).start()) {
 *     ocs.enqueue(MockAnswers.resultCode(4012));
 *     // ... point the client under test at ocs.uri() ...
 *     RecordedRequest ccr = ocs.takeRequest(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * It is deliberately not built on diameter4j's peer layer: written on plain sockets and the codec,
 * it judges that layer from outside. One thread per connection; every wait is bounded; {@link
 * #close()} stops everything.
 */
public final class MockDiameterServer implements AutoCloseable {
    static final int CER = 257;
    static final int DWR = 280;
    static final int DPR = 282;
    private static final int MAX_LENGTH = 1 << 20;
    private static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    private final MockIdentity identity;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<UnaryOperator<DiameterMessage>> answers =
            new ConcurrentLinkedQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger applicationRequests = new AtomicInteger();
    private final ScheduledExecutorService delayed =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mock-diameter-delays"));
    private volatile SocketPolicy policy = SocketPolicy.NORMAL;
    private volatile Duration answerDelay = Duration.ZERO;
    private volatile boolean closed;

    MockDiameterServer(MockIdentity identity, ServerSocket listener) {
        this.identity = identity;
        this.listener = listener;
        this.acceptor = daemon(this::acceptLoop, "mock-diameter-accept-" + port());
        acceptor.start();
    }

    /** A server to configure; {@link Builder#start()} starts it. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on (loopback). */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@code aaa://127.0.0.1:PORT}, or {@code aaas://…} with TLS. */
    public String uri() {
        return (identity.tls() ? "aaas" : "aaa") + "://127.0.0.1:" + port();
    }

    /** Its Origin-Host. */
    public String originHost() {
        return identity.originHost();
    }

    /** How the following requests are treated. */
    public MockDiameterServer policy(SocketPolicy p) {
        this.policy = java.util.Objects.requireNonNull(p, "policy");
        return this;
    }

    /** Every application answer waits this long before it is sent (default none). */
    public MockDiameterServer answerDelay(Duration d) {
        this.answerDelay = java.util.Objects.requireNonNull(d, "delay");
        return this;
    }

    /**
     * The answer to the next application request not yet answered: {@code answer} is given the
     * request and returns what to send (see {@link MockAnswers}). Without a queued answer, a
     * request gets {@link MockAnswers#success()}.
     */
    public MockDiameterServer enqueue(UnaryOperator<DiameterMessage> answer) {
        answers.add(java.util.Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /**
     * The next application request received (CER, DWR and DPR are skipped), waiting at most {@code
     * timeout}; null when none came.
     */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            RecordedRequest r = requests.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                return null;
            }
            if (!isBase(r.message())) {
                return r;
            }
        }
        return null;
    }

    /** The next request of {@code commandCode} (base ones included), or null after timeout. */
    public RecordedRequest takeRequest(int commandCode, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (long left; (left = end - System.nanoTime()) > 0; ) {
            RecordedRequest r = requests.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                return null;
            }
            if (r.commandCode() == commandCode) {
                return r;
            }
        }
        return null;
    }

    /** How many application requests arrived so far. */
    public int requestCount() {
        return applicationRequests.get();
    }

    /** How many connections were accepted so far. */
    public int connectionCount() {
        return connections.get();
    }

    /** Closes every connection now (no DPR): what a crashing peer does. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        dropConnections();
        delayed.shutdownNow();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- connections ------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            int n = connections.incrementAndGet();
            sockets.add(s);
            daemon(() -> serve(s, n), "mock-diameter-conn-" + n).start();
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (DiameterMessage m; (m = read(in)) != null; ) {
                if (!m.isRequest()) {
                    continue; // the mock sends no requests; stray answers are ignored
                }
                requests.add(new RecordedRequest(m, connection, sequence.incrementAndGet()));
                if (!react(m, s, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client closed, or close() did
        } finally {
            sockets.remove(s);
        }
    }

    /** Answers {@code m} as the policy says; false when the connection must end. */
    private boolean react(DiameterMessage m, Socket s, OutputStream out) throws IOException {
        SocketPolicy p = policy;
        switch (m.applicationId() == 0 ? m.commandCode() : -1) {
            case CER -> {
                if (p == SocketPolicy.CLOSE_AFTER_CER) {
                    return false;
                }
                if (p != SocketPolicy.NO_CEA) {
                    write(out, identity.cea(m, s.getLocalAddress()));
                }
                return true;
            }
            case DWR -> {
                if (p != SocketPolicy.NO_DWA) {
                    write(out, identity.baseAnswer(m));
                }
                return true;
            }
            case DPR -> {
                write(out, identity.baseAnswer(m));
                return false; // RFC 6733 §5.4: the sender of the DPA closes after it is read
            }
            default -> {
                applicationRequests.incrementAndGet();
                if (p == SocketPolicy.DISCONNECT_ON_REQUEST) {
                    return false;
                }
                if (p == SocketPolicy.NO_ANSWER) {
                    return true;
                }
                UnaryOperator<DiameterMessage> a = answers.poll();
                DiameterMessage answer =
                        identity.complete((a != null ? a : MockAnswers.success()).apply(m));
                Duration d = answerDelay;
                if (d.isZero() || d.isNegative()) {
                    write(out, answer);
                } else {
                    delayed.schedule(
                            () -> {
                                try {
                                    write(out, answer);
                                } catch (IOException gone) {
                                    // the connection closed meanwhile
                                }
                            },
                            d.toNanos(),
                            TimeUnit.NANOSECONDS);
                }
                return true;
            }
        }
    }

    /** One message, or null at a clean end of stream; a malformed one ends the connection. */
    private static DiameterMessage read(DataInputStream in) throws IOException {
        byte[] head = new byte[4];
        try {
            in.readFully(head);
        } catch (EOFException | SocketException e) {
            return null;
        }
        int length = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        if (head[0] != 1 || length < 20 || length % 4 != 0 || length > MAX_LENGTH) {
            throw new IOException(
                    "not a Diameter message (version " + head[0] + ", length " + length + ")");
        }
        byte[] all = new byte[length];
        System.arraycopy(head, 0, all, 0, 4);
        in.readFully(all, 4, length - 4);
        DecodeResult r = DECODER.decode(all, 0, length);
        if (!r.isSuccess()) {
            throw new IOException("malformed message: " + r.failure());
        }
        return r.message();
    }

    private static void write(OutputStream out, DiameterMessage m) throws IOException {
        byte[] b = m.toBytes();
        synchronized (out) {
            out.write(b);
            out.flush();
        }
    }

    static boolean isBase(DiameterMessage m) {
        int c = m.commandCode();
        return m.applicationId() == 0 && (c == CER || c == DWR || c == DPR);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Settings of a {@link MockDiameterServer}. */
    public static final class Builder {
        private String originHost = "mock.example.net";
        private String originRealm;
        private final List<Avp> applications = new ArrayList<>();
        private org.diameter4j.testkit.TestPki tls;

        private Builder() {}

        /** Its Origin-Host (default {@code mock.example.net}). */
        public Builder originHost(String host) {
            this.originHost = java.util.Objects.requireNonNull(host, "host");
            return this;
        }

        /** Its Origin-Realm (default: the Origin-Host after its first dot). */
        public Builder originRealm(String realm) {
            this.originRealm = realm;
            return this;
        }

        /** Advertises Auth-Application-Id {@code id} in its CEA (4 is Gy). */
        public Builder authApplication(long id) {
            applications.add(
                    Avp.ofUnsigned32(MockIdentity.AUTH_APPLICATION_ID, 0, Avp.FLAG_MANDATORY, id));
            return this;
        }

        /** Advertises Acct-Application-Id {@code id} (3 is base accounting, Rf). */
        public Builder acctApplication(long id) {
            applications.add(
                    Avp.ofUnsigned32(MockIdentity.ACCT_APPLICATION_ID, 0, Avp.FLAG_MANDATORY, id));
            return this;
        }

        /**
         * Advertises Vendor-Specific-Application-Id {vendor, Auth-Application-Id} (S6a: 10415,
         * 16777251).
         */
        public Builder vendorAuthApplication(long vendor, long id) {
            applications.add(MockIdentity.vendorSpecific(vendor, id));
            return this;
        }

        /**
         * TLS from the first byte (aaas://, RFC 6733 §13) with {@code pki}'s server certificate.
         */
        public Builder tls(org.diameter4j.testkit.TestPki pki) {
            this.tls = pki;
            return this;
        }

        /** Binds a free loopback port and starts accepting. */
        public MockDiameterServer start() throws IOException {
            String realm =
                    originRealm != null
                            ? originRealm
                            : originHost.contains(".")
                                    ? originHost.substring(originHost.indexOf('.') + 1)
                                    : originHost;
            ServerSocket ss = tls == null ? new ServerSocket() : MockTls.serverSocket(tls);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new MockDiameterServer(
                    new MockIdentity(originHost, realm, List.copyOf(applications), tls != null),
                    ss);
        }
    }
}
