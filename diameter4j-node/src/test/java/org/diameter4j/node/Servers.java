package org.diameter4j.node;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;

/** Gy servers on loopback for the routing, failover and relay tests. */
final class Servers {
    static final Dictionary D = Dictionary.standard();

    private Servers() {}

    /** What a server saw: every CCR it handled, and how often each End-to-End came. */
    static final class Seen {
        final List<DiameterMessage> requests = new CopyOnWriteArrayList<>();
        final Map<Integer, AtomicInteger> byEndToEnd = new ConcurrentHashMap<>();
        final AtomicInteger handled = new AtomicInteger();
        volatile long delayMillis;
        volatile Function<DiameterMessage, Long> resultCode = r -> 2001L;
    }

    /**
     * A Gy server that answers every CCR (after {@code seen.delayMillis}) with its own identity.
     */
    static DiameterNode gy(String host, Seen seen) {
        return gy(host, seen, b -> b);
    }

    /** The same, with {@code tweak} applied to the configuration. */
    static DiameterNode gy(
            String host, Seen seen, java.util.function.UnaryOperator<NodeConfig.Builder> tweak) {
        DiameterNode s =
                DiameterNode.start(
                        tweak.apply(
                                        NodeConfig.builder(host)
                                                .application(ApplicationId.auth(4))
                                                .listen("127.0.0.1:0")
                                                .acceptAnyPeer(true))
                                .build());
        s.handle(
                4,
                272,
                (req, ctx) -> {
                    seen.requests.add(req);
                    seen.handled.incrementAndGet();
                    seen.byEndToEnd
                            .computeIfAbsent(req.endToEnd(), k -> new AtomicInteger())
                            .incrementAndGet();
                    DiameterMessage a = ctx.answer(req, seen.resultCode.apply(req));
                    // ctx.answer echoes CC-Request-Type and -Number (RFC 4006 §3.2)
                    long delay = seen.delayMillis;
                    if (delay <= 0) {
                        return CompletableFuture.completedFuture(a);
                    }
                    return CompletableFuture.supplyAsync(
                            () -> a,
                            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
                });
        return s;
    }

    static int port(DiameterNode n) {
        return n.listenAddresses().get(0).getPort();
    }

    static PeerConfig.Builder peer(String host, int port) {
        return PeerConfig.connectTo("aaa://127.0.0.1:" + port).destinationHost(host);
    }

    /** A CCR (event) from {@code client}; Destination-Realm and Destination-Host when given. */
    static DiameterMessage ccr(DiameterNode client, String realm, String host) {
        DiameterMessage m =
                D.request("CCR", 4)
                        .add(D.avp("Session-Id", client.newSessionId()))
                        .add(D.avp("Origin-Host", client.identity().originHost()))
                        .add(D.avp("Origin-Realm", client.identity().originRealm()));
        if (realm != null) {
            m.add(D.avp("Destination-Realm", realm));
        }
        if (host != null) {
            m.add(D.avp("Destination-Host", host));
        }
        return m.add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(D.avp("CC-Request-Number", 0));
    }

    static String originHost(DiameterMessage answer) {
        return D.get(answer, "Origin-Host").asUtf8();
    }

    static long resultCode(DiameterMessage answer) {
        return D.get(answer, "Result-Code").asUnsigned32();
    }

    static void awaitClosed(DiameterNode client, String peer) throws InterruptedException {
        TestNet.await(
                Duration.ofSeconds(5),
                () -> peer + " is still " + client.peer(peer).status(),
                () -> !client.peer(peer).status().isOpen());
    }
}
