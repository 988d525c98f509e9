package org.diameter4j.simulator.ocs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.simulator.Rules;
import org.yaml.snakeyaml.nodes.Node;

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

    /** The top-level keys of an OCS configuration. */
    public static final List<String> KEYS =
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

    /**
     * Reads an OCS file (YAML or JSON).
     *
     * @throws org.diameter4j.node.NodeConfigException listing every fault, each as {@code
     *     FILE:LINE:COL: PATH: what — fix}
     */
    public static OcsConfig load(Path file) {
        return whole(YamlReader.read(file));
    }

    /** As {@link #load}, from text; messages name the file "config". */
    public static OcsConfig parse(String text) {
        return whole(YamlReader.parse(text, "config"));
    }

    private static OcsConfig whole(YamlReader yaml) {
        if (yaml.root() == null) {
            throw new org.diameter4j.node.NodeConfigException(
                    List.of(
                            yaml.file()
                                    + ":1:1: the file is empty — give the OCS settings, at least"
                                    + " subscribers: {} or default: {balance: {units: 100}}"));
        }
        return read(yaml, yaml.root(), "");
    }

    /**
     * The OCS settings at {@code n} of a configuration file, {@code path} its place in the file
     * ({@code ""} for a whole OCS file, {@code ocs} inside {@code d4j server --config}).
     *
     * @throws org.diameter4j.node.NodeConfigException listing every fault of the file so far
     */
    public static OcsConfig read(YamlReader yaml, Node n, String path) {
        String p = path.isEmpty() ? "" : path + ".";
        Map<String, Node> m =
                n == null || YamlReader.isNull(n) ? Map.of() : yaml.mapping(n, path, KEYS);
        if (m == null) {
            yaml.check();
        }
        Map<String, Balance> subs = new LinkedHashMap<>();
        Node s = m.get("subscribers");
        if (s != null && !YamlReader.isNull(s)) {
            Map<String, Node> sm = yaml.mapping(s, p + "subscribers", null);
            if (sm != null) {
                sm.forEach(
                        (id, v) -> {
                            Balance b = balanceOf(yaml, v, p + "subscribers." + id);
                            if (b != null) {
                                subs.put(id, b);
                            }
                        });
            }
        }
        Balance def =
                m.get("default") == null ? null : balanceOf(yaml, m.get("default"), p + "default");
        // A kind not given keeps its default chunk: {octets: 5} must not make time 4012.
        Balance max =
                m.get("max-grant") == null
                        ? null
                        : Balance.read(yaml, m.get("max-grant"), p + "max-grant", DEFAULT_CHUNK);
        // A count of seconds (the Validity-Time AVP, RFC 4006 §8.33): a non-negative integer.
        Long vt = yaml.number(m.get("validity-time"), p + "validity-time", 0, 0xFFFFFFFFL);
        Duration tcc = yaml.duration(m.get("tcc"), p + "tcc");
        FailureHandling fh =
                yaml.choice(
                        m.get("failure-handling"), p + "failure-handling", FailureHandling.class);
        Boolean fo = yaml.bool(m.get("session-failover"), p + "session-failover");
        Rules rules = m.get("rules") == null ? null : Rules.read(yaml, m.get("rules"), p + "rules");
        Long maxSessions =
                yaml.number(m.get("max-sessions"), p + "max-sessions", 1, Integer.MAX_VALUE);
        yaml.check();
        return new OcsConfig(
                subs,
                def,
                max,
                vt,
                tcc,
                fh,
                fo,
                rules,
                maxSessions == null ? null : maxSessions.intValue());
    }

    private static Balance balanceOf(YamlReader yaml, Node v, String path) {
        Map<String, Node> m = yaml.mapping(v, path, List.of("balance"));
        if (m == null) {
            return null;
        }
        Node b =
                yaml.required(
                        m,
                        "balance",
                        v,
                        path,
                        "write {balance: {octets: N, seconds: N, units: N}}");
        return b == null ? null : Balance.read(yaml, b, path + ".balance", Balance.ZERO);
    }
}
