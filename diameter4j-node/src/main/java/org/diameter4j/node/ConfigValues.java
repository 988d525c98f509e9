package org.diameter4j.node;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.DictionaryBuilder;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The values of a node file that more than one section reads, beyond the plain types of {@link
 * YamlReader}: files relative to the YAML file's folder, IP addresses of this machine, application
 * names and Tw. Each records a fault with the node's position and returns null, as {@link
 * YamlReader}'s accessors do. One per load, with its reader.
 */
final class ConfigValues {
    private final YamlReader yaml;
    private final Path base;

    /** {@code base}: the folder relative paths resolve against (null: the working folder). */
    ConfigValues(YamlReader yaml, Path base) {
        this.yaml = yaml;
        this.base = base;
    }

    YamlReader yaml() {
        return yaml;
    }

    /**
     * An application: a name of {@link Applications} or {@code auth:<id>}, {@code acct:<id>},
     * {@code vendor:<vendor-id>:auth|acct:<id>} (RFC 6733 §6.8, §6.9), as {@link
     * Applications#parse} reads them.
     */
    ApplicationId application(Node n, String path) {
        String s = yaml.string(n, path);
        if (s == null) {
            return null;
        }
        try {
            return Applications.parse(s);
        } catch (IllegalArgumentException e) {
            yaml.problem(
                    n,
                    path,
                    "unknown application "
                            + YamlReader.quote(n)
                            + YamlReader.suggestion(
                                    s.trim().toLowerCase(Locale.ROOT), Applications.names())
                            + "; known names: "
                            + String.join(", ", Applications.names())
                            + ", or "
                            + Applications.NUMERIC_FORMS);
            return null;
        }
    }

    /**
     * A readable file; a relative path resolves against the YAML file's folder. A fault names the
     * resolved path and whether the file is missing or unreadable.
     */
    Path path(Node n, String where) {
        String s = yaml.string(n, where);
        if (s == null) {
            return null;
        }
        Path p = Path.of(s);
        Path resolved = p.isAbsolute() || base == null ? p : base.resolve(p);
        if (!Files.isReadable(resolved)) {
            yaml.problem(
                    n,
                    where,
                    "cannot read "
                            + resolved
                            + (Files.exists(resolved) ? ": permission denied" : ": no such file"));
            return null;
        }
        return resolved;
    }

    /**
     * An IPv4 or IPv6 literal (no host names); with {@code mustBeLocal}, one of this machine's
     * addresses (a Host-IP-Address this node can bind, RFC 6733 §5.3.5).
     */
    InetAddress ip(Node n, String path, boolean mustBeLocal) {
        String s = yaml.string(n, path);
        if (s == null) {
            return null;
        }
        if (!DiameterAddress.isIpLiteral(s)) {
            yaml.problem(n, path, "expected an IPv4 or IPv6 address, got " + YamlReader.quote(n));
            return null;
        }
        InetAddress a = DiameterAddress.parse(s).inetAddress();
        if (mustBeLocal) {
            try {
                NodeConfig.Builder.checkLocal(a, path);
            } catch (IllegalArgumentException e) {
                yaml.problem(n, path, e.getMessage());
                return null;
            }
        }
        return a;
    }

    /**
     * Tw, the watchdog interval; a value below the minimum of 6 s (RFC 3539 §3.4.1) is a fault but
     * still returned, so that the caller decides whether to use it.
     */
    Duration tw(Node n, String path) {
        Duration tw = yaml.duration(n, path);
        if (tw != null && tw.toMillis() < PeerConfig.MIN_TW_MILLIS) {
            yaml.problem(
                    n,
                    path,
                    "Tw " + YamlReader.text(n) + " is below the minimum of 6 s (RFC 3539 §3.4.1)");
        }
        return tw;
    }

    /**
     * {@code node.dictionaries}: dictionary files added to the standard one; null when there are
     * none or, after a fault naming the file, when one does not load.
     */
    Dictionary dictionaries(Node n) {
        List<Node> files = yaml.list(n, "node.dictionaries");
        if (files.isEmpty()) {
            return null;
        }
        DictionaryBuilder db = Dictionary.builder().addStandard();
        boolean ok = true;
        for (int i = 0; i < files.size(); i++) {
            String where = "node.dictionaries[" + i + "]";
            Path p = path(files.get(i), where);
            if (p == null) {
                ok = false;
                continue;
            }
            try {
                db.addFile(p);
            } catch (RuntimeException e) {
                yaml.problem(files.get(i), where, e.getMessage());
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return db.build();
        } catch (RuntimeException e) {
            yaml.problem(n, "node.dictionaries", e.getMessage());
            return null;
        }
    }
}
