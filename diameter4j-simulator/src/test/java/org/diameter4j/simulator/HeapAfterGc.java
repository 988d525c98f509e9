package org.diameter4j.simulator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap in use once the garbage collector has had a few chances to run: what the by-hand memory
 * harnesses ({@code CdfSessionsMemory}, {@code HssRegistrationsMemory}) subtract to get the bytes
 * retained per entry. Never used to assert in a unit test.
 */
public final class HeapAfterGc {
    private HeapAfterGc() {}

    public static long used() throws InterruptedException {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return m.getHeapMemoryUsage().getUsed();
    }
}
