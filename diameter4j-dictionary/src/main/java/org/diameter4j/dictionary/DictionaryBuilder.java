package org.diameter4j.dictionary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.diameter4j.codec.DataType;

/**
 * Collects dictionary files, then checks and links them into a {@link Dictionary}. Identical
 * definitions in several files are merged; different definitions of one thing are a clash naming
 * both places.
 */
public final class DictionaryBuilder {
    /** The standard files, in load order, listed in this resource. */
    static final String STANDARD_INDEX = "standard.list";

    static final class AvpDraft {
        final String name;
        final int code;
        final DataType type;
        final MRule rule;
        final String vendor;
        final SourceLocation at;
        final Map<Long, String> values = new LinkedHashMap<>();
        final Map<String, Long> byName = new HashMap<>();

        AvpDraft(
                String name,
                int code,
                DataType type,
                MRule rule,
                String vendor,
                SourceLocation at) {
            this.name = name;
            this.code = code;
            this.type = type;
            this.rule = rule;
            this.vendor = vendor;
            this.at = at;
        }
    }

    private record GroupedDraft(
            String name, int code, int vendor, List<GrammarRule> rules, SourceLocation at) {}

    private record CommandDraft(
            String name,
            String abbrev,
            int code,
            long app,
            boolean request,
            boolean proxiable,
            List<GrammarRule> rules,
            SourceLocation at) {}

    private record ValueDraft(String avp, String name, long value, SourceLocation at) {}

    private final Map<Integer, Vendor> vendors = new LinkedHashMap<>();
    private final Map<Integer, SourceLocation> vendorAt = new HashMap<>();
    private final Map<Long, Application> applications = new LinkedHashMap<>();
    private final Map<Long, SourceLocation> applicationAt = new HashMap<>();
    private final List<AvpDraft> avps = new ArrayList<>();
    private final List<GroupedDraft> grouped = new ArrayList<>();
    private final List<CommandDraft> commands = new ArrayList<>();
    private final List<ValueDraft> extraValues = new ArrayList<>();

    DictionaryBuilder() {
        vendors.put(0, Vendor.IETF);
    }

    /** Adds the dictionaries diameter4j ships (base, credit control, NASREQ, DOIC, 3GPP …). */
    public DictionaryBuilder addStandard() {
        for (String name : standardFiles()) {
            addResource(name);
        }
        return this;
    }

    static List<String> standardFiles() {
        String index = readResource(STANDARD_INDEX);
        List<String> names = new ArrayList<>();
        for (String line : index.split("\r?\n")) {
            String s = line.replaceAll("#.*", "").trim();
            if (!s.isEmpty()) {
                names.add(s);
            }
        }
        return names;
    }

