package org.diameter4j.node.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diameter4j.dictionary.Spelling;
import org.diameter4j.node.Durations;
import org.diameter4j.node.NodeConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML or JSON configuration document, read with SnakeYAML's node API so that every value keeps
 * its position, and typed access to it whose faults name that position:
 *
 * <pre>
 * ocs.yaml:4:5: subscribers.41780000001.balance: unknown key 'octet' (did you mean 'octets'?) — allowed keys: octets, seconds, units
 * node.yaml:12:17: peers[1].preference: expected a number, got "high"
 * server.yaml:3:8: cdf.fsync: expected one of always, interval, never, got "sometimes"
 * </pre>
 *
 * Lines and columns count from 1. A YAML syntax error is thrown at once; every other fault is
 * collected (the accessor returns null, or an empty list or map) so that a loader reports all the
 * faults of a file together with {@link #check()}, as a {@link NodeConfigException}. Each accessor
 * takes the node and its path in the document ({@code peers[1].preference}); a loader builds the
 * paths as it descends. Not thread-safe: one reader per load.
 */
public final class YamlReader {
    private final String file;
    private final Node root;
    private final List<String> problems = new ArrayList<>();

    private YamlReader(String file, Node root) {
        this.file = file;
        this.root = root;
    }

    /**
     * Reads {@code file}; messages name it as given ({@code file.toString()}).
     *
     * @throws NodeConfigException when the file cannot be read or is not valid YAML
     */
    public static YamlReader read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NodeConfigException(
                    List.of(
                            file
                                    + ": cannot read the file: "
                                    + (e instanceof NoSuchFileException
                                            ? "no such file"
                                            : e.getMessage())
                                    + " — check the path (relative paths start at the folder of the file that names them)"));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code text}; {@code file} is the name used in messages.
     *
     * @throws NodeConfigException when the text is not valid YAML
     */
    public static YamlReader parse(String text, String file) {
        return parse(new StringReader(text), file);
    }

    /** As {@link #parse(String, String)}, from a reader (not closed). */
    public static YamlReader parse(Reader text, String file) {
        try {
            return new YamlReader(file, new Yaml(new LoaderOptions()).compose(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where =
                    m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new NodeConfigException(
                    List.of(
                            where
                                    + ": YAML syntax: "
                                    + e.getProblem()
                                    + (e.getContext() != null ? " (" + e.getContext() + ")" : "")
                                    + " — check the indentation, the quotes and the brackets there"));
        } catch (YAMLException e) {
            throw new NodeConfigException(List.of(file + ": YAML syntax: " + e.getMessage()));
        }
    }

    /** The file name used in messages. */
    public String file() {
        return file;
    }

    /** The document's top node; null for an empty document. */
    public Node root() {
        return root;
    }

    // ---- faults -------------------------------------------------------------------------------

    /** Records a fault at {@code n}: {@code FILE:LINE:COL: PATH: what}. */
    public void problem(Node n, String path, String what) {
        problems.add(message(n, path, what, null));
    }

    /** Records a fault at {@code n}: {@code FILE:LINE:COL: PATH: what — fix}. */
    public void problem(Node n, String path, String what, String fix) {
        problems.add(message(n, path, what, fix));
    }

    /** The text of a fault, for loaders that throw their own exception. */
    public String message(Node n, String path, String what, String fix) {
        return position(n)
                + ": "
                + (path == null || path.isEmpty() ? "" : path + ": ")
                + what
                + (fix == null || fix.isEmpty() ? "" : " — " + fix);
    }

    /** {@code FILE:LINE:COL} of {@code n} (line 1, column 1 when there is no node). */
    public String position(Node n) {
        return file + ":" + line(n) + ":" + column(n);
    }

    /** The faults recorded so far, in the order found. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** How many faults were recorded so far (to tell whether a part of the file added any). */
    public int problemCount() {
        return problems.size();
    }

    /** Throws every fault recorded so far, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new NodeConfigException(problems);
        }
    }

    // ---- typed access -------------------------------------------------------------------------

    /**
     * The entries of a mapping whose keys must be among {@code allowed} (null: any key); an unknown
     * key (with the near miss and the allowed keys) and a repeated key are faults, and are left
     * out. Null, after a fault, when {@code n} is not a mapping.
     */
    public Map<String, Node> mapping(Node n, String path, List<String> allowed) {
        if (!(n instanceof MappingNode mn)) {
            problem(
                    n,
                    path.isEmpty() ? "(top level)" : path,
                    "expected a mapping (key: value lines), got " + describe(n));
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            Node kn = t.getKeyNode();
            if (!(kn instanceof ScalarNode ks)) {
                problem(kn, path, "expected a plain key, got " + describe(kn));
                continue;
            }
            String k = ks.getValue();
            String where = path.isEmpty() ? k : path + "." + k;
            if (allowed != null && !allowed.contains(k)) {
                String hint = suggestion(k, allowed);
                problem(
                        kn,
                        path.isEmpty() ? k : path,
                        "unknown key '" + k + "'" + hint,
                        "allowed keys: " + String.join(", ", allowed));
                continue;
            }
            if (out.containsKey(k)) {
                problem(kn, where, "given twice (first at line " + line(out.get(k)) + ")");
                continue;
            }
            out.put(k, t.getValueNode());
        }
        return out;
    }

    /**
     * The value of a required key of mapping {@code m} (the result of {@link #mapping}, taken from
     * {@code parent}); a fault naming {@code fix} when it is absent.
     */
    public Node required(Map<String, Node> m, String key, Node parent, String path, String fix) {
        Node v = m == null ? null : m.get(key);
        if (v == null && m != null) {
            problem(
                    parent,
                    path.isEmpty() ? key : path + "." + key,
                    "the required key '" + key + "' is missing",
                    fix);
        }
        return v;
    }

    /**
     * The items of a list; absent or null: empty; a single scalar counts as a list of one. Empty,
     * after a fault, for a mapping.
     */
    public List<Node> list(Node n, String path) {
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof SequenceNode sn) {
            return sn.getValue();
        }
        if (n instanceof ScalarNode) {
            return List.of(n);
        }
        problem(n, path, "expected a list, got " + describe(n));
        return List.of();
    }

    /** A text value; null when absent (no fault) or, after a fault, not a single value. */
    public String string(Node n, String path) {
        if (n == null) {
            return null;
        }
        if (!(n instanceof ScalarNode s) || isNull(n)) {
            problem(n, path, "expected a text value, got " + describe(n));
            return null;
        }
        return s.getValue();
    }

    /** A whole number from {@code min} to {@code max} ({@code _} separators allowed); or null. */
    public Long number(Node n, String path, long min, long max) {
        String s = n == null ? null : string(n, path);
        if (s == null) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(s.trim().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(n, path, "expected a number, got " + quote(n));
            return null;
        }
        if (v < min || v > max) {
            problem(n, path, "expected a number from " + min + " to " + max + ", got " + v);
            return null;
        }
        return v;
    }

    /** true/yes/on or false/no/off; or null. */
    public Boolean bool(Node n, String path) {
        String s = n == null ? null : string(n, path);
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> {
                return true;
            }
            case "false", "no", "off" -> {
                return false;
            }
            default -> {
                problem(n, path, "expected true or false, got " + quote(n));
                return null;
            }
        }
    }

    /** A duration in the one grammar of {@link Durations} ({@code 500ms, 10s, 2m}); or null. */
    public Duration duration(Node n, String path) {
        String s = n == null ? null : string(n, path);
        if (s == null) {
            return null;
        }
        try {
            return Durations.parse(s);
        } catch (IllegalArgumentException e) {
            problem(n, path, e.getMessage());
            return null;
        }
    }

    /**
     * One of an enum's constants, written in any case with {@code -} or {@code _} ({@code
     * at-connect}, {@code CONTINUE}); or null.
     */
    public <E extends Enum<E>> E choice(Node n, String path, Class<E> type) {
        String s = n == null ? null : string(n, path);
        if (s == null) {
            return null;
        }
        String k = s.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(k)) {
                return e;
            }
            names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        problem(n, path, "expected one of " + String.join(", ", names) + ", got " + quote(n), null);
        return null;
    }

    // ---- about nodes --------------------------------------------------------------------------

    /** An explicit null ({@code ~}, {@code null}, or nothing after the colon). */
    public static boolean isNull(Node n) {
        return n instanceof ScalarNode s
                && n.getTag().getValue().endsWith(":null")
                && (s.getValue().isEmpty()
                        || s.getValue().equals("~")
                        || s.getValue().equalsIgnoreCase("null"));
    }

    /** A plain (unquoted) scalar that YAML reads as a number: {@code 0010} is not the text 0010. */
    public static boolean isPlainNumber(Node n) {
        return n instanceof ScalarNode s
                && s.isPlain()
                && (Tag.INT.equals(n.getTag()) || Tag.FLOAT.equals(n.getTag()));
    }

    /** The line of {@code n}, from 1 (1 when there is no node). */
    public static int line(Node n) {
        return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    /** The column of {@code n}, from 1 (1 when there is no node). */
    public static int column(Node n) {
        return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getColumn() + 1;
    }

    /** A scalar's text, else what the node is ("a mapping", "a list"). */
    public static String text(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : describe(n);
    }

    /** A scalar's text in quotes, else what the node is. */
    public static String quote(Node n) {
        return n instanceof ScalarNode s ? "\"" + s.getValue() + "\"" : describe(n);
    }

    /** "nothing", "a mapping", "a list", or the scalar in quotes. */
    public static String describe(Node n) {
        if (n == null || isNull(n)) {
            return "nothing";
        }
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        return quote(n);
    }

    /** " (did you mean 'x'?)" for a near miss among {@code known}, else "". */
    public static String suggestion(String given, Iterable<String> known) {
        String best = Spelling.closest(given, known, Math.max(1, Math.min(3, given.length() / 3)));
        return best != null ? " (did you mean '" + best + "'?)" : "";
    }
}
