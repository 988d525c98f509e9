package org.diameter4j.cli.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.cli.server.Simulators;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.yaml.YamlReader;
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

    private final String nodeText;
    private final InetSocketAddress admin;
    private final Map<String, Node> simulators;
    private final Map<String, Node> keys; // the key node of each simulator, for positions
    private final YamlReader yaml;

    private NodeFile(
            String nodeText,
            InetSocketAddress admin,
            Map<String, Node> simulators,
            Map<String, Node> keys,
            YamlReader yaml) {
        this.nodeText = nodeText;
        this.admin = admin;
        this.simulators = simulators;
        this.keys = keys;
        this.yaml = yaml;
    }

    /** The text for the node's loader: the file with admin and simulators blanked out. */
    public String nodeText() {
        return nodeText;
    }

    public InetSocketAddress admin() {
        return admin;
    }

    /**
     * The simulators section: ocs, cdf, hss (each present one runs), in file order, with the reader
     * of the file so that faults inside them name file, line and column.
     */
    public Simulators.Config simulators() {
        return new Simulators.Config(yaml, simulators);
    }

    /** {@code FILE:LINE:COL} of simulators.NAME, for messages about it. */
    public String position(String simulator) {
        return yaml.position(keys.get(simulator));
    }

    /** Faults of the admin and simulators sections, each "FILE:LINE:COL: key: what is wrong". */
    public List<String> problems() {
        return yaml == null ? List.of() : yaml.problems();
    }

    /**
     * Splits {@code text} (of the file {@code name}). A YAML syntax error is left to the loader.
     */
    public static NodeFile parse(String text, String name) {
        Map<String, Node> sims = new LinkedHashMap<>();
        YamlReader yaml;
        try {
            yaml = YamlReader.parse(text, name);
        } catch (NodeConfigException e) {
            return new NodeFile(text, DEFAULT_ADMIN, sims, Map.of(), YamlReader.parse("", name));
        }
        if (!(yaml.root() instanceof MappingNode top)) {
            return new NodeFile(text, DEFAULT_ADMIN, sims, Map.of(), yaml);
        }
        InetSocketAddress admin = DEFAULT_ADMIN;
        Map<String, Node> keys = new LinkedHashMap<>();
        char[] blanked = text.toCharArray();
        for (NodeTuple t : top.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)
                    || !List.of("admin", "simulators").contains(k.getValue())) {
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
                admin = admin(yaml, t.getValueNode());
            } else if (!YamlReader.isNull(t.getValueNode())) {
                Map<String, Node> m =
                        yaml.mapping(t.getValueNode(), "simulators", Simulators.SECTIONS);
                if (m != null) {
                    sims.putAll(m);
                    for (NodeTuple st : ((MappingNode) t.getValueNode()).getValue()) {
                        if (st.getKeyNode() instanceof ScalarNode sk) {
                            keys.putIfAbsent(sk.getValue(), sk);
                        }
                    }
                }
            }
        }
        return new NodeFile(new String(blanked), admin, sims, keys, yaml);
    }

    private static InetSocketAddress admin(YamlReader yaml, Node n) {
        if (YamlReader.isNull(n)) {
            return DEFAULT_ADMIN;
        }
        Map<String, Node> m = yaml.mapping(n, "admin", List.of("listen"));
        if (m == null || m.get("listen") == null) {
            return DEFAULT_ADMIN;
        }
        Node v = m.get("listen");
        String text = yaml.string(v, "admin.listen");
        if (text == null) {
            return DEFAULT_ADMIN;
        }
        InetSocketAddress a = hostPort(text.trim());
        if (a == null) {
            yaml.problem(
                    v,
                    "admin.listen",
                    "'" + text.trim() + "' is not HOST:PORT with an IP address",
                    "write e.g. 127.0.0.1:3869 or [::1]:3869");
            return DEFAULT_ADMIN;
        }
        return a;
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
}
