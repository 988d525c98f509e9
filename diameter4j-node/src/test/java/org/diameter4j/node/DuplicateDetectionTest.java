package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Duplicate detection (RFC 6733 §5.5.4, M-24) and dropped malformed messages (M-21), seen from a
 * raw socket client.
 */
@Timeout(30)
class DuplicateDetectionTest {
    private static final LocalIdentity RAW = TestNet.rawIdentity("raw.example.com");

    @Test
    void aDuplicateGetsTheFirstAnswerAndNeverReachesTheHandlerTwice() throws Exception {
        Servers.Seen seen = new Servers.Seen();
        seen.delayMillis = 300;
        List<NodeEvent> events = new CopyOnWriteArrayList<>();
        try (DiameterNode server = Servers.gy("ocs.example.net", seen);
                Socket s = new Socket("127.0.0.1", Servers.port(server))) {
            server.addListener(NodeListener.events(events::add));
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            TestNet.write(
                    out, Capabilities.cer(RAW, s.getLocalAddress(), false).hopByHop(1).endToEnd(1));
            assertThat(TestNet.read(in).commandCode()).isEqualTo(257);

            DiameterMessage first = ccr(server).hopByHop(10).endToEnd(777);
            DiameterMessage again = ccr(server).hopByHop(11).endToEnd(777);
            again.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
            TestNet.write(out, first);
            TestNet.write(out, again); // while the first is still being processed
            DiameterMessage a1 = TestNet.read(in);
            DiameterMessage a2 = TestNet.read(in);
            assertThat(List.of(a1.hopByHop(), a2.hopByHop())).containsExactlyInAnyOrder(10, 11);
            for (DiameterMessage a : List.of(a1, a2)) {
                assertThat(a.endToEnd()).isEqualTo(777);
                assertThat(Servers.resultCode(a)).isEqualTo(2001);
            }
            // Later, once answered: from the cache at once.
            DiameterMessage late = ccr(server).hopByHop(12).endToEnd(777);
            late.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
            TestNet.write(out, late);
            DiameterMessage a3 = TestNet.read(in);
            assertThat(a3.hopByHop()).isEqualTo(12);
            assertThat(Servers.resultCode(a3)).isEqualTo(2001);
            assertThat(seen.handled.get()).isEqualTo(1);
            assertThat(server.duplicatesDetected()).isEqualTo(2);

            // Another End-to-End is another request.
            TestNet.write(out, ccr(server).hopByHop(13).endToEnd(778));
            assertThat(TestNet.read(in).hopByHop()).isEqualTo(13);
            assertThat(seen.handled.get()).isEqualTo(2);

            // A malformed message (version 2) is dropped, counted, and reported as an event.
            byte[] bad = ccr(server).hopByHop(14).endToEnd(779).toBytes();
            bad[0] = 2;
            out.write(bad);
            out.flush();
            TestNet.await(
                    Duration.ofSeconds(5),
                    () -> "dropped " + server.droppedMessages(),
                    // The counter moves before the event reaches listeners: wait for both.
                    () ->
                            server.droppedMessages() == 1
                                    && events.stream()
                                            .anyMatch(e -> e instanceof NodeEvent.MessageDropped));
            assertThat(events)
                    .filteredOn(e -> e instanceof NodeEvent.MessageDropped)
                    .singleElement()
                    .satisfies(e -> assertThat(e.name()).isEqualTo("tmnxDiamMessageDropped"));
            assertThat(server.metrics().prometheus())
                    .contains(
                            "diameter_messages_dropped_total{node=\"ocs.example.net\",peer=\"raw.example.com\"} 1");
        }
    }

    @Test
    void theCacheIsBoundedInMemoryAndTime() {
        long[] now = {0};
        DuplicateCache c = new DuplicateCache(60_000, 3, () -> now[0]);
        var done = new java.util.concurrent.CompletableFuture<DiameterMessage>(); // never answered
        for (int i = 0; i < 5; i++) {
            assertThat(
                            DuplicateCacheTest.firstOrRemember(
                                    c, "a", new DiameterMessage(0x80, 272, 4, 0, i), done))
                    .isNull();
        }
        assertThat(c.size()).isEqualTo(3);
        // 0 and 1 were pushed out: not duplicates any more; 4 is.
        assertThat(
                        DuplicateCacheTest.firstOrRemember(
                                c, "a", new DiameterMessage(0x80, 272, 4, 0, 0), done))
                .isNull();
        assertThat(
                        DuplicateCacheTest.firstOrRemember(
                                c, "A", new DiameterMessage(0x80, 272, 4, 0, 4), done))
                .isNotNull();
        now[0] = 61_000;
        assertThat(
                        DuplicateCacheTest.firstOrRemember(
                                c, "a", new DiameterMessage(0x80, 272, 4, 0, 4), done))
                .isNull();
    }

    private static DiameterMessage ccr(DiameterNode server) {
        return Servers.D.request("CCR", 4)
                .add(Servers.D.avp("Session-Id", "raw.example.com;1;2"))
                .add(Servers.D.avp("Origin-Host", "raw.example.com"))
                .add(Servers.D.avp("Origin-Realm", "example.com"))
                .add(Servers.D.avp("Destination-Realm", "example.net"))
                .add(Servers.D.avp("Auth-Application-Id", 4))
                .add(Servers.D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(Servers.D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(Servers.D.avp("CC-Request-Number", 0));
    }
}
