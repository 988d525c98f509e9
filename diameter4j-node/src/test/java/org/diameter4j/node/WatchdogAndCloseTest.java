package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.node.TestNet.await;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.WatchdogState;
import org.diameter4j.peer.internal.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RFC 3539 watchdog over the network, and close() with DPR/DPA (RFC 6733 §5.4, §5.5). */
class WatchdogAndCloseTest {

    private static DiameterNode clientOf(TestNet.RawPeer raw, Duration tw, Duration dpaTimeout) {
        return DiameterNode.start(
                NodeConfig.builder("client.example.com")
                        .application(ApplicationId.auth(4))
                        .peer(
                                PeerConfig.connectTo(raw.uri())
                                        .destinationHost("ocs.example.net")
                                        .tw(tw)
                                        .dpaTimeout(dpaTimeout)
                                        .tc(Duration.ofSeconds(30))
                                        .build())
                        .build());
    }

    /**
     * RFC 3539 §3.4.1: a peer that stops answering DWRs becomes SUSPECT after two watchdog
     * intervals (Tw with ±2 s jitter each: at most 2·(Tw+2) s) and the connection is closed (DOWN)
     * at the next expiry. Tw = 6 s, the minimum.
     */
    @Test
    @Timeout(40)
    void silentPeerBecomesSuspectThenDown() throws Exception {
        Duration tw = Duration.ofMillis(PeerConfig.MIN_TW_MILLIS);
        long maxInterval = tw.toMillis() + 2_000;
        try (TestNet.RawPeer raw = new TestNet.RawPeer("ocs.example.net", true);
                DiameterNode client = clientOf(raw, tw, Duration.ofSeconds(1))) {
            AtomicLong suspectAt = new AtomicLong();
            AtomicLong downAt = new AtomicLong();
            client.addListener(
                    NodeListener.events(
                            e -> {
                                // On the peer's loop: the watchdog state is safe to read here.
                                Peer peer = client.find("ocs.example.net");
                                if (peer != null && peer.watchdogState() == WatchdogState.SUSPECT) {
                                    suspectAt.compareAndSet(0, System.nanoTime());
                                }
                                if (e instanceof NodeEvent.PeerStateChanged c
                                        && c.to() == PeerState.CLOSED
                                        && c.from().isOpen()) {
                                    downAt.compareAndSet(0, System.nanoTime());
                                }
                            }));
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            Peer p = client.find("ocs.example.net");
            long openAt = System.nanoTime();
            assertThat(p.isReady()).isTrue();
            DiameterMessage dwr = raw.next(280, Duration.ofMillis(maxInterval + 500));
            assertThat(dwr).as("a DWR within Tw+2 s").isNotNull();
            await(
                    Duration.ofMillis(
                            2 * maxInterval + 500 - (System.nanoTime() - openAt) / 1_000_000),
                    () -> "still " + p.watchdogState(),
                    () -> suspectAt.get() != 0);
            assertThat(p.isReady()).as("a suspect peer is not chosen").isFalse();
            assertThat(p.state().isOpen()).as("SUSPECT keeps the connection").isTrue();
            await(
                    Duration.ofMillis(maxInterval + 500),
                    () -> "connection still " + p.state(),
                    () -> downAt.get() != 0);
            long suspectToDown = (downAt.get() - suspectAt.get()) / 1_000_000;
            assertThat(suspectToDown).isBetween(tw.toMillis() - 2_100, maxInterval + 100);
            await(
                    Duration.ofSeconds(1),
                    () -> "watchdog " + p.watchdogState(),
                    () -> p.state() == PeerState.CLOSED && p.watchdogState() == WatchdogState.DOWN);
            assertThat(p.lastFailure()).contains("no DWA within 2 x Tw");
        }
    }

    /** M-14, RFC 6733 §5.4: close() sends a DPR to every open peer and waits for the DPA. */
    @Test
    @Timeout(20)
    void closeSendsDprAndWaitsForTheDpa() throws Exception {
        try (DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .build())) {
            CopyOnWriteArrayList<DiameterMessage> atServer = new CopyOnWriteArrayList<>();
            server.addListener(
                    NodeListener.messages(
                            t -> {
                                if (t.received()) {
                                    atServer.add(t.message());
                                }
                            }));
            DiameterNode client =
                    DiameterNode.start(
                            NodeConfig.builder("client.example.com")
                                    .application(ApplicationId.auth(4))
                                    .peer(
                                            PeerConfig.connectTo(
                                                            "aaa://127.0.0.1:"
                                                                    + server.listenAddresses()
                                                                            .get(0)
                                                                            .getPort())
                                                    .destinationHost("ocs.example.net")
                                                    .build())
                                    .build());
            CopyOnWriteArrayList<DiameterMessage> atClient = new CopyOnWriteArrayList<>();
            try {
                client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
                client.addListener(
                        NodeListener.messages(
                                t -> {
                                    if (t.received()) {
                                        atClient.add(t.message());
                                    }
                                }));
            } finally {
                client.close(DisconnectCause.DO_NOT_WANT_TO_TALK_TO_YOU);
            }
            // close() returned: the DPA had arrived by then.
            assertThat(atClient).anyMatch(m -> m.commandCode() == 282 && !m.isRequest());
            DiameterMessage dpr =
                    atServer.stream()
                            .filter(m -> m.commandCode() == 282 && m.isRequest())
                            .findFirst()
                            .orElseThrow(
                                    () -> new AssertionError("the server saw no DPR: " + atServer));
            assertThat(dpr.find(273).asInt32())
                    .isEqualTo(DisconnectCause.DO_NOT_WANT_TO_TALK_TO_YOU.value());
        }
    }

    /**
     * close() is bounded: a peer that never answers the DPR costs at most the DPA timeout (+1 s).
     */
    @Test
    @Timeout(20)
    void closeIsBoundedWhenTheDpaNeverComes() throws Exception {
        Duration dpaTimeout = Duration.ofSeconds(1);
        try (TestNet.RawPeer raw = new TestNet.RawPeer("ocs.example.net", true)) {
            DiameterNode client = clientOf(raw, Duration.ofSeconds(30), dpaTimeout);
            long start;
            try {
                client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            } finally {
                start = System.nanoTime();
                client.close();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(raw.next(282, Duration.ofSeconds(1)))
                    .as("the raw peer got a DPR")
                    .isNotNull();
            assertThat(ms)
                    .as("close() took %d ms", ms)
                    .isBetween(dpaTimeout.toMillis() - 100, dpaTimeout.toMillis() + 1_000);
        }
    }
}
