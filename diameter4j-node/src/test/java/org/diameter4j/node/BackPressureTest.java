package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Back-pressure must never deadlock a connection: a burst far larger than the 64 KiB write-buffer
 * mark fills the client's outbound buffer and then the server's. Only the side that accepted the
 * connection pauses its reads; the client keeps reading answers, so everything drains. (With both
 * sides pausing, each waits for the other and no request completes.)
 */
@Timeout(90)
class BackPressureTest {
    private static final Dictionary D = Dictionary.standard();

    /**
     * An AVP the dictionary does not know, without the M bit: ignored by the grammar check (§4.1).
     */
    private static final org.diameter4j.codec.Avp PAD =
            org.diameter4j.codec.Avp.ofBytes(65001, 0, 0, new byte[2000]);

    @Test
    void aBurstThatFillsBothSidesBuffersCompletes() throws Exception {
        try (DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .build())) {
            // Answers carry 2 KB too, so both directions hold far more than the kernel buffers
            // absorb.
            server.handle(
                    4,
                    272,
                    (req, ctx) ->
                            CompletableFuture.completedFuture(ctx.answer(req, 2001).add(PAD)));
            int port = server.listenAddresses().get(0).getPort();
            try (DiameterNode client =
                    DiameterNode.start(
                            NodeConfig.builder("client.example.com")
                                    .application(ApplicationId.auth(4))
                                    .peer(
                                            PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                    .destinationHost("ocs.example.net")
                                                    .build())
                                    .build())) {
                client.awaitReady("ocs.example.net", Duration.ofSeconds(10));
                int n = 30_000; // ~60 MB of requests sent at once, ~60 MB of answers back
                List<CompletableFuture<DiameterMessage>> all = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    all.add(
                            client.send(
                                    D.request("CCR", 4)
                                            .add(D.avp("Session-Id", client.newSessionId()))
                                            .add(D.avp("Auth-Application-Id", 4))
                                            .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                                            .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                                            .add(D.avp("CC-Request-Number", 0))
                                            .add(PAD),
                                    Duration.ofSeconds(40)));
                }
                CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))
                        .get(60, TimeUnit.SECONDS);
                long ok = all.stream().filter(f -> D.result(f.join()).code() == 2001).count();
                assertThat(ok).isEqualTo(n);
            }
        }
    }
}
