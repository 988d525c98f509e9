package org.diameter4j.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diameter4j.node.yaml.YamlReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code peers}: the list of peers (each read by {@link PeerEntry}) and the rules between them —
 * each peer its own index and its own Diameter host (a DiameterIdentity, RFC 6733 §4.3.1, compared
 * ignoring case as DNS names are), at most one default peer (M-16, seed 003). One per load.
 */
final class PeersSection {
    private final ConfigValues values;
    private final YamlReader yaml;
    private final Map<Integer, Node> byIndex = new LinkedHashMap<>();
    private final Map<String, Node> byHost = new LinkedHashMap<>();
    private Node firstDefault;
    private String firstDefaultName;

    PeersSection(ConfigValues values) {
        this.values = values;
        this.yaml = values.yaml();
    }

    /**
     * Adds the peers at {@code peersNode} (absent: none) to {@code b}; the node offers inband TLS
     * when any peer uses it.
     */
    void read(Node peersNode, NodeSection.PeerDefaults defaults, NodeConfig.Builder b) {
        List<Node> items = yaml.list(peersNode, "peers");
        boolean anyTlsPeer = false;
        for (int i = 0; i < items.size(); i++) {
            Node pn = items.get(i);
            String path = "peers[" + i + "]";
            PeerEntry p = PeerEntry.read(values, pn, path, i + 1, defaults);
            if (p == null) {
                continue;
            }
            anyTlsPeer |= p.config != null && p.config.inbandTls();
            uniqueIndex(p, pn, path);
            uniqueHost(p, path);
            oneDefault(p, path);
            if (p.config != null) {
                b.peer(p.config);
            }
        }
        if (anyTlsPeer) {
            b.inbandTls(true);
        }
    }

    private void uniqueIndex(PeerEntry p, Node pn, String path) {
        Node at = p.indexNode != null ? p.indexNode : pn;
        Node old = byIndex.putIfAbsent(p.index, at);
        if (old != null) {
            yaml.problem(
                    at,
                    path + ".index",
                    "index "
                            + p.index
                            + " is already used by the peer at line "
                            + YamlReader.line(old)
                            + ": each peer needs its own index");
        }
    }

    private void uniqueHost(PeerEntry p, String path) {
        if (p.host == null) {
            return;
        }
        Node old = byHost.putIfAbsent(p.host.toLowerCase(Locale.ROOT), p.hostNode);
        if (old != null) {
            yaml.problem(
                    p.hostNode,
                    path + ".destination-host",
                    "destination-host "
                            + p.host
                            + " is already used by the peer at line "
                            + YamlReader.line(old)
                            + ": each peer is one Diameter host");
        }
    }

    private void oneDefault(PeerEntry p, String path) {
        if (p.defaultNode == null) {
            return;
        }
        if (firstDefault == null) {
            firstDefault = p.defaultNode;
            firstDefaultName = "index " + p.index + " (" + p.host + ")";
            return;
        }
        // M-16, seed 003: "Multiple default peer is not allowed".
        yaml.problem(
                p.defaultNode,
                path + ".default-peer",
                "peer index "
                        + p.index
                        + " ("
                        + p.host
                        + ") and peer "
                        + firstDefaultName
                        + " at line "
                        + YamlReader.line(firstDefault)
                        + " are both default-peer: at most one default peer is allowed per node");
    }
}
