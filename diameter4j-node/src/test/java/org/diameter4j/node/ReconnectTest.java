package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.node.TestNet.await;
import static org.diameter4j.node.TestNet.during;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.Peer;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reconnection with Tc, Disconnect-Cause, DNS re-resolution and election (RFC 6733 §2.1, §5.4.3,
 * §5.6.4; M-01, M-08).
 */
@Timeout(20)
class ReconnectTest {
    private static final Duration TC = Duration.ofSeconds(1);

    static DiameterNode server(String listen) {
        return DiameterNode.start(
                NodeConfig.builder("ocs.example.net")
                        .application(ApplicationId.auth(4))
                        .listen(listen)
                        .acceptAnyPeer(true)
                        .build());
    }

    static DiameterNode client(String uri, HostResolver resolver) {
        NodeConfig c =
                NodeConfig.builder("client.example.com")
                        .application(ApplicationId.auth(4))
                        .peer(
                                PeerConfig.connectTo(uri)
                                        .destinationHost("ocs.example.net")
                                        .tc(TC)
                                        .build())
                        .build();
        return resolver == null ? DiameterNode.start(c) : DiameterNode.start(c, resolver);
    }

    /** INFO records of the peer logger (System.Logger goes to java.util.logging here). */
    static final class Captured extends Handler implements AutoCloseable {
        final List<String> infos = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger("org.diameter4j.peer");

