package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.Servers.ccr;
import static org.diameter4j.node.Servers.peer;
import static org.diameter4j.node.Servers.port;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Failover of pending requests (RFC 6733 §5.5.4, M-24) when a server dies under load. */
@Timeout(60)
class FailoverTest {

    @Test
    void pendingRequestsOfADeadServerAreRetransmittedWithTheTFlagToTheOther() throws Exception {
        Servers.Seen victimSeen = new Servers.Seen();
        Servers.Seen otherSeen = new Servers.Seen();
        victimSeen.delayMillis = 20_000; // the victim never answers in time
        try (DiameterNode victim = Servers.gy("dra-1.realm-2.com", victimSeen);
                DiameterNode other = Servers.gy("dra-2.realm-2.com", otherSeen);
                // The victim is reached through a TCP relay: closing it kills the connection
                // without a DPR, as a crash would.
                TestNet.Recorder wire =
                        new TestNet.Recorder(new InetSocketAddress("127.0.0.1", port(victim)));
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("bng-gx.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        .requestTimeout(Duration.ofSeconds(15))
                                        .peer(
                                                peer("dra-1.realm-2.com", wire.port())
                                                        .index(1)
                                                        .preference(10)
                                                        .build())
                                        .peer(
                                                peer("dra-2.realm-2.com", port(other))
                                                        .index(2)
                                                        .preference(20)
                                                        .build())
                                        .build())) {
            client.awaitReady("dra-1.realm-2.com", Duration.ofSeconds(5));
            client.awaitReady("dra-2.realm-2.com", Duration.ofSeconds(5));
            Set<Integer> retransmitted = ConcurrentHashMap.newKeySet();
            List<Boolean> retransmitFlags = new java.util.concurrent.CopyOnWriteArrayList<>();
            client.addListener(
                    NodeListener.messages(
                            t -> {
                                if (!t.received()
                                        && t.message().isRequest()
                                        && t.message().commandCode() == 272
                                        && t.peer().equals("dra-2.realm-2.com")) {
                                    retransmitted.add(t.message().endToEnd());
                                    retransmitFlags.add(t.message().isRetransmit());
                                }
                            }));
            int n = 200;
            List<CompletableFuture<DiameterMessage>> answers = new ArrayList<>();
            Set<Integer> endToEnds = new HashSet<>();
            for (int i = 0; i < n; i++) {
                DiameterMessage r = ccr(client, "realm-2.com", null);
                answers.add(client.send(r));
            }
            TestNet.await(
                    Duration.ofSeconds(10),
                    () -> "the victim handled " + victimSeen.handled.get() + " of " + n,
                    () -> victimSeen.handled.get() == n);
            assertThat(client.peer("dra-1.realm-2.com").pendingMessages()).isEqualTo(n);
            for (DiameterMessage r : victimSeen.requests) {
                endToEnds.add(r.endToEnd());
            }
            assertThat(endToEnds).hasSize(n);

            wire.close(); // the victim dies

            int answered = 0;
            for (CompletableFuture<DiameterMessage> f : answers) {
                DiameterMessage a = f.get(10, TimeUnit.SECONDS); // every request completes
                assertThat(Servers.originHost(a)).isEqualTo("dra-2.realm-2.com");
                assertThat(Servers.resultCode(a)).isEqualTo(2001);
                answered++;
            }
            assertThat(answered).isEqualTo(n);
            // Retransmitted with the T flag and the same End-to-End identifiers.
            assertThat(retransmitFlags).hasSize(n).containsOnly(true);
            assertThat(retransmitted).isEqualTo(endToEnds);
            // The other server handled each request once.
            assertThat(otherSeen.handled.get()).isEqualTo(n);
            assertThat(otherSeen.byEndToEnd.values()).allMatch(c -> c.get() == 1);
            assertThat(otherSeen.requests).allMatch(DiameterMessage::isRetransmit);
            assertThat(client.peer("dra-2.realm-2.com").pendingMessages()).isZero();
        }
    }

    @Test
    void aRequestForTheDeadHostCompletesWith3002InsteadOfGoingElsewhere() throws Exception {
        Servers.Seen victimSeen = new Servers.Seen();
        Servers.Seen otherSeen = new Servers.Seen();
        victimSeen.delayMillis = 20_000;
        try (DiameterNode victim = Servers.gy("dra-1.realm-2.com", victimSeen);
                DiameterNode other = Servers.gy("dra-2.realm-2.com", otherSeen);
                TestNet.Recorder wire =
                        new TestNet.Recorder(new InetSocketAddress("127.0.0.1", port(victim)));
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("bng-gx.realm-1.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(peer("dra-1.realm-2.com", wire.port()).build())
                                        .peer(
                                                peer("dra-2.realm-2.com", port(other))
                                                        .index(2)
                                                        .build())
                                        .build())) {
            client.awaitReady("dra-1.realm-2.com", Duration.ofSeconds(5));
            client.awaitReady("dra-2.realm-2.com", Duration.ofSeconds(5));
            CompletableFuture<DiameterMessage> f =
                    client.send(ccr(client, "realm-2.com", "dra-1.realm-2.com"));
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "not delivered",
                    () -> victimSeen.handled.get() == 1);
            wire.close();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(NoRouteException.class)
                    .satisfies(
                            e ->
                                    assertThat(((NoRouteException) e.getCause()).resultCode())
                                            .isEqualTo(3002));
            assertThat(otherSeen.handled.get()).isZero();
        }
    }
}
