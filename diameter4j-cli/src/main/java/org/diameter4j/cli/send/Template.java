package org.diameter4j.cli.send;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.diameter4j.cli.CliArgs;
import org.diameter4j.cli.UserError;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Application;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.AvpValues;
import org.diameter4j.dictionary.CommandDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A message template: a shipped KIND ({@code ccr-event}, {@code ccr-session} …) or a user's
 * YAML/JSON file. Format: {@code command} (CCR or long name), {@code application} (id or name),
 * {@code avps} (AVP name → value; maps for Grouped; lists for repeats) and, for a session, {@code
 * steps} (each with {@code avps} merged over the common ones, optional {@code command} and {@code
 * repeat}). Values may hold variables: {@code ${session-id} ${origin-host} ${origin-realm}
 * ${dest-realm} ${dest-host} ${request-number} ${msisdn} ${imsi} ${n} ${now}}.
 *
 * <p>Compiled once: AVPs without variables are built at load time and shared by every message;
 * faults name the file, the line and the AVP path, as a usage error (exit 2).
 */
public final class Template {
    /** The KINDs shipped as resources. */
    public static final List<String> KINDS =
            List.of("ccr-event", "ccr-session", "acr-session", "ulr", "air", "dwr");

    static final Set<String> VARIABLES =
            Set.of(
                    "session-id",
                    "origin-host",
                    "origin-realm",
                    "dest-realm",
                    "dest-host",
                    "request-number",
                    "msisdn",
                    "imsi",
                    "n",
                    "now");

    private final String name;
    private final long applicationId;
    private final ApplicationId advertised;
    private final List<Step> steps;

    private Template(String name, long applicationId, ApplicationId advertised, List<Step> steps) {
        this.name = name;
        this.applicationId = applicationId;
        this.advertised = advertised;
        this.steps = steps;
    }

    /** The template's name: the KIND or the file name. */
    public String name() {
        return name;
    }

    public long applicationId() {
        return applicationId;
    }

    /** The application to advertise in the CER, or null for base messages (DWR). */
    public ApplicationId advertised() {
        return advertised;
    }

    /** The messages of one session, in order (repeats expanded). */
    public List<Step> steps() {
        return steps;
    }

    /** The values of the variables for one message. */
    public record Vars(
            String sessionId,
            String originHost,
            String originRealm,
            String destRealm,
            String destHost,
            long requestNumber,
            String msisdn,
            String imsi,
            long n) {
        String get(String var) {
            return switch (var) {
                case "session-id" -> sessionId;
                case "origin-host" -> originHost;
                case "origin-realm" -> originRealm;
                case "dest-realm" -> destRealm != null ? destRealm : "";
                case "dest-host" -> destHost != null ? destHost : "";
                case "request-number" -> Long.toString(requestNumber);
                case "msisdn" -> msisdn;
                case "imsi" -> imsi;
                case "n" -> Long.toString(n);
                case "now" ->
                        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
                default -> throw new IllegalArgumentException("unknown variable ${" + var + "}");
            };
        }

        static Vars sample() {
            return new Vars(
                    "client.example.com;1;1",
                    "client.example.com",
                    "example.com",
                    "example.net",
                    "peer.example.net",
                    0,
                    "41780000001",
                    "001010000000001",
                    1);
        }
    }

    /** One message of a session. */
    public static final class Step {
        private final CommandDefinition command;
        private final long applicationId;
        private final List<Part> avps;
        private final String where;

        Step(CommandDefinition command, long applicationId, List<Part> avps, String where) {
            this.command = command;
            this.applicationId = applicationId;
            this.avps = avps;
            this.where = where;
        }

        public String commandName() {
            return command.abbreviation();
        }

        public int commandCode() {
            return command.code();
        }

        /** A new request with the template's AVPs, variables replaced. */
        public DiameterMessage build(Vars vars) {
            DiameterMessage m =
                    DiameterMessage.request(command.code(), applicationId, command.proxiable());
            for (Part p : avps) {
                p.addTo(m.avps(), vars);
            }
            return m;
        }

        String where() {
            return where;
        }
    }

    /** An AVP of the template: built once (constant) or per message (with variables). */
    abstract static class Part {
        final String location;

        Part(String location) {
            this.location = location;
        }

        abstract Avp build(Vars vars);

        void addTo(org.diameter4j.codec.AvpList list, Vars vars) {
            list.add(build(vars));
        }
    }

    static final class Constant extends Part {
        final Avp avp;