        Captured() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                infos.add(r.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    /**
     * RFC 6733 §2.1 (Tc), M-08: the server restarts on the same port; the client retries every Tc,
     * logs the lost connection once (not once per refused attempt), and is I-Open again.
     */
    @Test
    void reconnectsAfterTheServerRestartsAndLogsOncePerChange() throws Exception {
        DiameterNode server = server("127.0.0.1:0");
        int port = server.listenAddresses().get(0).getPort();
        try (DiameterNode client = client("aaa://127.0.0.1:" + port, null);
                Captured log = new Captured()) {
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            Peer p = client.find("ocs.example.net");
            server.close(); // DPR REBOOTING: "MAY attempt reconnection"
            await(
                    Duration.ofSeconds(3),
                    () -> "client still " + p.state(),
                    () -> p.state() == PeerState.CLOSED);
            assertThat(p.lastDisconnectCause()).isEqualTo(DisconnectCause.REBOOTING);
            // Let at least two reconnection attempts be refused.
            int before = log.infos.size();
            await(
                    Duration.ofSeconds(5),
                    () -> "no refused attempt: " + p.lastFailure(),
                    () -> p.lastFailure() != null && p.lastFailure().contains("refused"));
            // Two more attempts (Tc = 1 s) are refused meanwhile.
            during(
                    Duration.ofMillis(2_300),
                    () -> "client " + p.state(),
                    () -> !p.state().isOpen());
            List<String> during = log.infos.subList(before, log.infos.size());
            long refusedLines = during.stream().filter(s -> s.contains("refused")).count();
            assertThat(refusedLines).as("INFO lines while refused: %s", during).isEqualTo(1);

            server = server("127.0.0.1:" + port);
            await(
                    Duration.ofSeconds(4),
                    () -> "client " + p.state() + ": " + p.lastFailure(),
                    () -> p.state() == PeerState.I_OPEN);
        } finally {
            server.close();
        }
    }

    /** RFC 6733 §5.4.3: BUSY and DO_NOT_WANT_TO_TALK_TO_YOU — "SHOULD NOT attempt reconnection". */
    @ParameterizedTest
    @EnumSource(
            value = DisconnectCause.class,
            names = {"BUSY", "DO_NOT_WANT_TO_TALK_TO_YOU"})
    void noReconnectAfterBusyOrDoNotWantToTalk(DisconnectCause cause) throws Exception {
        DiameterNode server = server("127.0.0.1:0");
        int port = server.listenAddresses().get(0).getPort();
        try (DiameterNode client = client("aaa://127.0.0.1:" + port, null)) {
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            Peer p = client.find("ocs.example.net");
            server.close(cause);
            await(
                    Duration.ofSeconds(3),
                    () -> "client still " + p.state(),
                    () -> p.state() == PeerState.CLOSED);
            assertThat(p.lastDisconnectCause()).isEqualTo(cause);
            assertThat(p.reconnectRemainingSeconds()).isEqualTo(-1);
            server = server("127.0.0.1:" + port); // a reconnection would succeed now
            during(
                    TC.plusMillis(800),
                    () -> "client reconnected: " + p.state(),
                    () -> p.state() == PeerState.CLOSED);
            assertThat(server.peer("client.example.com")).isNull();
        } finally {
            server.close();
        }
    }

    /**
     * M-01: the FQDN is resolved again at every attempt; when the name moves from 127.0.0.1 to
     * 127.0.0.2 (a load balancer changing address), the client follows.
     */
    @Test
    void nameIsResolvedAgainAtEveryAttempt() throws Exception {
        DiameterNode a = server("127.0.0.1:0");
        int port = a.listenAddresses().get(0).getPort();
        DiameterNode b = server("127.0.0.2:" + port);
        AtomicReference<InetAddress> target =
                new AtomicReference<>(InetAddress.getByName("127.0.0.1"));
        AtomicInteger calls = new AtomicInteger();
        HostResolver stub =
                host -> {
                    calls.incrementAndGet();
                    return host.equals("lb.example.test")
                            ? CompletableFuture.completedFuture(List.of(target.get()))
                            : HostResolver.system().resolve(host);
                };
        try (DiameterNode client = client("aaa://lb.example.test:" + port, stub)) {
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            Peer p = client.find("ocs.example.net");
            assertThat(p.remoteAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", port));
            assertThat(calls.get()).isEqualTo(1);
            target.set(InetAddress.getByName("127.0.0.2"));
            a.close();
            await(
                    Duration.ofSeconds(5),
                    () -> "client " + p.state() + " at " + p.remoteAddress(),
                    () ->
                            p.state() == PeerState.I_OPEN
                                    && p.remoteAddress()
                                            .getAddress()
                                            .getHostAddress()
                                            .equals("127.0.0.2"));
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
            assertThat(b.peer("client.example.com").status()).isEqualTo(PeerState.R_OPEN);
        } finally {
            a.close();
            b.close();
        }
    }

    /** M-01, M-27: a name that does not resolve is reported as a DNS failure. */
    @Test
    void unresolvableNameIsReportedAsDns() {
        try (DiameterNode client = client("aaa://nowhere.invalid:3868", null)) {
            assertThatThrownBy(() -> client.awaitReady("ocs.example.net", Duration.ofSeconds(2)))
                    .isInstanceOf(PeerNotReadyException.class)
                    .hasMessageContaining("DNS: cannot resolve 'nowhere.invalid'");
        }
    }

    /**
     * RFC 6733 §5.6.4: both nodes connect to each other at once; the election leaves one
     * connection, and the node whose Origin-Host is greater keeps its responder connection
     * (R-Open).
     */
    @RepeatedTest(4)
    void electionLeavesOneConnectionAndTheGreaterHostIsResponder() throws Exception {
        int portA = TestNet.freePort("127.0.0.1");
        int portB = TestNet.freePort("127.0.0.1");
        try (DiameterNode a = electionNode("a.example.com", portA, "b.example.com", portB);
                DiameterNode b = electionNode("b.example.com", portB, "a.example.com", portA)) {
            Peer toB = a.find("b.example.com");
            Peer toA = b.find("a.example.com");
            toB.start(); // both connect at the same moment
            toA.start();
            await(
                    Duration.ofSeconds(8),
                    () ->
                            "a->b "
                                    + toB.state()
                                    + " ("
                                    + toB.lastFailure()
                                    + "), b->a "
                                    + toA.state()
                                    + " ("
                                    + toA.lastFailure()
                                    + ")",
                    () -> toB.state().isOpen() && toA.state().isOpen());
            assertThat(toA.state())
                    .as("b.example.com > a.example.com keeps its responder connection")
                    .isEqualTo(PeerState.R_OPEN);
            assertThat(toB.state()).isEqualTo(PeerState.I_OPEN);
            // One connection: each side's ends are the other's.
            assertThat(toB.localAddress()).isEqualTo(toA.remoteAddress());
            assertThat(toB.remoteAddress()).isEqualTo(toA.localAddress());
            during(
                    Duration.ofMillis(300),
                    () -> "a->b " + toB.state() + ", b->a " + toA.state(),
                    () -> toB.state() == PeerState.I_OPEN && toA.state() == PeerState.R_OPEN);
        }
    }

    private static DiameterNode electionNode(String host, int listen, String other, int otherPort) {
        return DiameterNode.start(
                NodeConfig.builder(host)
                        .application(ApplicationId.auth(4))
                        .listen("127.0.0.1:" + listen)
                        .peer(
                                PeerConfig.connectTo("aaa://127.0.0.1:" + otherPort)
                                        .destinationHost(other)
                                        .tc(TC)
                                        .enabled(false)
                                        .build())
                        .build());
    }
}
