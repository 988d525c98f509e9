package org.diameter4j.node;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;

/** Helpers for the loopback tests: polling with a deadline, raw sockets speaking Diameter. */
final class TestNet {
    static final Dictionary D = Dictionary.standard();
    private static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    private TestNet() {}

    /**
     * Polls {@code condition} every 10 ms until it holds; fails with {@code what} after {@code
     * timeout}.
     */
    static void await(Duration timeout, Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Holds {@code condition} during all of {@code period}? Fails at the first time it does not.
     */
    static void during(Duration period, Supplier<String> what, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("stopped holding: " + what.get());
            }
            Thread.sleep(10);
        }
    }

    /** A port that was free a moment ago on {@code host}. */
    static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    static DiameterMessage read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] head = new byte[DiameterMessage.HEADER_LENGTH];
        d.readFully(head);
        int len = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        byte[] all = new byte[len];
        System.arraycopy(head, 0, all, 0, head.length);
        d.readFully(all, head.length, len - head.length);
        return DECODER.decode(all, 0, len).message();
    }

    static void write(OutputStream out, DiameterMessage m) throws IOException {
        out.write(m.toBytes());
        out.flush();
    }

    /** Reads until EOF or the socket's read timeout; true when the peer closed. */
    static boolean closedByPeer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /**
     * A peer on a plain socket: answers the first CER with a canned CEA ({@link Capabilities#cea})
     * and then answers nothing at all (no DWA, no DPA). Every message it receives is queued.
     */
    /** The identity of a raw-socket test client advertising Gy (Auth 4). */
    static LocalIdentity rawIdentity(String originHost) {
        return new LocalIdentity(
                originHost,
                null,
                0,
                "raw",
                1L,
                List.of(),
                List.of(ApplicationId.auth(4)),
                1L,
                false);
    }

    /** The CER of a raw-socket client {@code originHost} connected from {@code local}. */
    static DiameterMessage rawCer(String originHost, InetAddress local) {
        return org.diameter4j.peer.internal.Capabilities.cer(rawIdentity(originHost), local, false);
    }

    /** A DWR from {@code originHost} (realm example.com), RFC 6733 §5.5.1. */
    static DiameterMessage rawDwr(String originHost) {
        return DiameterMessage.request(280, 0, false)
                .add(
                        org.diameter4j.codec.Avp.ofUtf8(
                                264, 0, org.diameter4j.codec.Avp.FLAG_MANDATORY, originHost))
                .add(
                        org.diameter4j.codec.Avp.ofUtf8(
                                296, 0, org.diameter4j.codec.Avp.FLAG_MANDATORY, "example.com"));
    }

    static final class RawPeer implements AutoCloseable {
        final ServerSocket server;
        final BlockingQueue<DiameterMessage> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Socket> accepted = new CompletableFuture<>();
        private final Thread thread;
        private volatile Socket socket;

        RawPeer(String originHost, boolean answerCer) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            LocalIdentity id = rawIdentity(originHost);
            thread =
                    new Thread(
                            () -> {
                                try {
                                    Socket s = server.accept();
                                    socket = s;
                                    accepted.complete(s);
                                    InputStream in = s.getInputStream();
                                    while (true) {
                                        DiameterMessage m = read(in);
                                        received.add(m);
                                        if (answerCer && m.commandCode() == 257 && m.isRequest()) {
                                            write(
                                                    s.getOutputStream(),
                                                    Capabilities.cea(
                                                            m,
                                                            id,
                                                            s.getLocalAddress(),
                                                            2001,
                                                            null,
                                                            false));
                                        }
                                    }
                                } catch (EOFException e) {
                                    // the other side closed
                                } catch (IOException e) {
                                    accepted.completeExceptionally(e);
                                }
                            },
                            "raw-peer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        String uri() {
            return "aaa://127.0.0.1:" + port();
        }

        /** The next message with this command code, or null after {@code timeout}. */
        DiameterMessage next(int commandCode, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                DiameterMessage m = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (m == null || m.commandCode() == commandCode) {
                    return m;
                }
            }
        }

        /** Drops the TCP connection (no DPR): the peer "dies". */
        void dropConnection() throws IOException {
            Socket s = socket;
            if (s != null) {
                s.close();
            }
        }

        @Override
        public void close() throws IOException {
            dropConnection();
            server.close();
        }
    }

    /** A TCP relay that records what the client sends: to see whether bytes on the wire are TLS. */
    static final class Recorder implements AutoCloseable {
        final ServerSocket server;
        final java.io.ByteArrayOutputStream fromClient = new java.io.ByteArrayOutputStream();
        private final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        Recorder(InetSocketAddress target) throws IOException {
            server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    Socket c = server.accept();
                                    Socket s = new Socket(target.getAddress(), target.getPort());
                                    sockets.add(c);
                                    sockets.add(s);
                                    pump(s.getInputStream(), c.getOutputStream(), null);
                                    pump(c.getInputStream(), s.getOutputStream(), fromClient);
                                } catch (IOException e) {
                                    // closed
                                }
                            },
                            "recorder");
            t.setDaemon(true);
            t.start();
        }

        private static void pump(
                InputStream in, OutputStream out, java.io.ByteArrayOutputStream copy) {
            Thread t =
                    new Thread(
                            () -> {
                                byte[] buf = new byte[8192];
                                try {
                                    int n;
                                    while ((n = in.read(buf)) > 0) {
                                        if (copy != null) {
                                            synchronized (copy) {
                                                copy.write(buf, 0, n);
                                            }
                                        }
                                        out.write(buf, 0, n);
                                        out.flush();
                                    }
                                    out.close();
                                } catch (IOException e) {
                                    // closed
                                }
                            },
                            "recorder-pump");
            t.setDaemon(true);
            t.start();
        }

        byte[] clientBytes() {
            synchronized (fromClient) {
                return fromClient.toByteArray();
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : sockets) {
                s.close();
            }
            server.close();
        }
    }
}
