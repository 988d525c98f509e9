package org.diameter4j.cli.send;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.diameter4j.cli.UserError;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reading a template's YAML nodes, with faults that name the file, the line and the path. */
final class YamlNodes {
    final String file;

    YamlNodes(String file) {
        this.file = file;
    }

    /** A usage error (exit 2): "file:line: path: msg". */
    UserError error(Node n, String path, String msg) {
        int line = n != null ? n.getStartMark().getLine() + 1 : 1;
        return UserError.usage(file + ":" + line + ": " + (path != null ? path + ": " : "") + msg);
    }

    /** "file:line: path", the location of a value. */
    String where(Node n, String path) {
        return file + ":" + (n.getStartMark().getLine() + 1) + ": " + path;
    }

    /** A map's entries by key, in file order; keys outside {@code allowed} (when given) fail. */
    Map<String, NodeTuple> mapping(Node n, String path, Set<String> allowed) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, path, "expected a map" + (allowed != null ? " with " + allowed : ""));
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
}
