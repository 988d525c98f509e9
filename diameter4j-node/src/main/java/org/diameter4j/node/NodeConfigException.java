package org.diameter4j.node;

import java.util.List;

/**
 * A configuration file that cannot be used. Each problem is one line that names the file, the line
 * and what is wrong: {@code node.yaml:12: peers[1].preference: expected a number, got "high"}.
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
