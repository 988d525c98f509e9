package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class TcpConnectionTest {
    private final Transport transport = Transport.create(config());

    /** Epoll where available; {@link TcpConnectionNioTest} runs the same cases on NIO. */
    TransportConfig config() {
        return TransportConfig.defaults(DecodeOptions.DEFAULT);
    }

    private final RecordingHandler serverSide = new RecordingHandler();
    private final List<Connection> accepted = new ArrayList<>();

    @AfterEach
    void close() {
        transport.close();
    }

    private Listener listen(String host) throws Exception {
        return transport
                .listen(
                        new InetSocketAddress(InetAddress.getByName(host), 0),
                        TransportProtocol.TCP,
                        null,
                        c -> {
                            synchronized (accepted) {
                                accepted.add(c);
                            }
                            return serverSide;
                        })
                .get(5, TimeUnit.SECONDS);
    }

    private Connection connect(Listener l, RecordingHandler h) throws Exception {
        EventLoop loop = transport.eventLoops().next();
        return transport
                .connect(l.localAddress(), null, TransportProtocol.TCP, null, loop, h)
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void connectSendAndCloseOverIpv4() throws Exception {
        roundTrip("127.0.0.1");
    }

    @Test
    void connectSendAndCloseOverIpv6() throws Exception {
        boolean ipv6 = true;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            probe.getLocalPort();
        } catch (IOException e) {
            ipv6 = false;
        }
        assumeThat(ipv6).as("::1 is available").isTrue();
        roundTrip("::1");
    }

    private void roundTrip(String host) throws Exception {
        Listener l = listen(host);
        RecordingHandler client = new RecordingHandler();
        Connection c = connect(l, client);
        assertThat(transport.ioKind()).isIn("epoll", "nio");
        assertThat(c.isOpen()).isTrue();
        assertThat(c.isTls()).isFalse();
        assertThat(c.protocol()).isEqualTo(TransportProtocol.TCP);
        assertThat(c.localAddress().getAddress().isAnyLocalAddress()).isFalse();
        assertThat(c.localAddress().getAddress()).isEqualTo(InetAddress.getByName(host));
        assertThat(c.remoteAddress()).isEqualTo(l.localAddress());
        assertThat(c.channel().config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
        assertThat(c.channel().config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        assertThat(c.toString())
                .isEqualTo(
                        "tcp "
                                + hostPart
                                + ":"
                                + c.localAddress().getPort()
                                + "->"
                                + hostPart
                                + ":"
                                + l.localAddress().getPort());

        c.send(Messages.dwr(1)).get(5, TimeUnit.SECONDS);
        DiameterMessage got = serverSide.next();
        assertThat(got).isEqualTo(Messages.dwr(1));

        Connection s;
        synchronized (accepted) {
            s = accepted.get(0);
        }
        assertThat(s.remoteAddress()).isEqualTo(c.localAddress());
        assertThat(s.localAddress()).isEqualTo(l.localAddress());
        s.send(got.answer()).get(5, TimeUnit.SECONDS);
        assertThat(client.next().isRequest()).isFalse();

        c.close();
        assertThat(client.awaitClosed()).isNull();
        assertThat(serverSide.awaitClosed()).isNull();
        assertThat(c.isOpen()).isFalse();
        assertThat(client.closedCalls.get()).isEqualTo(1);
        assertThat(serverSide.closedCalls.get()).isEqualTo(1);
        assertThat(client.wrongThread.get() + serverSide.wrongThread.get()).isZero();
        // Addresses stay readable after the close.
        assertThat(c.localAddress()).isNotNull();
        assertThat(c.toString()).startsWith("tcp ");
    }

    @Test
    void localAddressThatDoesNotExistFailsFast() throws Exception {
        Listener l = listen("127.0.0.1");
        // TEST-NET-1 (RFC 5737): never on this machine; the check fails before any socket exists.
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 0);
        var f =
                transport.connect(
                        l.localAddress(),
                        local,
                        TransportProtocol.TCP,
                        null,
                        null,
                        new RecordingHandler());
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::get)
                .cause()
                .isInstanceOf(BindException.class)
                .hasMessageContaining("192.0.2.7")
                .hasMessageContaining("does not exist on this machine");
    }

    @Test
    void explicitLocalAddressIsUsed() throws Exception {
        Listener l = listen("127.0.0.1");
        InetSocketAddress local = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
        Connection c =
                transport
                        .connect(
                                l.localAddress(),
                                local,
                                TransportProtocol.TCP,
                                null,
                                null,
                                new RecordingHandler())
                        .get(5, TimeUnit.SECONDS);
        assertThat(c.localAddress().getAddress()).isEqualTo(local.getAddress());
        assertThat(c.localAddress().getPort()).isPositive();
    }

    @Test
    void refusedConnectFailsWithConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        var f =
                transport.connect(
                        new InetSocketAddress("127.0.0.1", port),
                        null,
                        TransportProtocol.TCP,
                        null,
                        null,
                        new RecordingHandler());
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectException.class);
    }

    /**
     * A timeout on loopback without root: a listening socket that never accepts, whose accept queue
     * is full, makes Linux drop further SYNs, so the connect hangs until the timeout.
     */
    @Test
    void connectTimeoutIsApplied() throws Exception {
        try (Transport quick =
                        Transport.create(
                                TransportConfig.defaults(DecodeOptions.DEFAULT)
                                        .withConnectTimeout(Duration.ofMillis(300)));
                ServerSocket never = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new ArrayList<>();
            boolean full = false;
            try {
                for (int i = 0; i < 8 && !full; i++) {
                    Socket s = new Socket();
                    fillers.add(s);
                    try {
                        s.connect(never.getLocalSocketAddress(), 150);
                    } catch (SocketTimeoutException e) {
                        full = true;
                    }
                }
                assumeThat(full).as("the accept queue could be filled (Linux behaviour)").isTrue();
                long t0 = System.nanoTime();
                var f =
                        quick.connect(
                                (InetSocketAddress) never.getLocalSocketAddress(),
                                null,
                                TransportProtocol.TCP,
                                null,
                                null,
                                new RecordingHandler());
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(ConnectTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - t0))
                        .isLessThan(Duration.ofSeconds(3));
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    @Test
    void listenOnABusyPortNamesTheAddress() throws Exception {
        Listener l = listen("127.0.0.1");
        var f =
                transport.listen(
                        l.localAddress(), TransportProtocol.TCP, null, c -> new RecordingHandler());
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(BindException.class)
                .hasMessageContaining("127.0.0.1:" + l.localAddress().getPort());
    }

    @Test
    void twoMessagesInOneWriteAndOneMessageByteByByte() throws Exception {
        Listener l = listen("127.0.0.1");
        try (Socket raw = new Socket("127.0.0.1", l.localAddress().getPort())) {
            raw.setTcpNoDelay(true);
            OutputStream out = raw.getOutputStream();
            byte[] a = Messages.dwr(1).toBytes();
            byte[] b = Messages.dwr(2).toBytes();
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            out.write(both);
            out.flush();
            assertThat(serverSide.next().hopByHop()).isEqualTo(1);
            assertThat(serverSide.next().hopByHop()).isEqualTo(2);

            byte[] c = Messages.dwr(3).toBytes();
            for (byte x : c) {
                out.write(x);
                out.flush();
            }
            assertThat(serverSide.next()).isEqualTo(Messages.dwr(3));
            assertThat(serverSide.malformed).isEmpty();
        }
    }

    @Test
    void hugeLengthClosesTheConnectionAfterOnMalformed() throws Exception {
        Listener l = listen("127.0.0.1");
        try (Socket raw = new Socket("127.0.0.1", l.localAddress().getPort())) {
            raw.getOutputStream().write(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xfc});
            raw.getOutputStream().flush();
            DecodeFailure f = serverSide.nextMalformed();
            assertThat(f.fatal()).isTrue();
            assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH);
            Throwable cause = serverSide.awaitClosed();
            assertThat(cause).isInstanceOf(FramingLostException.class);
            assertThat(((FramingLostException) cause).failure()).isEqualTo(f);
            assertThat(readEof(raw)).isTrue();
        }
    }

    @Test
    void versionTwoIsReportedAndTheStreamGoesOn() throws Exception {
        Listener l = listen("127.0.0.1");
        try (Socket raw = new Socket("127.0.0.1", l.localAddress().getPort())) {
            byte[] bad = Messages.dwr(1).toBytes();
            bad[0] = 2;
            raw.getOutputStream().write(bad);
            raw.getOutputStream().write(Messages.dwr(2).toBytes());
            DecodeFailure f = serverSide.nextMalformed();
            assertThat(f.fatal()).isFalse();
            assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_UNSUPPORTED_VERSION);
            assertThat(serverSide.next().hopByHop()).isEqualTo(2);
            assertThat(serverSide.closed).isNotDone();
        }
    }

    @Test
    void garbageIsFatal() throws Exception {
        Listener l = listen("127.0.0.1");
        try (Socket raw = new Socket("127.0.0.1", l.localAddress().getPort())) {
            raw.getOutputStream()
                    .write(
                            "SSH-2.0-OpenSSH_9.2\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(serverSide.nextMalformed().fatal()).isTrue();
            assertThat(serverSide.awaitClosed()).isInstanceOf(FramingLostException.class);
        }
    }

    @Test
    void exceptionInACallbackClosesTheConnectionWithThatCause() throws Exception {
        Listener l = listen("127.0.0.1");
        IllegalStateException boom = new IllegalStateException("boom (expected by the test)");
        serverSide.onMessage =
                (c, m) -> {
                    throw boom;
                };
        RecordingHandler client = new RecordingHandler();
        Connection c = connect(l, client);
        c.send(Messages.dwr(1));
        assertThat(serverSide.awaitClosed()).isSameAs(boom);
        assertThat(client.awaitClosed()).isNull(); // the peer saw an orderly FIN
        assertThat(serverSide.closedCalls.get()).isEqualTo(1);
    }

    @Test
    void acceptorReturningNullRefusesTheConnection() throws Exception {
        Listener l =
                transport
                        .listen(
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportProtocol.TCP,
                                null,
                                c -> null)
                        .get(5, TimeUnit.SECONDS);
        RecordingHandler client = new RecordingHandler();
        connect(l, client);
        assertThat(client.awaitClosed()).isNull();
    }

    @Test
    void sendAfterCloseFails() throws Exception {
        Listener l = listen("127.0.0.1");
        RecordingHandler client = new RecordingHandler();
        Connection c = connect(l, client);
        c.close();
        client.awaitClosed();
        assertThatThrownBy(() -> c.send(Messages.dwr(1)).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class);
    }

    @Test
    void closingTheTransportClosesEverythingWithinItsBound() throws Exception {
        Listener l = listen("127.0.0.1");
        RecordingHandler client = new RecordingHandler();
        connect(l, client);
        serverSide.messages.clear();
        long t0 = System.nanoTime();
        transport.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.closed).isDone();
        assertThat(l.isOpen()).isFalse();
        assertThat(transport.eventLoops().isTerminated()).isTrue();
        var f =
                transport.connect(
                        l.localAddress(), null, TransportProtocol.TCP, null, null, client);
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void peerResetIsTheCause() throws Exception {
        Listener l = listen("127.0.0.1");
        Socket raw = new Socket("127.0.0.1", l.localAddress().getPort());
        raw.getOutputStream().write(Messages.dwr(1).toBytes());
        assertThat(serverSide.next().hopByHop()).isEqualTo(1);
        raw.setSoLinger(true, 0); // close() sends an RST
        raw.close();
        assertThat(serverSide.awaitClosed()).isInstanceOf(IOException.class);
        assertThat(serverSide.closedCalls.get()).isEqualTo(1);
    }

    @Test
    void nothingIsDeliveredAfterALocalCloseInTheSameRead() throws Exception {
        Listener l = listen("127.0.0.1");
        serverSide.onMessage = (c, m) -> c.close();
        try (Socket raw = new Socket("127.0.0.1", l.localAddress().getPort())) {
            byte[] a = Messages.dwr(1).toBytes();
            byte[] b = Messages.dwr(2).toBytes();
            byte[] both = new byte[a.length + b.length];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            raw.getOutputStream().write(both);
            assertThat(serverSide.awaitClosed()).isNull();
            assertThat(serverSide.messages).hasSize(1);
            assertThat(serverSide.closedCalls.get()).isEqualTo(1);
        }
    }

    private static boolean readEof(Socket s) throws IOException {
        s.setSoTimeout(5_000);
        InputStream in = s.getInputStream();
        return in.read() == -1;
    }
}
