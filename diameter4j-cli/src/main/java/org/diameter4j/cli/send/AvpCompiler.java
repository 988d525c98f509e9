package org.diameter4j.cli.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.DataType;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.Spelling;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A template's {@code avps} map compiled to {@link AvpPart}s: AVP names looked up in the
 * dictionary, maps for Grouped AVPs, lists for repeats, values checked against their type.
 */
final class AvpCompiler {
    private final YamlNodes yaml;
    private final Dictionary dict;

    AvpCompiler(YamlNodes yaml, Dictionary dict) {
        this.yaml = yaml;
        this.dict = dict;
    }

    /** The parts of {@code avps} (AVP name → value), in file order. */
    List<AvpPart> compile(Map<String, NodeTuple> avps) {
        List<AvpPart> parts = new ArrayList<>();
        for (NodeTuple t : avps.values()) {
            addParts(parts, "avps", t);
        }
        return List.copyOf(parts);
    }

    private void addParts(List<AvpPart> out, String parent, NodeTuple t) {
        ScalarNode k = (ScalarNode) t.getKeyNode();
        String name = k.getValue();
        String path = parent + "." + name;
        AvpDefinition def = dict.findAvp(name);
        if (def == null) {
            String s = suggest(name);
            throw yaml.error(
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
                    throw yaml.error(
                            e, path, "a list inside a list: give one value or map per item");
                }
                out.add(part(def, path, e));
            }
        } else {
            out.add(part(def, path, v));
        }
    }

    private AvpPart part(AvpDefinition def, String path, Node v) {
        if (def.type() == DataType.GROUPED) {
            return group(def, path, v);
        }
        if (!(v instanceof ScalarNode s)) {
            throw yaml.error(
                    v,
                    path,
                    def.name()
                            + " is "
                            + def.type().rfcName()
                            + ": give a single value, not a map");
        }
        String text = s.getValue();
        if (text == null || (s.getTag().getValue().endsWith(":null"))) {
            throw yaml.error(v, path, "no value");
        }
        List<String> parts;
        try {
            parts = Placeholders.split(text);
        } catch (IllegalArgumentException e) {
            throw yaml.error(v, path, e.getMessage());
        }
        if (parts.size() == 1) {
            try {
                return new AvpPart.Constant(yaml.where(v, path), AvpPart.convert(dict, def, text));
            } catch (IllegalArgumentException e) {
                throw yaml.error(v, path, AvpPart.clean(e.getMessage()));
            }
        }
        return new AvpPart.Leaf(yaml.where(v, path), dict, def, parts);
    }

    /** A Grouped AVP (RFC 6733 §4.4): built once when no member holds a variable. */
    private AvpPart group(AvpDefinition def, String path, Node v) {
        if (!(v instanceof MappingNode)) {
            throw yaml.error(
                    v, path, def.name() + " is Grouped: give a map of its AVPs (use {} for none)");
        }
        List<AvpPart> children = new ArrayList<>();
        for (NodeTuple t : yaml.mapping(v, path, null).values()) {
            addParts(children, path, t);
        }
        boolean constant = children.stream().allMatch(c -> c instanceof AvpPart.Constant);
        AvpPart.Group g = new AvpPart.Group(yaml.where(v, path), def, List.copyOf(children));
        return constant ? new AvpPart.Constant(g.location, g.build(null)) : g;
    }

    private String suggest(String name) {
        return Spelling.closest(
                name,
                dict.avps().stream().map(AvpDefinition::name).toList(),
                Math.max(2, name.length() / 4));
    }
}
