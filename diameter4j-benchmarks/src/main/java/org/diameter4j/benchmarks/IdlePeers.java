package org.diameter4j.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;

/**
 * Many idle Diameter peers for a memory measurement (issue 10): opens N TCP connections to a
 * server, sends each one's CER (RFC 6733 §5.3.1) as bytes built with our codec, waits for its CEA
 * (§5.3.2, Result-Code 2001), then keeps every connection open and idle — answering the server's
 * DWRs with DWAs (§5.5.2, RFC 3539 §3.4) and a DPR with a DPA (§5.4.2) — until {@code --hold} has
 * passed or the process is stopped.
 *
 * <p>Cheap on purpose: one NIO event loop, a length-field framer and one small handler per
 * connection; nothing of the peer state machine. Each peer has its own Origin-Host ({@code
 * peer-I.idle.example}) so that the server sees N distinct peers. The sources are spread over
 * {@code --sources} loopback addresses from {@code --first-source} (127.0.0.2, 127.0.0.3, …): a
 * socket bound to one address before it connects takes its own ephemeral port, ~28,000 per address
 * with Linux's default range, so 100,000 peers need four or more.
 *
 * <pre>
 * java -cp benchmarks.jar org.diameter4j.benchmarks.IdlePeers --connect 127.0.0.1:3868 \
 *     --peers 10000 [--sources K] [--first-source 127.0.0.2] [--in-flight 256] [--hold 600]
 * </pre>
 *
 * Prints on stdout one {@code progress …} line every 5 s, then {@code ready ok=N failed=F ms=T}
 * once every peer has its CEA (or failed), then a {@code status …} line every 10 s: peers still
 * connected, DWRs answered, connections lost. Exits 0 after the hold, 1 when a peer failed.
 */
public final class IdlePeers {
    static final int CER = 257;
    static final int DWR = 280;
    static final int DPR = 282;
    static final int ORIGIN_HOST = 264;
    static final int ORIGIN_REALM = 296;
    static final int RESULT_CODE = 268;
    static final int HOST_IP_ADDRESS = 257;
    static final int VENDOR_ID = 266;
    static final int PRODUCT_NAME = 269;
    static final int AUTH_APPLICATION_ID = 258;
    static final long DIAMETER_SUCCESS = 2001;
    static final String REALM = "idle.example";

    private final Options o;
    private final MessageDecoder decoder = new MessageDecoder(DecodeOptions.DEFAULT);
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicLong watchdogs = new AtomicLong();
    private final CountDownLatch settled;
    private volatile String firstFailure;
    private Bootstrap bootstrap;

    /** The command line: see the class comment. */
    record Options(
            InetSocketAddress server,
            int peers,
            int sources,
            InetAddress firstSource,
            int inFlight,
            long holdSeconds) {

        static Options parse(String[] args) throws Exception {
            String connect = "127.0.0.1:3868";
            int peers = 10_000;
            int sources = 0;
            String first = "127.0.0.2";
            int inFlight = 256;
            long hold = 600;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    throw new IllegalArgumentException("usage");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--connect" -> connect = v;
                    case "--peers" -> peers = Integer.parseInt(v);
                    case "--sources" -> sources = Integer.parseInt(v);
                    case "--first-source" -> first = v;
                    case "--in-flight" -> inFlight = Integer.parseInt(v);
                    case "--hold" -> hold = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            int colon = connect.lastIndexOf(':');
            InetSocketAddress server =
                    new InetSocketAddress(
                            connect.substring(0, colon),
                            Integer.parseInt(connect.substring(colon + 1)));
            if (peers < 1 || inFlight < 1 || hold < 1) {
                throw new IllegalArgumentException("--peers, --in-flight, --hold must be >= 1");
            }
            return new Options(
                    server,
                    peers,
                    sources > 0 ? sources : defaultSources(peers),
                    InetAddress.getByName(first),
                    inFlight,
                    hold);
        }
    }

    /** One loopback source per 25,000 peers, at least one: well inside 28,000 ports each. */
    static int defaultSources(int peers) {
        return Math.max(1, (peers + 24_999) / 25_000);
    }

    /** The {@code i}-th of {@code count} source addresses from {@code first}: round robin. */
    static InetAddress source(InetAddress first, int count, int i) throws Exception {
        byte[] b = first.getAddress();
        long v = 0;
        for (byte x : b) {
            v = v << 8 | (x & 0xff);
        }
        v += i % count;
        for (int k = b.length - 1; k >= 0; k--) {
            b[k] = (byte) v;
            v >>>= 8;
        }
        return InetAddress.getByAddress(b);
    }

    /** The Origin-Host of peer {@code i}. */
    static String host(int i) {
        return "peer-" + i + "." + REALM;
    }

    /**
     * {@code CER ::= < Diameter Header: 257, REQ > { Origin-Host } { Origin-Realm } 1* {
     * Host-IP-Address } { Vendor-Id } { Product-Name } * [ Auth-Application-Id ]} (RFC 6733
     * §5.3.1), as bytes: Gy (4), Rf (3), S6a (16777251) offered.
     */
    static byte[] cer(String originHost, InetAddress hostIp, int hopByHop) {
        int m = Avp.FLAG_MANDATORY;
        DiameterMessage cer = DiameterMessage.request(CER, 0, false);
        cer.hopByHop(hopByHop).endToEnd(hopByHop);
        cer.add(Avp.ofUtf8(ORIGIN_HOST, 0, m, originHost));
        cer.add(Avp.ofUtf8(ORIGIN_REALM, 0, m, REALM));
        cer.add(Avp.ofAddress(HOST_IP_ADDRESS, 0, m, hostIp));
        cer.add(Avp.ofUnsigned32(VENDOR_ID, 0, m, 0));
        cer.add(Avp.ofUtf8(PRODUCT_NAME, 0, 0, "diameter4j-idle-peers"));
        for (long app : new long[] {4, 3, 16777251}) {
            cer.add(Avp.ofUnsigned32(AUTH_APPLICATION_ID, 0, m, app));
        }
        return encode(cer);
    }

