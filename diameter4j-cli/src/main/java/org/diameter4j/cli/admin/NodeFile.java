package org.diameter4j.cli.admin;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The sections of a {@code d4j node} file that the node module's loader does not know: {@code
 * admin} (the admin endpoint) and {@code simulators} (as {@code d4j server --config}: ocs, cdf,
 * hss). They are read here and blanked out of the text, line for line, so that the loader's
 * messages keep the file's line numbers.
 *
 * <pre>
 * admin: {listen: 127.0.0.1:3869}      # the default; loopback unless set otherwise
 * simulators:
 *   ocs: {default: {balance: {units: 100}}}
 *   cdf: {file: records.jsonl}
 *   hss: subscribers.yaml
 * </pre>
 */
public final class NodeFile {
    /** The admin endpoint's default address: loopback, port 3869. */
    public static final InetSocketAddress DEFAULT_ADMIN =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 3869);

    private static final List<String> SIMULATORS = List.of("ocs", "cdf", "hss");

    private final String nodeText;
    private final InetSocketAddress admin;
    private final Map<String, Object> simulators;
    private final Map<String, Integer> simulatorLines;
    private final List<String> problems;

    private NodeFile(
            String nodeText,
            InetSocketAddress admin,
            Map<String, Object> simulators,
            Map<String, Integer> simulatorLines,
            List<String> problems) {
        this.nodeText = nodeText;
        this.admin = admin;
        this.simulators = simulators;
        this.simulatorLines = simulatorLines;
        this.problems = problems;
    }

    /** The text for the node's loader: the file with admin and simulators blanked out. */
    public String nodeText() {
        return nodeText;
    }

    public InetSocketAddress admin() {
        return admin;
    }

    /** The simulators section: ocs, cdf, hss (each present one runs), in file order. */
    public Map<String, Object> simulators() {
        return simulators;
    }

    /** The line of simulators.NAME, for messages about its content. */
    public int line(String simulator) {
        return simulatorLines.getOrDefault(simulator, 0);
    }

    /** Faults of the admin and simulators sections, each "file:line: key: what is wrong". */
    public List<String> problems() {
        return problems;
    }

    /**
     * Splits {@code text} (of the file {@code name}). A YAML syntax error is left to the loader.
     */
    public static NodeFile parse(String text, String name) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> sims = new LinkedHashMap<>();
        Map<String, Integer> simLines = new LinkedHashMap<>();
        InetSocketAddress admin = DEFAULT_ADMIN;
        Node root;
        try {
            root =
                    new Yaml(new SafeConstructor(new LoaderOptions()))
                            .compose(new StringReader(text));
        } catch (RuntimeException e) {
            return new NodeFile(text, admin, sims, simLines, problems);
        }
        if (!(root instanceof MappingNode top)) {
            return new NodeFile(text, admin, sims, simLines, problems);
        }
        char[] blanked = text.toCharArray();
        List<NodeTuple> kept = new ArrayList<>();
        for (NodeTuple t : top.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)
                    || !List.of("admin", "simulators").contains(k.getValue())) {
                kept.add(t);
                continue;
            }
            int from = k.getStartMark().getIndex();
            int to = Math.min(t.getValueNode().getEndMark().getIndex(), blanked.length);
            for (int i = from; i < to; i++) {
                if (blanked[i] != '\n' && blanked[i] != '\r') {
                    blanked[i] = ' ';
                }
            }
            if (k.getValue().equals("admin")) {
                admin = admin(t.getValueNode(), name, problems);
            } else {
                simulators(t.getValueNode(), text, name, problems, sims, simLines);
            }
        }
        return new NodeFile(new String(blanked), admin, sims, simLines, problems);
    }

    private static InetSocketAddress admin(Node n, String file, List<String> problems) {
        if (isNull(n)) {
            return DEFAULT_ADMIN;
        }
        if (!(n instanceof MappingNode m)) {
            problems.add(
                    at(file, n)
                            + "admin: expected a mapping, e.g. admin: {listen: 127.0.0.1:3869}");
            return DEFAULT_ADMIN;
        }
        InetSocketAddress out = DEFAULT_ADMIN;
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!key.equals("listen")) {
                problems.add(
                        at(file, t.getKeyNode())
                                + "admin: unknown key '"
                                + key
                                + "' (known keys: listen)");
                continue;
            }
            Node v = t.getValueNode();
            String text = v instanceof ScalarNode s ? s.getValue().trim() : "";
            InetSocketAddress a = hostPort(text);
            if (a == null) {
                problems.add(
                        at(file, v)
                                + "admin.listen: '"
                                + text
                                + "' is not HOST:PORT with an IP address (e.g. 127.0.0.1:3869, [::1]:3869)");
            } else {
                out = a;
            }
        }
        return out;
    }

    /** "127.0.0.1:3869", "[::1]:3869", ":3869" (loopback), "localhost:3869"; null if bad. */
    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (port < 0 || port > 65535) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return null;
        }
        try {
            InetAddress a =
                    host.isEmpty() || host.equalsIgnoreCase("localhost")
                            ? InetAddress.getLoopbackAddress()
                            : InetAddress.getByName(host);
            return new InetSocketAddress(a, port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void simulators(
            Node n,
            String text,
            String file,
            List<String> problems,
            Map<String, Object> out,
            Map<String, Integer> lines) {
        if (isNull(n)) {
            return;
        }
        if (!(n instanceof MappingNode m)) {
            problems.add(at(file, n) + "simulators: expected a mapping with ocs, cdf and/or hss");
            return;
        }
        Map<?, ?> values = Map.of();
        try {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (doc instanceof Map<?, ?> d && d.get("simulators") instanceof Map<?, ?> sm) {
                values = sm;
            }
        } catch (RuntimeException e) {
            // composed above, so it loads; a fault here is the node loader's to report
        }
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
            if (!SIMULATORS.contains(key)) {
                problems.add(
                        at(file, t.getKeyNode())
                                + "simulators: unknown key '"
                                + key
                                + "' (expected ocs, cdf, hss)");
                continue;
            }
            Node v = t.getValueNode();
            out.put(key, isNull(v) ? null : values.get(key));
            lines.put(key, t.getKeyNode().getStartMark().getLine() + 1);
        }
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    private static String at(String file, Node n) {
        return file + ":" + (n.getStartMark().getLine() + 1) + ": ";
    }
}
