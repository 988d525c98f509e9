package org.diameter4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.PeerView;
import org.diameter4j.node.RequestContext;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.ManualTimers;
import org.diameter4j.peer.internal.ErrorAnswers;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;

/**
 * Heap per active Gy session in the OCS simulator (issue 10: 1,000,000 sessions within 1 GiB of
 * heap). Sends N CCR-INITIALs (RFC 4006 §8.3, one Multiple-Services-Credit-Control asking for
 * octets) through {@link OcsSimulator#handle}, the path {@code d4j server} serves them on, each one
 * a new session of its own subscriber (created from the default balance, as {@code d4j server} does
 * for unknown subscribers), then measures the heap after a full GC against the same figure before
 * the first request. Every answer must be 2001.
 *
 * <pre>
 * java -Xmx2g -XX:+UseG1GC -cp benchmarks.jar org.diameter4j.benchmarks.OcsSessionsMemory \
 *     [--sessions 1000000] [--subscribers N] [--histogram FILE]
 * </pre>
 *
 * The store is bounded by {@code max-sessions} (set here to the number of sessions; the server's
 * default is {@link OcsConfig#DEFAULT_MAX_SESSIONS}): one more session is answered 5006, and each
 * session also ends at CCR-TERMINATE or Tcc (RFC 4006 §13, default 1 h) after its last CCR. Timers
 * are manual here: no Tcc or Validity-Time runs out during the measurement. With {@code
 * --histogram} the class histogram (jcmd GC.class_histogram of this JVM) is written to FILE.
 */
public final class OcsSessionsMemory {
    private OcsSessionsMemory() {}

    public static void main(String[] args) throws Exception {
        int sessions = 1_000_000;
        int subscribers = 0;
        Path histogram = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--subscribers" -> subscribers = Integer.parseInt(args[i + 1]);
                case "--histogram" -> histogram = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (subscribers <= 0) {
            subscribers = sessions;
        }
        Dictionary d = Dictionary.standard();
        LocalIdentity local =
                new LocalIdentity(
                        "ocs.example.net",
                        "example.net",
                        0,
                        "diameter4j",
                        null,
                        List.of(),
                        List.of(ApplicationId.auth(4)),
                        1L,
                        false);
        OcsConfig config =
                OcsConfig.of(Map.of())
                        .withDefault(new Balance(100_000_000_000L, 36_000_000L, 100_000_000L))
                        .withMaxSessions(sessions);
        OcsSimulator ocs = new OcsSimulator(config, d, null, new ManualTimers());
        Context ctx = new Context(d, local);

        // Warm-up: the code paths, the dictionary's lazy structures, then those sessions go.
        for (int i = 0; i < 1_000; i++) {
            expectSuccess(ocs.handle(Messages.gyCcrInitial(d, "warm;" + i, "warm" + i), ctx), i);
        }
        ocs.close();
        ocs = new OcsSimulator(config, d, null, new ManualTimers());
        long before = heapAfterFullGc();
        long t0 = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            String subscriber = Long.toString(41_700_000_000L + i % subscribers);
            expectSuccess(ocs.handle(Messages.gyCcrInitial(d, sessionId(i), subscriber), ctx), i);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long after = heapAfterFullGc();
        if (ocs.sessions().size() != sessions) {
            throw new IllegalStateException(
                    "expected " + sessions + " sessions, the store holds " + ocs.sessions().size());
        }
        if (histogram != null) {
            histogram(histogram);
        }
        System.out.printf(
                "sessions=%d subscribers=%d heapBefore=%d heapAfter=%d bytesPerSession=%.0f"
                        + " ms=%d maxHeap=%d%n",
                sessions,
                subscribers,
                before,
                after,
                (after - before) / (double) sessions,
                ms,
                Runtime.getRuntime().maxMemory());
        ocs.close();
    }

    /** The Session-Id of session {@code i} (RFC 6733 §8.8: DiameterIdentity;high;low;optional). */
    static String sessionId(int i) {
        return "pgw1.example.com;1766448000;" + i + ";data";
    }

    private static void expectSuccess(CompletableFuture<DiameterMessage> answer, int i) {
        Avp rc = answer.join().find(268, 0);
        if (rc == null || rc.asUnsigned32() != 2001) {
            throw new IllegalStateException(
                    "CCR-INITIAL "
                            + i
                            + " answered "
                            + (rc == null ? "no Result-Code" : rc.asUnsigned32()));
        }
    }

    /** Heap used after full collections (System.gc is a full GC with G1, Parallel and Serial). */
    static long heapAfterFullGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used =
                    Math.min(
                            used,
                            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void histogram(Path file) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p =
                new ProcessBuilder(
                                jcmd.toString(),
                                Long.toString(ProcessHandle.current().pid()),
                                "GC.class_histogram")
                        .redirectOutput(file.toFile())
                        .redirectErrorStream(true)
                        .start();
        p.waitFor();
    }

    /** What the OCS asks of its request context: the peer's name and answer skeletons. */
    private record Context(Dictionary dictionary, LocalIdentity identity)
            implements RequestContext {
        @Override
        public String peerName() {
            return "pgw1.example.com";
        }

        @Override
        public PeerView peer() {
            throw new UnsupportedOperationException("not connected: a measurement");
        }

        @Override
        public CompletableFuture<Void> disconnect(DisconnectCause cause) {
            throw new UnsupportedOperationException("not connected: a measurement");
        }

        @Override
        public void schedule(Runnable task, Duration delay) {
            throw new UnsupportedOperationException("no timers: a measurement");
        }

        @Override
        public DiameterMessage experimentalAnswer(
                DiameterMessage request, int vendorId, long code) {
            return ErrorAnswers.experimental(request, identity, dictionary, vendorId, code);
        }

        @Override
        public DiameterMessage answer(DiameterMessage request, long resultCode) {
            return ErrorAnswers.build(request, identity, dictionary, resultCode, null, null);
        }

        @Override
        public DiameterMessage errorAnswer(
                DiameterMessage request, long resultCode, String errorMessage, Avp failedAvp) {
            return ErrorAnswers.build(
                    request, identity, dictionary, resultCode, errorMessage, failedAvp);
        }
    }
}
