package org.diameter4j.simulator.ocs;

import java.util.List;
import java.util.Map;
import org.diameter4j.node.yaml.YamlReader;
import org.yaml.snakeyaml.nodes.Node;

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

    /** The keys of a balance. */
    static final List<String> KEYS = List.of("octets", "seconds", "units");

    /**
     * From {@code {octets: n, seconds: n, units: n}} in a configuration file; a missing key is
     * {@code dflt}'s amount. Null after a fault, which is recorded in {@code yaml}.
     */
    static Balance read(YamlReader yaml, Node n, String path, Balance dflt) {
        int before = yaml.problemCount();
        Map<String, Node> m = yaml.mapping(n, path, KEYS);
        if (m == null) {
            return null;
        }
        Long o = yaml.number(m.get("octets"), path + ".octets", 0, Long.MAX_VALUE);
        Long s = yaml.number(m.get("seconds"), path + ".seconds", 0, Long.MAX_VALUE);
        Long u = yaml.number(m.get("units"), path + ".units", 0, Long.MAX_VALUE);
        if (yaml.problemCount() > before) {
            return null;
        }
        return new Balance(
                o != null ? o : dflt.octets,
                s != null ? s : dflt.seconds,
                u != null ? u : dflt.units);
    }
}
