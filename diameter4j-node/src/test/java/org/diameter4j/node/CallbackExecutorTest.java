package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.TestNet.D;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 §3: user code runs off the event loop. A handler that blocks must not hold up the
 * connection's other traffic — above all the DWA, whose delay gets a peer declared down (RFC 6733
 * §5.5, RFC 3539 §3.4) — and what a user chains on {@link DiameterNode#send} must not run on the
 * I/O thread.
 */
@Timeout(30)
class CallbackExecutorTest {
    private static final String CLIENT = "raw.example.com";

    @Test
    void aHandlerBlockingOneSecondDoesNotDelayTheDwaOnItsConnection() throws Exception {
        try (DiameterNode server = server();
                Socket socket = new Socket()) {
            server.handle(
                    4,
                    272,
                    (req, ctx) -> {
                        sleep(1000); // a blocking database call, say
                        return CompletableFuture.completedFuture(ctx.answer(req, 2001));
                    });
            open(socket, server);
            assertThat(TestNet.read(socket.getInputStream()).commandCode()).isEqualTo(257);

            TestNet.write(socket.getOutputStream(), ccr().hopByHop(2).endToEnd(2));
            long sent = System.nanoTime();
            TestNet.write(socket.getOutputStream(), dwr().hopByHop(3).endToEnd(3));
            DiameterMessage first = TestNet.read(socket.getInputStream());
            long firstMillis = (System.nanoTime() - sent) / 1_000_000;
            DiameterMessage second = TestNet.read(socket.getInputStream());

            assertThat(first.commandCode()).as("the DWA overtakes the blocked CCA").isEqualTo(280);
            assertThat(firstMillis).as("DWA latency, ms").isLessThan(500);
            assertThat(second.commandCode()).isEqualTo(272);
        }
    }

    @Test
    void whatAUserChainsOnSendRunsOffTheIoThread() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        try (DiameterNode server = Servers.gy("ocs.example.net", seen);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("pgw.example.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(
                                                Servers.peer(
                                                                "ocs.example.net",
                                                                Servers.port(server))
                                                        .build())
                                        .build())) {
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            String thread =
                    client.send(Servers.ccr(client, "example.net", null))
                            .thenApply(a -> Thread.currentThread().getName())
                            .get(10, TimeUnit.SECONDS);
            assertThat(thread)
                    .doesNotStartWith("diameter4j-nio")
                    .doesNotStartWith("diameter4j-epoll");
            assertThat(seen.handled).hasValue(1);
        }
    }

    @Test
    void runnableRunKeepsHandlersOnTheIoThreadWhenAskedFor() throws Exception {
        String[] where = new String[1];
        try (DiameterNode server =
                        DiameterNode.start(
                                NodeConfig.builder("ocs.example.net")
                                        .application(ApplicationId.auth(4))
                                        .listen("127.0.0.1:0")
                                        .acceptAnyPeer(true)
                                        .callbackExecutor(Runnable::run)
                                        .build());
                Socket socket = new Socket()) {
            server.handle(
                    4,
                    272,
                    (req, ctx) -> {
                        where[0] = Thread.currentThread().getName();
                        return CompletableFuture.completedFuture(ctx.answer(req, 2001));
                    });
            open(socket, server);
            TestNet.read(socket.getInputStream());
            TestNet.write(socket.getOutputStream(), ccr().hopByHop(2).endToEnd(2));
            assertThat(TestNet.read(socket.getInputStream()).commandCode()).isEqualTo(272);
            assertThat(where[0]).startsWith("diameter4j-");
            assertThat(where[0]).doesNotStartWith("diameter4j-callbacks");
        }
    }

    /**
     * Issue 10: a handler that never blocks can run where its request was read, without the two
     * hand-offs; one that throws there still gets its 5012 answer (RFC 6733 §7.1.5) and the loop
     * goes on serving the connection.
     */
    @Test
    void anEventLoopHandlerRunsOnTheIoThreadAndAThrowGets5012() throws Exception {
        String[] where = new String[1];
        try (DiameterNode server = server();
                Socket socket = new Socket()) {
            server.handleOnEventLoop(
                    4,
                    272,
                    (req, ctx) -> {
                        where[0] = Thread.currentThread().getName();
                        if (req.endToEnd() == 3) {
                            throw new IllegalStateException("a bug in the handler");
                        }
                        return CompletableFuture.completedFuture(ctx.answer(req, 2001));
                    });
            open(socket, server);
            TestNet.read(socket.getInputStream());
            TestNet.write(socket.getOutputStream(), ccr().hopByHop(2).endToEnd(2));
            DiameterMessage ok = TestNet.read(socket.getInputStream());
            assertThat(D.get(ok, "Result-Code").asUnsigned32()).isEqualTo(2001);
            assertThat(where[0]).startsWith("diameter4j-").doesNotStartWith("diameter4j-callbacks");

            TestNet.write(socket.getOutputStream(), ccr().hopByHop(3).endToEnd(3));
            DiameterMessage failed = TestNet.read(socket.getInputStream());
            assertThat(failed.hopByHop()).isEqualTo(3);
            assertThat(D.get(failed, "Result-Code").asUnsigned32()).isEqualTo(5012);

            TestNet.write(socket.getOutputStream(), dwr().hopByHop(4).endToEnd(4));
            assertThat(TestNet.read(socket.getInputStream()).commandCode())
                    .as("the loop serves on")
                    .isEqualTo(280);
        }
    }

    /** The server under test: Gy, on a free loopback port, any peer. */
    private static DiameterNode server() {
        return DiameterNode.start(
                NodeConfig.builder("ocs.example.net")
                        .application(ApplicationId.auth(4))
                        .listen("127.0.0.1:0")
                        .acceptAnyPeer(true)
                        .build());
    }

    /** Connects {@code socket} to {@code server} and sends the CER (the CEA is for the caller). */
    private static void open(Socket socket, DiameterNode server) throws java.io.IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", Servers.port(server)), 5000);
        socket.setSoTimeout(5000);
        TestNet.write(socket.getOutputStream(), cer(socket).hopByHop(1).endToEnd(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DiameterMessage cer(Socket s) {
        return TestNet.rawCer(CLIENT, s.getLocalAddress());
    }

    private static DiameterMessage ccr() {
        return D.request("CCR", 4)
                .add(D.avp("Session-Id", CLIENT + ";1;1"))
                .add(D.avp("Origin-Host", CLIENT))
                .add(D.avp("Origin-Realm", "example.com"))
                .add(D.avp("Destination-Realm", "example.net"))
                .add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(D.avp("CC-Request-Number", 0));
    }

    private static DiameterMessage dwr() {
        return TestNet.rawDwr(CLIENT);
    }
}
