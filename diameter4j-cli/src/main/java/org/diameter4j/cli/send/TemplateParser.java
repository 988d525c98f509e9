package org.diameter4j.cli.send;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.diameter4j.dictionary.Application;
import org.diameter4j.dictionary.CommandDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.Applications;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A template's structure from its YAML nodes: {@code command}, {@code application}, the common
 * {@code avps} and the {@code steps} of a session (see {@link Template} for the format).
 */
final class TemplateParser {
    private static final Set<String> TOP_KEYS =
            new LinkedHashSet<>(List.of("command", "application", "avps", "steps", "description"));
    private static final Set<String> STEP_KEYS =
            new LinkedHashSet<>(List.of("command", "avps", "repeat", "description"));

    private final YamlNodes yaml;
    private final Dictionary dict;
    private final AvpCompiler avps;

    TemplateParser(YamlReader reader, Dictionary dict) {
        this.yaml = new YamlNodes(reader);
        this.dict = dict;
        this.avps = new AvpCompiler(yaml, dict);
    }

    /** The application a template's messages carry, and the one to advertise in the CER. */
    private record App(long id, ApplicationId advertised) {}

    Template template(String name, Node root) {
        if (root == null) {
            throw yaml.error(
                    null, null, "the template is empty: give command, application and avps");
        }
        Map<String, NodeTuple> top = yaml.mapping(root, null, TOP_KEYS);
        NodeTuple cmdT = top.get("command");
        if (cmdT == null) {
            throw yaml.error(root, null, "no 'command' (e.g. command: CCR)");
        }
        NodeTuple appT = top.get("application");
        App app = appT == null ? new App(-1, null) : application(appT.getValueNode());
        String cmdName = yaml.scalar(cmdT.getValueNode(), "command");
        CommandDefinition baseCmd = command(cmdName, app.id(), cmdT.getValueNode());
        if (app.id() < 0) {
            long id = baseCmd.applicationId();
            app = new App(id, id == 0 ? null : advertise(Long.toString(id), id));
        }
        Map<String, NodeTuple> base =
                top.containsKey("avps")
                        ? yaml.mapping(top.get("avps").getValueNode(), "avps", null)
                        : new LinkedHashMap<>();
        List<Template.Step> steps = steps(top.get("steps"), baseCmd, app.id(), base, root);
        // Check every value with sample variables now, so a wrong type is reported before
        // connecting.
        for (Template.Step s : steps) {
            s.build(Template.Vars.sample());
        }
        return new Template(name, app.id(), app.advertised(), List.copyOf(steps));
    }

    /** One step without {@code steps}; else each step, its AVPs merged over the common ones. */
    private List<Template.Step> steps(
            NodeTuple stepsT,
            CommandDefinition baseCmd,
            long app,
            Map<String, NodeTuple> base,
            Node root) {
        List<Template.Step> steps = new ArrayList<>();
        if (stepsT == null) {
            steps.add(step(baseCmd, app, base, root));
            return steps;
        }
        if (!(stepsT.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw yaml.error(
                    stepsT.getValueNode(), "steps", "expected a list of steps (- avps: …)");
        }
        int i = 0;
        for (Node sn : seq.getValue()) {
            String sp = "steps[" + i++ + "]";
            Map<String, NodeTuple> s = yaml.mapping(sn, sp, STEP_KEYS);
            CommandDefinition c =
                    s.containsKey("command")
                            ? command(
                                    yaml.scalar(s.get("command").getValueNode(), sp + ".command"),
                                    app,
                                    s.get("command").getValueNode())
                            : baseCmd;
            Map<String, NodeTuple> merged = new LinkedHashMap<>(base);
            if (s.containsKey("avps")) {
                merged.putAll(yaml.mapping(s.get("avps").getValueNode(), sp + ".avps", null));
            }
            int repeat = repeat(s.get("repeat"), sp);
            Template.Step st = step(c, app, merged, sn);
            for (int k = 0; k < repeat; k++) {
                steps.add(st);
            }
        }
        return steps;
    }

    /** A step's {@code repeat}: 1 when absent, else 1..1000. */
    private int repeat(NodeTuple t, String sp) {
        if (t == null) {
            return 1;
        }
        Node rn = t.getValueNode();
        int repeat;
        try {
            repeat = Integer.parseInt(yaml.scalar(rn, sp + ".repeat"));
        } catch (NumberFormatException e) {
            throw yaml.error(rn, sp + ".repeat", "expected a whole number");
        }
        if (repeat < 1 || repeat > 1000) {
            throw yaml.error(rn, sp + ".repeat", "must be 1..1000");
        }
        return repeat;
    }

    private Template.Step step(
            CommandDefinition c, long app, Map<String, NodeTuple> avpMap, Node at) {
        return new Template.Step(c, app, avps.compile(avpMap), yaml.where(at, "avps"));
    }

    private App application(Node n) {
        String a = yaml.scalar(n, "application");
        long id = applicationId(a, n);
        return new App(id, advertise(a, id));
    }

    /** A name of {@link Applications}, a number, or a dictionary application's name or alias. */
    private long applicationId(String a, Node n) {
        Optional<ApplicationId> known = Applications.byName(a);
        if (known.isPresent()) {
            return known.get().id();
        }
        try {
            return Long.parseLong(a.trim());
        } catch (NumberFormatException e) {
            // a dictionary name or alias
        }
        for (Application ap : dict.applications()) {
            if (ap.name().equalsIgnoreCase(a.trim())
                    || (ap.alias() != null && ap.alias().equalsIgnoreCase(a.trim()))) {
                return ap.id();
            }
        }
        throw yaml.error(
                n,
                "application",
                "unknown application '"
                        + a
                        + "' (use an id, or "
                        + String.join(", ", Applications.names())
                        + ")");
    }

    /** The application to advertise: the named one, a known one of that id, or the dictionary's. */
    private ApplicationId advertise(String name, long app) {
        if (app == 0) {
            return null;
        }
        Optional<ApplicationId> known = Applications.byName(name);
        if (known.isPresent()) {
            return known.get();
        }
        for (String n : Applications.names()) {
            ApplicationId a = Applications.byName(n).orElseThrow();
            if (a.id() == app) {
                return a;
            }
        }
        Application ap = dict.application(app);
        return ap != null && ap.accounting() ? ApplicationId.acct(app) : ApplicationId.auth(app);
    }

    /** A request command by abbreviation or name; an answer's name stands for its request. */
    private CommandDefinition command(String name, long app, Node n) {
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
            throw yaml.error(n, "command", e.getMessage());
        }
    }
}
