package org.diameter4j.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.transport.TlsConfig;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code node.tls}: this node's certificate and trust, for TLS at connect ({@code aaas://}) and
 * inband TLS after the CER/CEA (RFC 6733 §13.1). PEM files or key stores, relative to the YAML
 * file's folder.
 */
final class TlsSection {
    static final List<String> KEYS =
            List.of(
                    "certificate",
                    "key",
                    "trust",
                    "keystore",
                    "keystore-password",
                    "truststore",
                    "truststore-password",
                    "require-client-certificate",
                    "protocols");

    private final YamlReader yaml;
    private final ConfigValues values;

    TlsSection(ConfigValues values) {
        this.yaml = values.yaml();
        this.values = values;
    }

    /**
     * The TLS settings at {@code n}; null after a fault (a missing file, a certificate without its
     * key, what {@link TlsConfig} refuses). A client certificate is required unless told otherwise.
     */
    TlsConfig read(Node n, String path) {
        Map<String, Node> m = yaml.mapping(n, path, KEYS);
        if (m == null) {
            return null;
        }
        int before = yaml.problemCount();
        Path cert = values.path(m.get("certificate"), path + ".certificate");
        Path key = values.path(m.get("key"), path + ".key");
        Path trust = values.path(m.get("trust"), path + ".trust");
        Path ks = values.path(m.get("keystore"), path + ".keystore");
        String ksPw = yaml.string(m.get("keystore-password"), path + ".keystore-password");
        Path ts = values.path(m.get("truststore"), path + ".truststore");
        String tsPw = yaml.string(m.get("truststore-password"), path + ".truststore-password");
        Boolean require =
                yaml.bool(
                        m.get("require-client-certificate"), path + ".require-client-certificate");
        List<String> protocols = protocols(m.get("protocols"), path + ".protocols");
        if ((cert == null) != (key == null) && yaml.problemCount() == before) {
            yaml.problem(n, path, "certificate and key go together: set both (or a keystore)");
        }
        if (yaml.problemCount() > before) {
            return null;
        }
        try {
            return new TlsConfig(
                    cert,
                    key,
                    ks,
                    ksPw == null ? null : ksPw.toCharArray(),
                    trust,
                    ts,
                    tsPw == null ? null : tsPw.toCharArray(),
                    require == null || require,
                    protocols.isEmpty() ? null : protocols);
        } catch (IllegalArgumentException e) {
            yaml.problem(n, path, e.getMessage());
            return null;
        }
    }

    /** The TLS protocol versions allowed ({@code TLSv1.3}); empty: the transport's default. */
    private List<String> protocols(Node n, String path) {
        List<Node> items = yaml.list(n, path);
        List<String> protocols = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String s = yaml.string(items.get(i), path + "[" + i + "]");
            if (s != null) {
                protocols.add(s);
            }
        }
        return protocols;
    }
}