    /**
     * The answer to a request the server sent (DWR, DPR, anything else): Result-Code 2001,
     * Origin-Host, Origin-Realm (RFC 6733 §5.5.2 DWA, §5.4.2 DPA).
     */
    static byte[] answer(DiameterMessage request, String originHost) {
        DiameterMessage a = request.answer();
        int m = Avp.FLAG_MANDATORY;
        a.add(Avp.ofUnsigned32(RESULT_CODE, 0, m, DIAMETER_SUCCESS));
        a.add(Avp.ofUtf8(ORIGIN_HOST, 0, m, originHost));
        a.add(Avp.ofUtf8(ORIGIN_REALM, 0, m, REALM));
        return encode(a);
    }

    static byte[] encode(DiameterMessage m) {
        ByteBuf buf = Unpooled.buffer(m.length());
        try {
            m.encode(buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    IdlePeers(Options o) {
        this.o = o;
        this.settled = new CountDownLatch(o.peers());
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(
                    "IdlePeers: "
                            + e.getMessage()
                            + "\nusage: IdlePeers --connect HOST:PORT --peers N [--sources K]"
                            + " [--first-source IP] [--in-flight N] [--hold SECONDS]");
            System.exit(2);
            return;
        }
        System.exit(new IdlePeers(o).run());
    }

    int run() throws Exception {
        EventLoopGroup loop = new NioEventLoopGroup(1);
        try {
            bootstrap =
                    new Bootstrap()
                            .group(loop)
                            .channel(NioSocketChannel.class)
                            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                            .option(ChannelOption.TCP_NODELAY, true)
                            .handler(
                                    new ChannelInitializer<SocketChannel>() {
                                        @Override
                                        protected void initChannel(SocketChannel ch) {}
                                    });
            long t0 = System.nanoTime();
            for (int i = 0; i < Math.min(o.inFlight(), o.peers()); i++) {
                startNext();
            }
            while (!settled.await(5, TimeUnit.SECONDS)) {
                System.out.printf(
                        "progress ready=%d failed=%d open=%d%n",
                        ready.get(), failed.get(), open.get());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(
                    "ready ok=%d failed=%d ms=%d sources=%d%s%n",
                    ready.get(),
                    failed.get(),
                    ms,
                    o.sources(),
                    firstFailure != null ? " first-failure=\"" + firstFailure + "\"" : "");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.holdSeconds());
            while (System.nanoTime() < end) {
                Thread.sleep(
                        Math.min(
                                10_000,
                                TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1));
                System.out.printf(
                        "status open=%d watchdogs-answered=%d lost=%d%n",
                        open.get(), watchdogs.get(), lost.get());
            }
            return failed.get() == 0 && lost.get() == 0 ? 0 : 1;
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Opens the next peer's connection, if any is left; one more starts when it settles. */
    private void startNext() {
        int i = next.getAndIncrement();
        if (i >= o.peers()) {
            return;
        }
        InetAddress src;
        try {
            src = source(o.firstSource(), o.sources(), i);
        } catch (Exception e) {
            fail("source address: " + e);
            return;
        }
        PeerHandler h = new PeerHandler(i, src);
        ChannelFuture f =
                bootstrap
                        .clone()
                        .handler(
                                new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline()
                                                .addLast(
                                                        new LengthFieldBasedFrameDecoder(
                                                                1 << 20, 1, 3, -4, 0),
                                                        h);
                                    }
                                })
                        .connect(o.server(), new InetSocketAddress(src, 0));
        f.addListener(
                r -> {
                    if (!r.isSuccess()) {
                        fail("connect from " + src.getHostAddress() + ": " + r.cause());
                    }
                });
    }

    private void fail(String why) {
        if (firstFailure == null) {
            firstFailure = why;
        }
        failed.incrementAndGet();
        settled.countDown();
        startNext();
    }

    /** One peer's connection: CER out, CEA in, then DWR → DWA until the end. */
    private final class PeerHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final int index;
        private final InetAddress source;
        private boolean capable;
        private boolean settledHere;

        PeerHandler(int index, InetAddress source) {
            this.index = index;
            this.source = source;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            open.incrementAndGet();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(cer(host(index), source, index + 1)));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] bytes = ByteBufUtil.getBytes(frame);
            DecodeResult r = decoder.decode(bytes, 0, bytes.length);
            if (!r.isSuccess()) {
                ctx.close();
                return;
            }
            DiameterMessage m = r.message();
            if (m.isRequest()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(answer(m, host(index))));
                if (m.commandCode() == DWR) {
                    watchdogs.incrementAndGet();
                }
                return;
            }
            if (m.commandCode() == CER && !settledHere) {
                settledHere = true;
                Avp rc = m.find(RESULT_CODE, 0);
                if (rc != null && rc.asUnsigned32() == DIAMETER_SUCCESS) {
                    capable = true;
                    ready.incrementAndGet();
                    settled.countDown();
                    startNext();
                } else {
                    ctx.close();
                    fail(
                            "CEA for "
                                    + host(index)
                                    + ": Result-Code "
                                    + (rc == null ? "none" : rc.asUnsigned32()));
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
            if (capable) {
                lost.incrementAndGet();
            } else if (!settledHere) {
                settledHere = true;
                fail(host(index) + " closed before its CEA");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
            ctx.close();
        }
    }
}
