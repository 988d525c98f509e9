package org.diameter4j.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.RequestContext;
import org.diameter4j.node.yaml.YamlReader;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The ordered rules of a simulator; the first match wins. Thread-safe.
 *
 * <p>From a configuration file ({@link #read}):
 *
 * <pre>
 * rules:
 *   - {command: CCR, subscriber: "41780000009", result: 4012}
 *   - {command: CCR, request-type: UPDATE, delay: 3s}
 *   - {command: ULR, subscriber: "001010000000002", drop: true}
 *   - {command: "*", close: true, times: 1}
 * </pre>
 */
public final class Rules {
    private final List<Rule> rules;
    private final AtomicIntegerArray used;

    public Rules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.used = new AtomicIntegerArray(this.rules.size());
    }

    public static Rules none() {
        return new Rules(List.of());
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * The action for this request, or null when no rule matches (or a matching rule is used up).
     */
    public RuleAction match(String command, String subscriber, String requestType) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (!r.matches(command, subscriber, requestType)) {
                continue;
            }
            if (r.times() > 0 && used.incrementAndGet(i) > r.times()) {
                continue;
            }
            return r.action();
        }
        return null;
    }

    /**
     * Applies the matching rule around a simulator's normal handling: answer with the rule's
     * Result-Code, delay the normal answer, drop (the future never completes; the client's timeout
     * fires), or close the connection.
     */
    public CompletableFuture<DiameterMessage> apply(
            DiameterMessage request,
            RequestContext ctx,
            String command,
            String subscriber,
            String requestType,
            Supplier<CompletableFuture<DiameterMessage>> normal) {
        RuleAction a = match(command, subscriber, requestType);
        if (a == null) {
            return normal.get();
        }
        if (a.close()) {
            ctx.disconnect(org.diameter4j.peer.DisconnectCause.REBOOTING);
            return new CompletableFuture<>();
        }
        if (a.drop()) {
            return new CompletableFuture<>();
        }
        Supplier<CompletableFuture<DiameterMessage>> answer =
                a.resultCode() != 0
                        ? () ->
                                CompletableFuture.completedFuture(
                                        ctx.errorAnswer(
                                                request,
                                                a.resultCode(),
                                                "answered by a simulator rule",
                                                null))
                        : normal;
        if (a.delayMillis() > 0) {
            CompletableFuture<DiameterMessage> later = new CompletableFuture<>();
            ctx.schedule(
                    () ->
                            answer.get()
                                    .whenComplete(
                                            (m, e) -> {
                                                if (e != null) {
                                                    later.completeExceptionally(e);
                                                } else {
                                                    later.complete(m);
                                                }
                                            }),
                    java.time.Duration.ofMillis(a.delayMillis()));
            return later;
        }
        return answer.get();
    }

    /** The keys of one rule. */
    public static final List<String> KEYS =
            List.of(
                    "command",
                    "subscriber",
                    "request-type",
                    "result",
                    "delay",
                    "drop",
                    "close",
                    "times");

    /**
     * Rules from a configuration file: {@code n} is the list under {@code rules:} (null: none),
     * {@code path} its place in the file ({@code rules}, {@code ocs.rules}). Faults are recorded in
     * {@code yaml}, each naming file, line and column; the caller {@linkplain YamlReader#check()
     * throws} them.
     */
    public static Rules read(YamlReader yaml, Node n, String path) {
        List<Rule> out = new ArrayList<>();
        if (n != null && !YamlReader.isNull(n) && !(n instanceof SequenceNode)) {
            yaml.problem(
                    n,
                    path,
                    "expected a list of rules, got " + YamlReader.describe(n),
                    "write e.g. [{command: CCR, result: 4012}]");
            return none();
        }
        List<Node> items = yaml.list(n, path);
        for (int i = 0; i < items.size(); i++) {
            Node rn = items.get(i);
            String where = path + "[" + i + "]";
            int before = yaml.problemCount();
            Map<String, Node> m = yaml.mapping(rn, where, KEYS);
            if (m == null) {
                continue;
            }
            String command = yaml.string(m.get("command"), where + ".command");
            String subscriber = yaml.string(m.get("subscriber"), where + ".subscriber");
            String type = yaml.string(m.get("request-type"), where + ".request-type");
            Long rc = yaml.number(m.get("result"), where + ".result", 1, 0xffffffffL);
            java.time.Duration delay = yaml.duration(m.get("delay"), where + ".delay");
            Boolean drop = yaml.bool(m.get("drop"), where + ".drop");
            Boolean close = yaml.bool(m.get("close"), where + ".close");
            Long times = yaml.number(m.get("times"), where + ".times", 0, Integer.MAX_VALUE);
            if (yaml.problemCount() > before) {
                continue;
            }
            long delayMillis = delay == null ? 0 : delay.toMillis();
            if (rc == null
                    && delayMillis == 0
                    && !Boolean.TRUE.equals(drop)
                    && !Boolean.TRUE.equals(close)) {
                yaml.problem(rn, where, "says nothing to do", "give result, delay, drop or close");
                continue;
            }
            out.add(
                    new Rule(
                            command == null ? "*" : command,
                            subscriber,
                            type,
                            new RuleAction(
                                    rc == null ? 0 : rc,
                                    delayMillis,
                                    Boolean.TRUE.equals(drop),
                                    Boolean.TRUE.equals(close)),
                            times == null ? 0 : times.intValue()));
        }
        return new Rules(out);
    }

    /**
     * Rules built in code from maps (a file is read with {@link #read}); every fault names the
     * rule's position and key.
     */
    public static Rules fromMaps(List<Map<String, Object>> maps) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < maps.size(); i++) {
            Map<String, Object> m = maps.get(i);
            String where = "rules[" + i + "]";
            for (String k : m.keySet()) {
                if (!List.of(
                                "command",
                                "subscriber",
                                "request-type",
                                "result",
                                "delay",
                                "drop",
                                "close",
                                "times")
                        .contains(k)) {
                    throw new IllegalArgumentException(
                            where
                                    + ": unknown key '"
                                    + k
                                    + "' (expected command, subscriber, request-type, result, delay, drop, close, times)");
                }
            }
            String command = String.valueOf(m.getOrDefault("command", "*"));
            String subscriber =
                    m.get("subscriber") == null ? null : String.valueOf(m.get("subscriber"));
            String type =
                    m.get("request-type") == null ? null : String.valueOf(m.get("request-type"));
            long rc = m.get("result") == null ? 0 : number(m.get("result"), where + ".result");
            long delay =
                    m.get("delay") == null
                            ? 0
                            : millis(String.valueOf(m.get("delay")), where + ".delay");
            boolean drop = Boolean.TRUE.equals(m.get("drop"));
            boolean close = Boolean.TRUE.equals(m.get("close"));
            int times = m.get("times") == null ? 0 : (int) number(m.get("times"), where + ".times");
            if (rc == 0 && delay == 0 && !drop && !close) {
                throw new IllegalArgumentException(
                        where + ": says nothing to do: give result, delay, drop or close");
            }
            out.add(
                    new Rule(
                            command,
                            subscriber,
                            type,
                            new RuleAction(rc, delay, drop, close),
                            times));
        }
        return new Rules(out);
    }

    private static long number(Object o, String where) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": expected a number, got '" + o + "'");
        }
    }

    /** A duration in the one grammar ({@link org.diameter4j.node.Durations}), in milliseconds. */
    static long millis(String text, String where) {
        try {
            return org.diameter4j.node.Durations.parse(text).toMillis();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