        Constant(String location, Avp avp) {
            super(location);
            this.avp = avp;
        }

        @Override
        Avp build(Vars vars) {
            return avp;
        }
    }

    static final class Leaf extends Part {
        final Dictionary dict;
        final AvpDefinition def;
        final List<String> literal; // even: text, odd: variable name
        final boolean wholeVariable;

        Leaf(String location, Dictionary dict, AvpDefinition def, List<String> parts) {
            super(location);
            this.dict = dict;
            this.def = def;
            this.literal = parts;
            this.wholeVariable =
                    parts.size() == 3 && parts.get(0).isEmpty() && parts.get(2).isEmpty();
        }

        @Override
        Avp build(Vars vars) {
            String text;
            if (wholeVariable) {
                text = vars.get(literal.get(1));
            } else {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < literal.size(); i++) {
                    sb.append(i % 2 == 0 ? literal.get(i) : vars.get(literal.get(i)));
                }
                text = sb.toString();
            }
            try {
                return convert(dict, def, text);
            } catch (IllegalArgumentException e) {
                throw new UserError(
                        org.diameter4j.cli.Main.USAGE, location + ": " + clean(e.getMessage()));
            }
        }
    }

    static final class Group extends Part {
        final AvpDefinition def;
        final List<Part> children;

        Group(String location, AvpDefinition def, List<Part> children) {
            super(location);
            this.def = def;
            this.children = children;
        }

        @Override
        Avp build(Vars vars) {
            List<Avp> c = new ArrayList<>(children.size());
            for (Part p : children) {
                c.add(p.build(vars));
            }
            return Avp.grouped(def.code(), def.vendorId(), def.defaultFlags(), c);
        }
    }

    static Avp convert(Dictionary dict, AvpDefinition def, String text) {
        Object value = text;
        if (def.type() == DataType.TIME
                && !text.isEmpty()
                && text.chars().allMatch(Character::isDigit)) {
            value = Long.parseLong(text);
        }
        return AvpValues.toAvp(dict, def, value);
    }

    private static String clean(String msg) {
        return msg == null ? "bad value" : msg;
    }

    // ---- loading ----------------------------------------------------------------------------

    /** A KIND or a file; throws {@link UserError} (exit 2) naming file, line and AVP path. */
    public static Template load(String kindOrFile, Dictionary dict) {
        String kind = kindOrFile.trim().toLowerCase(Locale.ROOT);
        if (KINDS.contains(kind)) {
            String res = "templates/" + kind + ".yaml";
            try (InputStream in =
                    Template.class.getResourceAsStream("/org/diameter4j/cli/" + res)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + res);
                }
                return parse(
                        kind + ".yaml",
                        kind,
                        new InputStreamReader(in, StandardCharsets.UTF_8),
                        dict);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        Path p = Path.of(kindOrFile);
        if (!Files.isRegularFile(p)) {
            throw UserError.usage(
                    "--send "
                            + kindOrFile
                            + ": neither a KIND ("
                            + String.join(", ", KINDS)
                            + ") nor a readable template file");
        }
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return parse(p.toString(), p.getFileName().toString(), r, dict);
        } catch (IOException e) {
            throw UserError.usage("cannot read template " + p + ": " + e.getMessage());
        }
    }

    static Template parse(String file, String name, Reader reader, Dictionary dict) {
        YamlReader yaml;
        try {
            yaml = YamlReader.parse(reader, file);
        } catch (NodeConfigException e) {
            throw UserError.usage(e.getMessage());
        }
        return new Parser(yaml, dict).template(name, yaml.root());
    }

    private static final class Parser {
        final YamlReader yaml;
        final Dictionary dict;

        Parser(YamlReader yaml, Dictionary dict) {
            this.yaml = yaml;
            this.dict = dict;
        }

        UserError error(Node n, String path, String msg) {
            return UserError.usage(yaml.message(n, path, msg, null));
        }

        String where(Node n, String path) {
            return yaml.position(n) + ": " + path;
        }

        Map<String, NodeTuple> mapping(Node n, String path, Set<String> allowed) {
            if (!(n instanceof MappingNode m)) {
                throw error(
                        n, path, "expected a map" + (allowed != null ? " with " + allowed : ""));
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw error(t.getKeyNode(), path, "keys must be plain names");
                }
                if (allowed != null && !allowed.contains(k.getValue())) {
                    throw error(
                            k,
                            path,
                            "unknown key '"
                                    + k.getValue()
                                    + "' (expected "
                                    + String.join(", ", allowed)
                                    + ")");
                }
                out.put(k.getValue(), t);
            }
            return out;
        }

        String scalar(Node n, String path) {
            if (!(n instanceof ScalarNode s)) {
                throw error(n, path, "expected a single value");
            }
            return s.getValue();
        }

        Template template(String name, Node root) {
            if (root == null) {
                throw error(
                        null, null, "the template is empty: give command, application and avps");
            }
            Map<String, NodeTuple> top =
                    mapping(
                            root,
                            null,
                            new java.util.LinkedHashSet<>(
                                    List.of(
                                            "command",
                                            "application",
                                            "avps",
                                            "steps",
                                            "description")));
            NodeTuple cmdT = top.get("command");
            if (cmdT == null) {
                throw error(root, null, "no 'command' (e.g. command: CCR)");
            }
            NodeTuple appT = top.get("application");
            long app;
            ApplicationId advertised;
            if (appT == null) {
                app = -1;
                advertised = null;
            } else {
                String a = scalar(appT.getValueNode(), "application");
                app = applicationId(a, appT.getValueNode());
                advertised = advertise(a, app);
            }
            String cmdName = scalar(cmdT.getValueNode(), "command");
            CommandDefinition baseCmd = command(cmdName, app, cmdT.getValueNode());
            if (app < 0) {
                app = baseCmd.applicationId();
                advertised = app == 0 ? null : advertise(Long.toString(app), app);
            }
            Map<String, NodeTuple> base =
                    top.containsKey("avps")
                            ? mapping(top.get("avps").getValueNode(), "avps", null)
                            : new LinkedHashMap<>();
            List<Step> steps = new ArrayList<>();
            NodeTuple stepsT = top.get("steps");
            if (stepsT == null) {
                steps.add(step(baseCmd, app, base, root));
            } else {
                if (!(stepsT.getValueNode() instanceof SequenceNode seq)
                        || seq.getValue().isEmpty()) {
                    throw error(
                            stepsT.getValueNode(), "steps", "expected a list of steps (- avps: …)");
                }
                int i = 0;
                for (Node sn : seq.getValue()) {
                    String sp = "steps[" + i++ + "]";
                    Map<String, NodeTuple> s =
                            mapping(
                                    sn,
                                    sp,
                                    new java.util.LinkedHashSet<>(
                                            List.of("command", "avps", "repeat", "description")));
                    CommandDefinition c =
                            s.containsKey("command")
                                    ? command(
                                            scalar(
                                                    s.get("command").getValueNode(),
                                                    sp + ".command"),
                                            app,
                                            s.get("command").getValueNode())
                                    : baseCmd;
                    Map<String, NodeTuple> merged = new LinkedHashMap<>(base);
                    if (s.containsKey("avps")) {
                        merged.putAll(mapping(s.get("avps").getValueNode(), sp + ".avps", null));
                    }
                    int repeat = 1;
                    if (s.containsKey("repeat")) {
                        Node rn = s.get("repeat").getValueNode();
                        try {
                            repeat = Integer.parseInt(scalar(rn, sp + ".repeat"));
                        } catch (NumberFormatException e) {
                            throw error(rn, sp + ".repeat", "expected a whole number");
                        }
                        if (repeat < 1 || repeat > 1000) {
                            throw error(rn, sp + ".repeat", "must be 1..1000");
                        }
                    }
                    Step st = step(c, app, merged, sn);
                    for (int k = 0; k < repeat; k++) {
                        steps.add(st);
                    }
                }
            }
            // Check every value with sample variables now, so a wrong type is reported before
            // connecting.
            for (Step s : steps) {
                s.build(Vars.sample());
            }
            return new Template(name, app, advertised, List.copyOf(steps));
        }

        long applicationId(String a, Node n) {
            String s = a.trim().toLowerCase(Locale.ROOT);
            ApplicationId known = CliArgs.APPLICATIONS.get(s);
            if (known != null) {
                return known.id();
            }
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // a dictionary name or alias
            }
            for (Application ap : dict.applications()) {
                if (ap.name().equalsIgnoreCase(a.trim())
                        || (ap.alias() != null && ap.alias().equalsIgnoreCase(a.trim()))) {
                    return ap.id();
                }
            }
            throw error(
                    n,
                    "application",
                    "unknown application '"
                            + a
                            + "' (use an id, or "
                            + String.join(", ", CliArgs.APPLICATIONS.keySet())
                            + ")");
        }

        ApplicationId advertise(String name, long app) {
            if (app == 0) {
                return null;
            }
            ApplicationId known = CliArgs.APPLICATIONS.get(name.trim().toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
            for (ApplicationId a : CliArgs.APPLICATIONS.values()) {
                if (a.id() == app) {
                    return a;
                }
            }
            Application ap = dict.application(app);
            return ap != null && ap.accounting()
                    ? ApplicationId.acct(app)
                    : ApplicationId.auth(app);
        }

        CommandDefinition command(String name, long app, Node n) {
            try {
                CommandDefinition c = app >= 0 ? dict.command(name, app) : dict.command(name);
                if (!c.request()) {
                    CommandDefinition r = dict.command(c.applicationId(), c.code(), true);
                    if (r == null) {
                        throw new IllegalArgumentException(name + " is an answer");
                    }
                    c = r;
                }
                return c;
            } catch (IllegalArgumentException e) {
                throw error(n, "command", e.getMessage());
            }
        }

        Step step(CommandDefinition c, long app, Map<String, NodeTuple> avps, Node at) {
            List<Part> parts = new ArrayList<>();
            for (NodeTuple t : avps.values()) {
                addParts(parts, "avps", t);
            }
            return new Step(c, app, List.copyOf(parts), where(at, "avps"));
        }

        void addParts(List<Part> out, String parent, NodeTuple t) {
            ScalarNode k = (ScalarNode) t.getKeyNode();
            String name = k.getValue();
            String path = parent + "." + name;
            AvpDefinition def = dict.findAvp(name);
            if (def == null) {
                String s = suggest(name);
                throw error(
                        k,
                        path,
                        "unknown AVP"
                                + (s != null
                                        ? " (did you mean " + s + "?)"
                                        : " (not in the dictionary: check the spelling, or add --dictionary FILE)"));
            }
            Node v = t.getValueNode();
            if (v instanceof SequenceNode seq) {
                for (Node e : seq.getValue()) {
                    if (e instanceof SequenceNode) {
                        throw error(
                                e, path, "a list inside a list: give one value or map per item");
                    }
                    out.add(part(def, path, e));
                }
            } else {
                out.add(part(def, path, v));
            }
        }

        Part part(AvpDefinition def, String path, Node v) {
            if (def.type() == DataType.GROUPED) {
                if (!(v instanceof MappingNode)) {
                    throw error(
                            v,
                            path,
                            def.name() + " is Grouped: give a map of its AVPs (use {} for none)");
                }
                List<Part> children = new ArrayList<>();
                for (NodeTuple t : mapping(v, path, null).values()) {
                    addParts(children, path, t);
                }
                boolean constant = children.stream().allMatch(c -> c instanceof Constant);
                Group g = new Group(where(v, path), def, List.copyOf(children));
                return constant ? new Constant(g.location, g.build(null)) : g;
            }
            if (!(v instanceof ScalarNode s)) {
                throw error(
                        v,
                        path,
                        def.name()
                                + " is "
                                + def.type().rfcName()
                                + ": give a single value, not a map");
            }
            String text = s.getValue();
            if (text == null || (s.getTag().getValue().endsWith(":null"))) {
                throw error(v, path, "no value");
            }
            List<String> parts = splitVariables(text, v, path);
            if (parts.size() == 1) {
                try {
                    return new Constant(where(v, path), convert(dict, def, text));
                } catch (IllegalArgumentException e) {
                    throw error(v, path, clean(e.getMessage()));
                }
            }
            return new Leaf(where(v, path), dict, def, parts);
        }

        List<String> splitVariables(String text, Node n, String path) {
            List<String> parts = new ArrayList<>();
            int i = 0;
            while (true) {
                int start = text.indexOf("${", i);
                if (start < 0) {
                    parts.add(text.substring(i));
                    return parts;
                }
                int end = text.indexOf('}', start);
                if (end < 0) {
                    throw error(n, path, "unclosed ${ in '" + text + "'");
                }
                String var = text.substring(start + 2, end).trim();
                if (!VARIABLES.contains(var)) {
                    throw error(
                            n,
                            path,
                            "unknown variable ${"
                                    + var
                                    + "} (known: "
                                    + String.join(", ", new java.util.TreeSet<>(VARIABLES))
                                    + ")");
                }
                parts.add(text.substring(i, start));
                parts.add(var);
                i = end + 1;
            }
        }

        String suggest(String name) {
            return org.diameter4j.dictionary.Spelling.closest(
                    name,
                    dict.avps().stream().map(AvpDefinition::name).toList(),
                    Math.max(2, name.length() / 4));
        }
    }
}