    private static String readResource(String name) {
        try (InputStream in = DictionaryBuilder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DictionaryException(
                        "dictionary resource " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DictionaryException(
                    "cannot read dictionary resource " + name + ": " + e.getMessage());
        }
    }

    /** Adds a standard dictionary by resource name ("base.dict"). */
    public DictionaryBuilder addResource(String name) {
        return addText(name, readResource(name));
    }

    /** Adds a dictionary file; its faults name the file and line. */
    public DictionaryBuilder addFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DictionaryException(
                    "cannot read dictionary file " + file + ": " + e.getMessage());
        }
        return addText(file.toString(), text);
    }

    /** Adds dictionary text; {@code name} is used in error messages. */
    public DictionaryBuilder addText(String name, String text) {
        new DictionaryParser(this, name).parse(text);
        return this;
    }

    // ---- called by the parser -----------------------------------------------------------------

    void vendor(Vendor v, SourceLocation at) {
        Vendor old = vendors.get(v.id());
        if (old != null && !old.equals(v)) {
            throw new DictionaryException(
                    at,
                    "vendor "
                            + Integer.toUnsignedString(v.id())
                            + " '"
                            + v.name()
                            + "' clashes with '"
                            + old.name()
                            + "' defined at "
                            + vendorAt.getOrDefault(v.id(), new SourceLocation("built-in", 0)));
        }
        for (Vendor o : vendors.values()) {
            if (o.name().equals(v.name()) && o.id() != v.id()) {
                throw new DictionaryException(
                        at,
                        "vendor name '"
                                + v.name()
                                + "' is already vendor "
                                + Integer.toUnsignedString(o.id())
                                + " ("
                                + vendorAt.get(o.id())
                                + ")");
            }
        }
        vendors.put(v.id(), v);
        vendorAt.putIfAbsent(v.id(), at);
    }

    void application(Application a, SourceLocation at) {
        Application old = applications.get(a.id());
        if (old != null && !old.equals(a)) {
            throw new DictionaryException(
                    at,
                    "application "
                            + a.id()
                            + " '"
                            + a.name()
                            + "' clashes with '"
                            + old.name()
                            + "' defined at "
                            + applicationAt.get(a.id()));
        }
        applications.put(a.id(), a);
        applicationAt.putIfAbsent(a.id(), at);
    }

    AvpDraft avp(
            String name, int code, DataType type, MRule rule, String vendor, SourceLocation at) {
        AvpDraft d = new AvpDraft(name, code, type, rule, vendor, at);
        avps.add(d);
        return d;
    }

    void value(AvpDraft avp, String name, long value, SourceLocation at) {
        addValue(avp, name, value, at);
    }

    void value(String avpName, String name, long value, SourceLocation at) {
        extraValues.add(new ValueDraft(avpName, name, value, at));
    }

    private static void addValue(AvpDraft avp, String name, long value, SourceLocation at) {
        String old = avp.values.get(value);
        if (old != null && !old.equals(name)) {
            throw new DictionaryException(
                    at,
                    avp.name + " value " + value + " '" + name + "' clashes with '" + old + "'");
        }
        Long oldNum = avp.byName.get(name);
        if (oldNum != null && oldNum != value) {
            throw new DictionaryException(
                    at, avp.name + " value name '" + name + "' is already " + oldNum);
        }
        avp.values.put(value, name);
        avp.byName.put(name, value);
    }

    void groupedGrammar(
            String name, int code, int vendor, List<GrammarRule> rules, SourceLocation at) {
        grouped.add(new GroupedDraft(name, code, vendor, rules, at));
    }

    void command(
            String name,
            String abbrev,
            int code,
            long app,
            boolean request,
            boolean proxiable,
            List<GrammarRule> rules,
            SourceLocation at) {
        commands.add(new CommandDraft(name, abbrev, code, app, request, proxiable, rules, at));
    }

    // ---- linking ------------------------------------------------------------------------------

    private int vendorId(String token, SourceLocation at) {
        if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) {
            return (int) Long.parseLong(token);
        }
        for (Vendor v : vendors.values()) {
            if (v.name().equals(token)) {
                return v.id();
            }
        }
        throw new DictionaryException(
                at, "unknown vendor '" + token + "' (declare it with: vendor <id> " + token + ")");
    }

    /** Checks every reference and clash, and builds the immutable dictionary. */
    public Dictionary build() {
        problems.clear();
        Dictionary d = link();
        if (!problems.isEmpty()) {
            int n = problems.size();
            List<String> shown = problems.subList(0, Math.min(n, 40));
            throw new DictionaryException(
                    String.join("\n", shown)
                            + (n > shown.size() ? "\n… and " + (n - shown.size()) + " more" : ""));
        }
        return d;
    }

    private final List<String> problems = new ArrayList<>();

    private Dictionary link() {
        Map<Long, AvpDraft> byKey = new LinkedHashMap<>();
        Map<String, AvpDraft> byName = new HashMap<>();
        Map<AvpDraft, Integer> vendorOf = new HashMap<>();
        for (AvpDraft d : avps) {
            int vendor = vendorId(d.vendor, d.at);
            long key = Dictionary.key(d.code, vendor);
            AvpDraft old = byKey.get(key);
            if (old != null) {
                if (!old.name.equals(d.name) || old.type != d.type || old.rule != d.rule) {
                    throw new DictionaryException(
                            d.at,
                            "AVP (vendor "
                                    + Integer.toUnsignedString(vendor)
                                    + ", code "
                                    + Integer.toUnsignedString(d.code)
                                    + ") '"
                                    + d.name
                                    + "' clashes with '"
                                    + old.name
                                    + "' defined at "
                                    + old.at);
                }
                for (Map.Entry<Long, String> e : d.values.entrySet()) {
                    addValue(old, e.getValue(), e.getKey(), d.at);
                }
                continue;
            }
            AvpDraft sameName = byName.get(d.name);
            if (sameName != null) {
                throw new DictionaryException(
                        d.at,
                        "AVP name '"
                                + d.name
                                + "' is already used for (vendor "
                                + Integer.toUnsignedString(vendorOf.get(sameName))
                                + ", code "
                                + Integer.toUnsignedString(sameName.code)
                                + ") at "
                                + sameName.at);
            }
            byKey.put(key, d);
            byName.put(d.name, d);
            vendorOf.put(d, vendor);
        }
        for (ValueDraft v : extraValues) {
            AvpDraft d = byName.get(v.avp());
            if (d == null) {
                problems.add(v.at() + ": values for unknown AVP '" + v.avp() + "'");
                continue;
            }
            addValue(d, v.name(), v.value(), v.at());
        }
        Map<Long, AvpDefinition> defs = new LinkedHashMap<>();
        Map<String, AvpDefinition> defsByName = new HashMap<>();
        for (AvpDraft d : byKey.values()) {
            int vendor = vendorOf.get(d);
            if (d.type == DataType.GROUPED || !d.values.isEmpty()) {
                if (!d.values.isEmpty() && !d.type.isInteger()) {
                    throw new DictionaryException(
                            d.at,
                            d.name
                                    + " is "
                                    + d.type.rfcName()
                                    + ": only integer AVPs have named values");
                }
            }
            AvpDefinition def =
                    new AvpDefinition(
                            d.name,
                            d.code,
                            vendor,
                            d.type,
                            d.rule,
                            new LinkedHashMap<>(d.values),
                            new HashMap<>(d.byName),
                            d.at);
            defs.put(Dictionary.key(d.code, vendor), def);
            defsByName.put(d.name, def);
        }
        Map<String, SourceLocation> groupedAt = new HashMap<>();
        Map<String, List<GrammarRule>> groupedRules = new HashMap<>();
        for (GroupedDraft g : grouped) {
            AvpDefinition def = defsByName.get(g.name());
            if (def == null) {
                problems.add(
                        g.at()
                                + ": grammar for unknown AVP '"
                                + g.name()
                                + "' (define it with an avp line)");
                continue;
            }
            if (def.type() != DataType.GROUPED) {
                throw new DictionaryException(
                        g.at(),
                        g.name()
                                + " has a grammar but is "
                                + def.type().rfcName()
                                + ", not Grouped");
            }
            if (def.code() != g.code() || def.vendorId() != g.vendor()) {
                throw new DictionaryException(
                        g.at(),
                        "grammar header says "
                                + g.name()
                                + " is (code "
                                + g.code()
                                + ", vendor "
                                + g.vendor()
                                + ") but it is defined as (code "
                                + def.code()
                                + ", vendor "
                                + Integer.toUnsignedString(def.vendorId())
                                + ") at "
                                + def.location());
            }
            List<GrammarRule> old = groupedRules.get(g.name());
            if (old != null) {
                if (!old.equals(g.rules())) {
                    throw new DictionaryException(
                            g.at(),
                            "grammar of "
                                    + g.name()
                                    + " differs from the one at "
                                    + groupedAt.get(g.name()));
                }
                continue;
            }
            groupedRules.put(g.name(), g.rules());
            groupedAt.put(g.name(), g.at());
            def.grammar = resolve(g.rules(), defsByName, g.at());
        }
        Map<Long, CommandDefinition> cmds = new LinkedHashMap<>();
        for (CommandDraft c : commands) {
            if (c.app() != 0 && !applications.containsKey(c.app())) {
                problems.add(
                        c.at()
                                + ": "
                                + c.name()
                                + " belongs to application "
                                + c.app()
                                + ", which no file declares (application <id> <Name> auth|acct)");
            }
            long k = Dictionary.commandKey(c.app(), c.code(), c.request());
            CommandDefinition def =
                    new CommandDefinition(
                            c.name(),
                            c.abbrev(),
                            c.code(),
                            c.app(),
                            c.request(),
                            c.proxiable(),
                            resolve(c.rules(), defsByName, c.at()),
                            c.at());
            CommandDefinition old = cmds.get(k);
            if (old != null) {
                if (!old.name().equals(def.name())
                        || !old.grammar().rules().equals(def.grammar().rules())
                        || old.proxiable() != def.proxiable()) {
                    throw new DictionaryException(
                            c.at(),
                            "command "
                                    + c.name()
                                    + " (code "
                                    + c.code()
                                    + ", application "
                                    + c.app()
                                    + ", "
                                    + (c.request() ? "request" : "answer")
                                    + ") clashes with "
                                    + old.name()
                                    + " defined at "
                                    + old.location());
                }
                continue;
            }
            cmds.put(k, def);
        }
        return new Dictionary(
                Map.copyOf(vendors), new LinkedHashMap<>(applications), defs, defsByName, cmds);
    }

    private Grammar resolve(
            List<GrammarRule> rules, Map<String, AvpDefinition> byName, SourceLocation at) {
        AvpDefinition[] defs = new AvpDefinition[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            GrammarRule r = rules.get(i);
            if (r.isWildcard()) {
                continue;
            }
            AvpDefinition d = byName.get(r.name());
            if (d == null) {
                problems.add(
                        at + ": grammar refers to AVP '" + r.name() + "', which no file defines");
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (Objects.equals(rules.get(j).name(), r.name())) {
                    throw new DictionaryException(at, "grammar lists " + r.name() + " twice");
                }
            }
            defs[i] = d;
        }
        return new Grammar(rules, defs);
    }
}
