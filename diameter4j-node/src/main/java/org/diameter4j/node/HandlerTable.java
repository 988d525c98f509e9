package org.diameter4j.node;

import java.util.Arrays;

/**
 * The request handlers of a node by (Application-Id, Command-Code): looked up for every request,
 * changed only when a handler is registered. A copy-on-write pair of arrays read without a lock;
 * the lookup boxes nothing (a {@code Map<Long, …>} made a {@code Long} per request, issue 10) and
 * scans a handful of entries.
 */
final class HandlerTable {
    /** The keys and the handlers at the same index; replaced together, never changed in place. */
    private record Entries(long[] keys, DiameterNode.Handler[] handlers) {}

    private volatile Entries entries = new Entries(new long[0], new DiameterNode.Handler[0]);

    static long key(long applicationId, int commandCode) {
        return (applicationId << 24) ^ commandCode;
    }

    /** The handler of {@code applicationId}/{@code commandCode}, or null. */
    DiameterNode.Handler get(long applicationId, int commandCode) {
        Entries e = entries;
        long k = key(applicationId, commandCode);
        long[] keys = e.keys();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == k) {
                return e.handlers()[i];
            }
        }
        return null;
    }

    /** Registers {@code h}, replacing the handler registered before for the same command. */
    synchronized void put(long applicationId, int commandCode, DiameterNode.Handler h) {
        Entries e = entries;
        long k = key(applicationId, commandCode);
        long[] keys = e.keys();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == k) {
                DiameterNode.Handler[] hs = e.handlers().clone();
                hs[i] = h;
                entries = new Entries(keys, hs);
                return;
            }
        }
        long[] ks = Arrays.copyOf(keys, keys.length + 1);
        DiameterNode.Handler[] hs = Arrays.copyOf(e.handlers(), keys.length + 1);
        ks[keys.length] = k;
        hs[keys.length] = h;
        entries = new Entries(ks, hs);
    }
}
