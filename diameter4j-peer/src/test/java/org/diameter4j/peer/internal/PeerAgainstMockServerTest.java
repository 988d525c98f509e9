package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerDisconnectedException;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.RequestTimeoutException;
import org.diameter4j.peer.WatchdogState;
import org.diameter4j.testkit.mock.MockDiameterServer;
import org.diameter4j.testkit.mock.SocketPolicy;
import org.diameter4j.transport.Transport;
import org.diameter4j.transport.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link Peer} against {@code MockDiameterServer} over loopback, with its timers on a virtual
 * clock (advanced on the peer's event loop, where the peer runs): each of seed 001's misbehaving
 * servers meets the RFC 6733 §5.6 / RFC 3539 reaction it calls for.
 */
@Timeout(30)
class PeerAgainstMockServerTest {
    private static final Dictionary D = Dictionary.standard();
    private static final String CLIENT = "client.example.com";

    private MockDiameterServer server;
    private Transport transport;
    private EventLoop loop;
    private final ManualTimers clock = new ManualTimers();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private Peer peer;

    @BeforeEach
    void start() throws Exception {
        server = MockDiameterServer.builder().authApplication(4).start();
        transport = Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT.withTypes(D)));
        loop = transport.eventLoops().next();
        PeerConfig pc =
                PeerConfig.connectTo("aaa://127.0.0.1:" + server.port())
                        .destinationHost(server.originHost())
                        .tc(Duration.ofSeconds(30))
                        .tw(Duration.ofSeconds(30))
                        .ceaTimeout(Duration.ofSeconds(5))
                        .build();
        peer = new Peer(new Context(), pc, loop, clock, false);
    }

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            onLoop(() -> peer.stop(DisconnectCause.REBOOTING));
        }
        server.close();
        transport.close();
    }

    /** Moves the virtual clock on the peer's loop, as the Netty timers would fire there. */
    private void advance(Duration d) throws Exception {
        onLoop(() -> clock.advance(d.toMillis()));
    }

    private void onLoop(Runnable r) throws Exception {
        loop.submit(r).get(5, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for the peer to reach {@code s}: its socket events are real. */
    private void awaitState(PeerState s) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (peer.state() != s && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(peer.state()).as("state; changes: %s", changes).isEqualTo(s);
    }

    private static DiameterMessage ccr(int n) {
        return D.request("CCR", 4)
                .add(D.avp("Session-Id", CLIENT + ";1;" + n))
                .add(D.avp("Origin-Host", CLIENT))
                .add(D.avp("Origin-Realm", "example.com"))
                .add(D.avp("Destination-Realm", "example.net"))
                .add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(D.avp("CC-Request-Number", 0));
    }

    @Test
    void aWellBehavedServerOpensThePeerAndAnswers() throws Exception {
        peer.start();
        peer.whenOpen().get(10, TimeUnit.SECONDS);
        assertThat(peer.remote().originHost()).isEqualTo(server.originHost());
        assertThat(peer.commonApplications()).extracting(ApplicationId::id).contains(4L);

        DiameterMessage cca = peer.send(ccr(1), 5_000).get(10, TimeUnit.SECONDS);
        assertThat(cca.find(268).asUnsigned32()).isEqualTo(2001);
        assertThat(server.takeRequest(272, Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void noCeaWithinTheTimerClosesThePeerAndTcReconnects() throws Exception {
        server.policy(SocketPolicy.NO_CEA);
        peer.start();
        awaitState(PeerState.WAIT_I_CEA);
        advance(Duration.ofSeconds(5)); // RFC 6733 §5.6: Timeout in Wait-I-CEA → Closed
        awaitState(PeerState.CLOSED);
        assertThat(peer.lastFailure()).contains("no CEA").doesNotContain("closed by the peer");
        assertThat(server.connectionCount()).isEqualTo(1);

        server.policy(SocketPolicy.NORMAL);
        advance(Duration.ofSeconds(30)); // Tc (§2.1): the next attempt succeeds
        peer.whenOpen().get(10, TimeUnit.SECONDS);
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void aServerThatClosesOnTheCerLeavesThePeerClosedWithTheReason() throws Exception {
        server.policy(SocketPolicy.CLOSE_AFTER_CER);
        peer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!changes.contains("WAIT_I_CEA->CLOSED") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // RFC 6733 §5.6: Peer-Disc in Wait-I-CEA → Closed, with the reason kept for show/probe.
        assertThat(changes).containsSubsequence("CLOSED->WAIT_CONN_ACK", "WAIT_I_CEA->CLOSED");
        assertThat(peer.state()).isEqualTo(PeerState.CLOSED);
        assertThat(peer.lastFailure())
                .contains("closed by the peer after our CER, without a CEA")
                .contains("Origin-Host " + CLIENT);
    }

    @Test
    void withoutDwaTheWatchdogSuspectsThenDropsTheConnection() throws Exception {
        server.policy(SocketPolicy.NO_DWA);
        peer.start();
        peer.whenOpen().get(10, TimeUnit.SECONDS);
        // RFC 3539 §3.4.1: Tw without traffic → DWR; another Tw without DWA → SUSPECT; another →
        // DOWN.
        advance(Duration.ofSeconds(33));
        assertThat(peer.watchdogState()).isEqualTo(WatchdogState.OKAY);
        advance(Duration.ofSeconds(33));
        assertThat(peer.watchdogState()).isEqualTo(WatchdogState.SUSPECT);
        assertThat(peer.isReady()).isFalse();
        advance(Duration.ofSeconds(33));
        awaitState(PeerState.CLOSED);
        assertThat(peer.watchdogState()).isEqualTo(WatchdogState.DOWN);
    }

    @Test
    void anUnansweredRequestTimesOutOnTheVirtualClock() throws Exception {
        server.policy(SocketPolicy.NO_ANSWER);
        peer.start();
        peer.whenOpen().get(10, TimeUnit.SECONDS);
        CompletableFuture<DiameterMessage> f = peer.send(ccr(2), 4_000);
        assertThat(server.takeRequest(272, Duration.ofSeconds(5))).isNotNull();
        assertThat(f).isNotDone();
        advance(Duration.ofSeconds(4));
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RequestTimeoutException.class);
        assertThat(peer.pendingCount()).isZero();
    }

    @Test
    void aServerThatDropsTheConnectionMidRequestFailsItWithTheCause() throws Exception {
        server.policy(SocketPolicy.DISCONNECT_ON_REQUEST);
        peer.start();
        peer.whenOpen().get(10, TimeUnit.SECONDS);
        CompletableFuture<DiameterMessage> f = peer.send(ccr(3), 10_000);
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(PeerDisconnectedException.class);
        awaitState(PeerState.CLOSED);
    }

    /** A node that serves nothing and keeps no pending request for failover. */
    private final class Context implements PeerContext {
        private final LocalIdentity local =
                new LocalIdentity(
                        CLIENT,
                        "example.com",
                        0,
                        "diameter4j-test",
                        null,
                        List.of(),
                        List.of(ApplicationId.auth(4)),
                        1L,
                        false);
        private final Ids ids = new Ids();
        private final HostResolver resolver = HostResolver.system();

        @Override
        public LocalIdentity local() {
            return local;
        }

        @Override
        public Dictionary dictionary() {
            return D;
        }

        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public HostResolver resolver() {
            return resolver;
        }

        @Override
        public Ids ids() {
            return ids;
        }

        @Override
        public CompletableFuture<DiameterMessage> serve(Peer p, DiameterMessage request) {
            return CompletableFuture.failedFuture(new IllegalStateException("serves nothing"));
        }

        @Override
        public void peerChanged(Peer p, PeerState from, PeerState to) {
            changes.add(from.name() + "->" + to.name());
        }

        @Override
        public List<PendingRequest> failover(Peer p, List<PendingRequest> pending, boolean lost) {
            return pending; // none taken: they fail when the connection is gone
        }

        @Override
        public void malformed(Peer p, DecodeFailure failure) {
            changes.add("malformed " + failure.resultCode());
        }
    }
}
