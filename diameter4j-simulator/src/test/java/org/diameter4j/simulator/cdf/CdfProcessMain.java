package org.diameter4j.simulator.cdf;

import java.nio.file.Path;
import java.time.Duration;
import org.diameter4j.node.DiameterNode;

/**
 * A CDF in a process of its own, for the kill -9 test: {@code CdfProcessMain <file>
 * <always|interval|never>}. Prints {@code LISTENING <port>} once it serves, then runs until killed.
 */
public final class CdfProcessMain {
    private CdfProcessMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        FsyncPolicy policy = FsyncPolicy.parse(args.length > 1 ? args[1] : "always");
        CdfConfig.Builder cfg = CdfConfig.builder(file).fsync(policy);
        if (policy == FsyncPolicy.INTERVAL) {
            cfg.fsyncEvery(Duration.ofMillis(200));
        }
        DiameterNode node = RfNodes.cdfNode(0);
        CdfSimulator cdf = CdfSimulator.start(node, cfg.build());
        System.out.println(
                "RECOVERED "
                        + cdf.stats().recovered()
                        + " TRUNCATED "
                        + cdf.stats().truncatedBytes());
        System.out.println("LISTENING " + node.listenAddresses().get(0).getPort());
        System.out.flush();
        Thread.currentThread().join(); // until kill -9
    }
}
