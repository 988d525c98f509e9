package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.RequestTimeoutException;
import org.diameter4j.testkit.mock.MockAnswers;
import org.diameter4j.testkit.mock.MockDiameterServer;
import org.diameter4j.testkit.mock.RecordedRequest;
import org.diameter4j.testkit.mock.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link DiameterNode} client against {@link MockDiameterServer}, an implementation that shares
 * none of its code: what the node puts in a request (RFC 6733 §6.1: Origin-*, Destination-Realm),
 * how an answer and its Result-Code come back, and what the caller sees when the server never
 * answers or drops the connection mid-request.
 */
@Timeout(30)
class MockServerClientTest {
    private static DiameterNode client(MockDiameterServer mock, Duration requestTimeout) {
        DiameterNode n =
                DiameterNode.start(
                        NodeConfig.builder("pgw.example.com")
                                .application(ApplicationId.auth(4))
                                .requestTimeout(requestTimeout)
                                .peer(
                                        PeerConfig.connectTo(mock.uri())
                                                .destinationHost(mock.originHost())
                                                .tc(Duration.ofSeconds(1))
                                                .build())
                                .build());
        n.awaitReady(mock.originHost(), Duration.ofSeconds(5));
        return n;
    }

    @Test
    void theRequestCarriesWhatRoutingNeedsAndTheQueuedAnswerComesBack() throws Exception {
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                DiameterNode node = client(mock, Duration.ofSeconds(5))) {
            mock.enqueue(MockAnswers.resultCode(4012));
            DiameterMessage a = node.send(Servers.ccr(node, null, null)).get(10, TimeUnit.SECONDS);
            assertThat(Servers.D.get(a, "Result-Code").asUnsigned32()).isEqualTo(4012);

            RecordedRequest r = mock.takeRequest(Duration.ofSeconds(5));
            assertThat(Servers.D.get(r.message(), "Origin-Host").asUtf8())
                    .isEqualTo("pgw.example.com");
            assertThat(Servers.D.get(r.message(), "Destination-Realm").asUtf8())
                    .as("the peer's realm, from its CEA")
                    .isEqualTo("example.net");
        }
    }

    @Test
    void anUnansweredRequestFailsWithTheTimeout() throws Exception {
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                DiameterNode node = client(mock, Duration.ofMillis(500))) {
            mock.policy(SocketPolicy.NO_ANSWER);
            long t0 = System.nanoTime();
            assertThatThrownBy(
                            () ->
                                    node.send(Servers.ccr(node, null, null))
                                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RequestTimeoutException.class);
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(400L, 5_000L);
            assertThat(mock.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aDisconnectMidRequestFailsTheRequestAndTheNodeReconnects() throws Exception {
        try (MockDiameterServer mock = MockDiameterServer.builder().authApplication(4).start();
                DiameterNode node = client(mock, Duration.ofSeconds(5))) {
            mock.policy(SocketPolicy.DISCONNECT_ON_REQUEST);
            assertThatThrownBy(
                            () ->
                                    node.send(Servers.ccr(node, null, null))
                                            .get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            mock.policy(SocketPolicy.NORMAL);
            TestNet.await(
                    Duration.ofSeconds(15),
                    () -> "a second connection (Tc reconnect, RFC 6733 §5.1)",
                    () -> mock.connectionCount() >= 2);
        }
    }
}
