package org.diameter4j.simulator.cdf;

import java.time.Duration;
import org.diameter4j.peer.Timers;
import org.diameter4j.simulator.HeapAfterGc;

/**
 * Measures the heap an open accounting session costs, by hand (not a test: memory is not asserted):
 * opens N sessions (default 100,000) in {@link CdfSessions}, as START records do, with Session-Ids
 * of 60 characters, and prints the heap used after GC, before and after, per session. Run:
 *
 * <pre>
 * java -cp diameter4j-simulator/target/test-classes:diameter4j-simulator/target/classes:$CP \
 *     org.diameter4j.simulator.cdf.CdfSessionsMemory 100000
 * </pre>
 */
public final class CdfSessionsMemory {
    private CdfSessionsMemory() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (CdfSessions sessions = new CdfSessions(n, Duration.ofMinutes(20), Timers.system())) {
            long before = HeapAfterGc.used();
            for (int i = 0; i < n; i++) {
                // pgw01.epc.mnc001.mcc001.3gppnetwork.org;1733572800;000000042 — 60 characters.
                sessions.start(
                        String.format("pgw01.epc.mnc001.mcc001.3gppnetwork.org;1733572800;%09d", i),
                        0);
            }
            long after = HeapAfterGc.used();
            System.out.printf(
                    "%d sessions: %,d bytes retained, %d bytes each (%s)%n",
                    sessions.size(),
                    after - before,
                    (after - before) / n,
                    System.getProperty("java.vm.name") + " " + Runtime.version());
        }
    }
}
