package org.diameter4j.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.diameter4j.node.yaml.YamlReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a {@link NodeConfig} from YAML (M-16; schema and defaults in {@code
 * docs/configuration.md}). The file is read with the shared {@link YamlReader} so that every fault
 * names the file, the line and the column:
 *
 * <pre>
 * node.yaml:12:17: peers[1].preference: expected a number, got "high"
 * node.yaml:4:3: node: unknown key 'orign-realm' (did you mean 'origin-realm'?) — allowed keys: …
 * </pre>
 *
 * All faults of a file are reported at once, in a {@link NodeConfigException}. Relative paths (TLS
 * files, dictionaries) resolve against the YAML file's folder. List positions ({@code peers[0]})
 * count from 0.
 *
 * <p>The sections are read by package-private parts: {@link NodeSection} (identity, applications,
 * listen, timers, limits), {@link TlsSection}, {@link PeersSection} and {@link PeerEntry} (the
 * peers), with the values they share in {@link ConfigValues}.
 */
public final class NodeConfigLoader {
    private static final List<String> ROOT_KEYS = List.of("node", "peers");

    private NodeConfigLoader() {}

    /** Loads {@code file}; throws {@link NodeConfigException} listing every fault. */
    public static NodeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NodeConfigException(
                    List.of(
                            file
                                    + ": cannot read the configuration: "
                                    + (e instanceof NoSuchFileException
                                            ? "no such file"
                                            : e.getMessage())));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, file.getFileName().toString(), dir);
    }

    /**
     * Loads YAML text; {@code name} is the file name used in messages, {@code baseDir} the folder
     * that relative paths resolve against.
     */
    public static NodeConfig parse(String yaml, String name, Path baseDir) {
        YamlReader reader = YamlReader.parse(yaml, name);
        Node root = reader.root();
        if (root == null) {
            throw new NodeConfigException(
                    List.of(name + ":1:1: the file is empty: it needs a 'node' section"));
        }
        Map<String, Node> top = reader.mapping(root, "", ROOT_KEYS);
        NodeConfig result = null;
        if (top != null) {
            Node node = top.get("node");
            if (node == null) {
                reader.problem(
                        root, "", "the 'node' section is required (origin-host, applications …)");
            } else {
                result =
                        new NodeSection(new ConfigValues(reader, baseDir))
                                .read(node, top.get("peers"));
            }
        }
        reader.check();
        return result;
    }
}
