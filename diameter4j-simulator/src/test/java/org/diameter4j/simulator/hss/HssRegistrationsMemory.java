package org.diameter4j.simulator.hss;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.diameter4j.simulator.HeapAfterGc;

/**
 * Measures the heap a registration costs, by hand (not a test: memory is not asserted): registers N
 * IMSIs (default 100,000) through {@link HssSimulator#register}, as accepted ULRs do, and prints
 * the heap used after GC, before and after, per registration. The IMSI strings exist before the
 * first reading (they are the subscriber file's); each MME host and realm is a string of its own,
 * as decoded from each ULR. Run:
 *
 * <pre>
 * java -cp diameter4j-simulator/target/test-classes:diameter4j-simulator/target/classes:$CP \
 *     org.diameter4j.simulator.hss.HssRegistrationsMemory 100000
 * </pre>
 */
public final class HssRegistrationsMemory {
    /** Origin-Host (39 characters) and Origin-Realm (33) of the MME. */
    private static final byte[] HOST =
            "mme01.epc.mnc001.mcc001.3gppnetwork.org".getBytes(StandardCharsets.UTF_8);

    private static final byte[] REALM =
            "epc.mnc001.mcc001.3gppnetwork.org".getBytes(StandardCharsets.UTF_8);

    private HssRegistrationsMemory() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        String[] imsis = new String[n];
        for (int i = 0; i < n; i++) {
            imsis[i] = String.format("00101%010d", i);
        }
        try (HssSimulator hss =
                HssSimulator.builder(SubscriberStore.inMemory(List.of()))
                        .maxRegistrations(n)
                        .build()) {
            long before = HeapAfterGc.used();
            for (int i = 0; i < n; i++) {
                // Strings of their own, as each decoded ULR gives (new String(literal) would
                // share the literal's bytes).
                hss.register(
                        imsis[i],
                        new HssSimulator.Registration(
                                new String(HOST, StandardCharsets.UTF_8),
                                new String(REALM, StandardCharsets.UTF_8)));
            }
            long after = HeapAfterGc.used();
            System.out.printf(
                    "%d registrations: %,d bytes retained, %d bytes each (%s)%n",
                    hss.registrationCount(),
                    after - before,
                    (after - before) / n,
                    System.getProperty("java.vm.name") + " " + Runtime.version());
        }
    }
}
