package org.diameter4j.simulator.ocs;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.node.Durations;
import org.diameter4j.simulator.Rules;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OCS simulator's configuration (M-13), from YAML or JSON (JSON is read as YAML):
 *
 * <pre>
 * subscribers:
 *   "41780000001": {balance: {octets: 100000000, seconds: 3600, units: 100}}
 * default: {balance: {octets: 1000000, seconds: 60, units: 10}}   # optional: unknown subscribers
 * max-grant: {octets: 10000000, seconds: 600, units: 10}           # the chunk; these are the defaults
 * validity-time: 3600                                              # seconds, optional
 * tcc: 2h                                                          # optional, RFC 4006 §13
 * failure-handling: CONTINUE                                       # CCFH sent in CCAs, optional
 * session-failover: true                                           # CC-Session-Failover, optional
 * rules: [{command: CCR, subscriber: "41780000009", result: 4012}]
 * max-sessions: 100000                                             # more: 5006, optional
 * </pre>
 */
public record OcsConfig(
        Map<String, Balance> subscribers,
        Balance defaultBalance,
        Balance maxGrant,
        Long validityTime,
        Duration tcc,
        FailureHandling failureHandling,
        Boolean sessionFailover,
        Rules rules,
        Integer maxSessions) {

    public static final Balance UNLIMITED =
            new Balance(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

    /**
     * The quota granted per Requested-Service-Unit unless {@code max-grant} says otherwise: 10 MB,
     * 600 s, 10 units, the order of what operators' OCSs grant, so that one subscriber's concurrent
     * sessions share the balance instead of the first taking all of it.
     */
    public static final Balance DEFAULT_CHUNK = new Balance(10_000_000, 600, 10);

    public OcsConfig {
        subscribers = Map.copyOf(subscribers);
        maxGrant = maxGrant == null ? DEFAULT_CHUNK : maxGrant;
        tcc = tcc == null ? Duration.ofHours(1) : tcc;
        rules = rules == null ? Rules.none() : rules;
        maxSessions = maxSessions == null ? DEFAULT_MAX_SESSIONS : maxSessions;
        if (maxSessions < 1) {
            throw new IllegalArgumentException(
                    "max-sessions must be at least 1, not " + maxSessions);
        }
    }

    /**
     * Credit-control sessions held at once unless {@code max-sessions} says otherwise; one more is
     * answered 5006 DIAMETER_RESOURCES_EXCEEDED (RFC 6733 §7.1.5), so memory stays bounded.
     */
    public static final int DEFAULT_MAX_SESSIONS = 100_000;

    public static OcsConfig of(Map<String, Balance> subscribers) {
        return new OcsConfig(subscribers, null, null, null, null, null, null, null, null);
    }

    public OcsConfig withDefault(Balance b) {
        return new OcsConfig(
                subscribers,
                b,
                maxGrant,
                validityTime,
                tcc,
                failureHandling,
                sessionFailover,
                rules,
                maxSessions);
    }

    public OcsConfig withMaxGrant(Balance b) {
        return new OcsConfig(
                subscribers,
                defaultBalance,
                b,
                validityTime,
                tcc,
                failureHandling,
                sessionFailover,
                rules,
                maxSessions);
    }

    public OcsConfig withValidityTime(Long seconds) {
        return new OcsConfig(
                subscribers,
                defaultBalance,
                maxGrant,
                seconds,
                tcc,
                failureHandling,
                sessionFailover,
                rules,
                maxSessions);
    }

    public OcsConfig withTcc(Duration d) {
        return new OcsConfig(
                subscribers,
                defaultBalance,
                maxGrant,
                validityTime,
                d,
                failureHandling,
                sessionFailover,
                rules,
                maxSessions);
    }

    public OcsConfig withFailureHandling(FailureHandling f, Boolean failover) {
        return new OcsConfig(
                subscribers,
                defaultBalance,
                maxGrant,
                validityTime,
                tcc,
                f,
                failover,
                rules,
                maxSessions);
    }

    public OcsConfig withRules(Rules r) {
        return new OcsConfig(
                subscribers,
                defaultBalance,
                maxGrant,
                validityTime,
                tcc,
                failureHandling,
                sessionFailover,
                r,
                maxSessions);
    }

    public OcsConfig withMaxSessions(int n) {
        return new OcsConfig(
                subscribers,
                defaultBalance,
                maxGrant,
                validityTime,
                tcc,
                failureHandling,
                sessionFailover,
                rules,
                n);
    }

    public static OcsConfig load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            return fromMap(root, file.toString());
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(
                    file + ": not valid YAML/JSON: " + e.getMessage(), e);
        }
    }

    public static OcsConfig parse(String text) {
        return fromMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(text), "config");
    }

    @SuppressWarnings("unchecked")
    static OcsConfig fromMap(Object root, String where) {
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + ": expected a map with 'subscribers'");
        }
        List<String> keys =
                List.of(
                        "subscribers",
                        "default",
                        "max-grant",
                        "validity-time",
                        "tcc",
                        "failure-handling",
                        "session-failover",
                        "rules",
                        "max-sessions");
        for (Object k : m.keySet()) {
            if (!keys.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(
                        where + ": unknown key '" + k + "' (expected " + keys + ")");
            }
        }
        Map<String, Balance> subs = new LinkedHashMap<>();
        Object s = m.get("subscribers");
        if (s != null) {
            if (!(s instanceof Map<?, ?> sm)) {
                throw new IllegalArgumentException(
                        where + ": 'subscribers' must map MSISDN to {balance: …}");
            }
            sm.forEach(
                    (id, v) ->
                            subs.put(
                                    String.valueOf(id),
                                    balanceOf(v, where + ".subscribers." + id)));
        }
        Balance def =
                m.get("default") == null ? null : balanceOf(m.get("default"), where + ".default");
        Balance max = null;
        if (m.get("max-grant") != null) {
            // A kind not given keeps its default chunk: {octets: 5} must not make time 4012.
            Balance given = Balance.fromMap(m.get("max-grant"), where + ".max-grant");
            Map<?, ?> givenKeys = (Map<?, ?>) m.get("max-grant");
            max =
                    new Balance(
                            givenKeys.containsKey("octets")
                                    ? given.octets()
                                    : DEFAULT_CHUNK.octets(),
                            givenKeys.containsKey("seconds")
                                    ? given.seconds()
                                    : DEFAULT_CHUNK.seconds(),
                            givenKeys.containsKey("units") ? given.units() : DEFAULT_CHUNK.units());
        }
        Long vt =
                m.get("validity-time") == null
                        ? null
                        : seconds(m.get("validity-time"), where + ".validity-time");
        Duration tcc =
                m.get("tcc") == null
                        ? null
                        : durationOf(String.valueOf(m.get("tcc")), where + ".tcc");
        FailureHandling fh =
                m.get("failure-handling") == null
                        ? null
                        : failureHandling(m.get("failure-handling"), where);
        Boolean fo =
                m.get("session-failover") == null
                        ? null
                        : Boolean.valueOf(String.valueOf(m.get("session-failover")));
        Rules rules =
                m.get("rules") == null
                        ? null
                        : Rules.fromMaps(listOfMaps(m.get("rules"), where + ".rules"));
        Integer maxSessions =
                m.get("max-sessions") == null
                        ? null
                        : count(m.get("max-sessions"), where + ".max-sessions");
        return new OcsConfig(subs, def, max, vt, tcc, fh, fo, rules, maxSessions);
    }

    private static Balance balanceOf(Object v, String where) {
        if (v instanceof Map<?, ?> m && m.containsKey("balance")) {
            return Balance.fromMap(m.get("balance"), where + ".balance");
        }
        throw new IllegalArgumentException(
                where + ": expected {balance: {octets, seconds, units}}");
    }

    private static Duration durationOf(String text, String where) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** A count of seconds (the Validity-Time AVP, RFC 4006 §8.33): a non-negative integer. */
    private static Long seconds(Object v, String where) {
        try {
            long n = Long.parseLong(String.valueOf(v).trim());
            if (n >= 0 && n <= 0xFFFFFFFFL) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(
                where + ": expected a number of seconds (0 to 4294967295), got '" + v + "'");
    }

    /** A count: a whole number from 1 to 2147483647. */
    private static int count(Object v, String where) {
        try {
            int n = Integer.parseInt(String.valueOf(v).trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException(
                where + ": expected a whole number from 1 to 2147483647, got '" + v + "'");
    }

    private static FailureHandling failureHandling(Object v, String where) {
        String name = String.valueOf(v).trim().toUpperCase(java.util.Locale.ROOT);
        for (FailureHandling f : FailureHandling.values()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                where
                        + ".failure-handling: expected one of "
                        + java.util.Arrays.toString(FailureHandling.values())
                        + ", got '"
                        + v
                        + "'");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object v, String where) {
        if (v instanceof List<?> l && l.stream().allMatch(e -> e instanceof Map)) {
            return (List<Map<String, Object>>) v;
        }
        throw new IllegalArgumentException(
                where + ": expected a list of rules such as [{command: CCR, result: 4012}]");
    }
}
