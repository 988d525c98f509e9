package org.diameter4j.node;

import java.util.List;

/**
 * A configuration file that cannot be used (node YAML, a simulator's configuration, any file read
 * with {@link org.diameter4j.node.yaml.YamlReader}). Each problem is one line that names the file,
 * the line, the column and what is wrong: {@code node.yaml:12:17: peers[1].preference: expected a
 * number, got "high"}.
 */
public final class NodeConfigException extends IllegalArgumentException {
    private final List<String> problems;

    public NodeConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one per line, in file order. */
    public List<String> problems() {
        return problems;
    }
}
