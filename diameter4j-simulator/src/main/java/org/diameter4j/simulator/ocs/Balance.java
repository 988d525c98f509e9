package org.diameter4j.simulator.ocs;

import java.util.Map;

/** Amounts of the three unit kinds the OCS keeps: octets, seconds, service-specific units. */
public record Balance(long octets, long seconds, long units) {
    public static final Balance ZERO = new Balance(0, 0, 0);

    long get(int kind) {
        return switch (kind) {
            case Account.OCTETS -> octets;
            case Account.SECONDS -> seconds;
            default -> units;
        };
    }

    static Balance of(long[] v) {
        return new Balance(v[0], v[1], v[2]);
    }

    long[] toArray() {
        return new long[] {octets, seconds, units};
    }

    public Balance plus(Balance o) {
        return new Balance(octets + o.octets, seconds + o.seconds, units + o.units);
    }

    /**
     * From {octets: n, seconds: n, units: n} (missing keys: 0); {@code where} names the place for
     * errors.
     */
    static Balance fromMap(Object o, String where) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(
                    where + ": expected {octets, seconds, units}, got " + o);
        }
        for (Object k : m.keySet()) {
            if (!java.util.List.of("octets", "seconds", "units").contains(String.valueOf(k))) {
                throw new IllegalArgumentException(
                        where + ": unknown key '" + k + "' (expected octets, seconds, units)");
            }
        }
        return new Balance(
                num(m.get("octets"), where + ".octets"),
                num(m.get("seconds"), where + ".seconds"),
                num(m.get("units"), where + ".units"));
    }

    private static long num(Object v, String where) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            if (n.longValue() < 0) {
                throw new IllegalArgumentException(where + ": must not be negative");
            }
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected a number, got '" + v + "'");
        }
    }
}
