package org.diameter4j.node;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.overload.OverloadConfig;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.transport.TlsConfig;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code node}: this node's identity and capabilities (what its CER/CEA say, RFC 6733 §5.3.1), the
 * applications it supports, where it listens, its timers and limits, its TLS settings ({@link
 * TlsSection}) and dictionaries; then the {@code peers} ({@link PeersSection}), which inherit
 * node-wide Tc, Tw and TLS. One per load.
 */
final class NodeSection {
    static final List<String> KEYS =
            List.of(
                    "origin-host",
                    "origin-realm",
                    "description",
                    "vendor-id",
                    "product-name",
                    "firmware-revision",
                    "origin-state-id",
                    "supported-vendor-ids",
                    "applications",
                    "listen",
                    "local-addresses",
                    "accept-any-peer",
                    "request-timeout",
                    "cer-timeout",
                    "tc",
                    "tw",
                    "unsupported-result",
                    "max-message-length",
                    "io-threads",
                    "tls",
                    "dictionaries",
                    "relay",
                    "duplicate-window",
                    "duplicate-capacity",
                    "busy-backoff",
                    "strict-send",
                    "overload");
    static final List<String> OVERLOAD_KEYS =
            List.of("enabled", "report-above-pending", "report-reduction", "report-validity");
    private static final long UNSIGNED32 = 0xffffffffL;

    /** What a peer takes from the node when it does not set its own: Tc, Tw, TLS; each nullable. */
    record PeerDefaults(Duration tc, Duration tw, TlsConfig tls) {}

    private final ConfigValues values;
    private final YamlReader yaml;

    NodeSection(ConfigValues values) {
        this.values = values;
        this.yaml = values.yaml();
    }

    /** The configuration of {@code n} with the peers of {@code peersNode}; null after any fault. */
    NodeConfig read(Node n, Node peersNode) {
        Map<String, Node> m = yaml.mapping(n, "node", KEYS);
        if (m == null) {
            return null;
        }
        NodeConfig.Builder b = identity(m, n);
        applications(m, n, b);
        TlsConfig tls =
                m.containsKey("tls") ? new TlsSection(values).read(m.get("tls"), "node.tls") : null;
        listen(m, b, tls);
        if (tls != null) {
            b.listenTls(tls);
        }
        addresses(m, b);
        PeerDefaults defaults = timers(m, b, tls);
        limits(m, b);
        overload(m.get("overload"), b);
        yaml.string(m.get("description"), "node.description");
        Dictionary dict = values.dictionaries(m.get("dictionaries"));
        if (dict != null) {
            b.dictionary(dict);
        }
        new PeersSection(values).read(peersNode, defaults, b);
        if (yaml.hasProblems()) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            yaml.problem(n, "node", e.getMessage());
            return null;
        }
    }

    /**
     * Origin-Host (required, RFC 6733 §6.3) and Origin-Realm (§6.4; by default what follows the
     * host's first dot), Vendor-Id (§5.3.3), Product-Name (§5.3.7), Firmware-Revision (§5.3.4),
     * Origin-State-Id (§8.16), Supported-Vendor-Id (§5.3.6).
     */
    private NodeConfig.Builder identity(Map<String, Node> m, Node n) {
        String host = yaml.string(m.get("origin-host"), "node.origin-host");
        if (host == null && !m.containsKey("origin-host")) {
            yaml.problem(
                    n,
                    "node.origin-host",
                    "required: this node's Diameter identity, e.g. bng-gx.realm-1.com");
        }
        NodeConfig.Builder b = NodeConfig.builder(host);
        String realm = yaml.string(m.get("origin-realm"), "node.origin-realm");
        if (realm != null) {
            b.originRealm(realm);
        }
        Long v = yaml.number(m.get("vendor-id"), "node.vendor-id", 0, UNSIGNED32);
        if (v != null) {
            b.vendorId((int) v.longValue());
        }
        String product = yaml.string(m.get("product-name"), "node.product-name");
        if (product != null) {
            b.productName(product);
        }
        Long fw = yaml.number(m.get("firmware-revision"), "node.firmware-revision", 0, UNSIGNED32);
        if (fw != null) {
            b.firmwareRevision(fw);
        }
        Long osi = yaml.number(m.get("origin-state-id"), "node.origin-state-id", 0, UNSIGNED32);
        if (osi != null) {
            b.originStateId(osi);
        }
        List<Node> vendors = yaml.list(m.get("supported-vendor-ids"), "node.supported-vendor-ids");
        for (int i = 0; i < vendors.size(); i++) {
            String path = "node.supported-vendor-ids[" + i + "]";
            Long sv = yaml.number(vendors.get(i), path, 0, UNSIGNED32);
            if (sv != null) {
                b.supportedVendorId((int) sv.longValue());
            }
        }
        return b;
    }

    /** The applications (at least one, unless the node is a relay) and {@code relay}. */
    private void applications(Map<String, Node> m, Node n, NodeConfig.Builder b) {
        List<Node> apps = yaml.list(m.get("applications"), "node.applications");
        Boolean relay = yaml.bool(m.get("relay"), "node.relay");
        if (relay != null) {
            b.relay(relay);
        }
        if (apps.isEmpty() && !Boolean.TRUE.equals(relay)) {
            yaml.problem(
                    m.getOrDefault("applications", n),
                    "node.applications",
                    "at least one application is required, e.g. [gy] (known names: "
                            + String.join(", ", Applications.names())
                            + ", or auth:<id>, acct:<id>, vendor:<vendor-id>:auth:<id>)");
        }
        for (int i = 0; i < apps.size(); i++) {
            ApplicationId a = values.application(apps.get(i), "node.applications[" + i + "]");
            if (a != null) {
                b.application(a);
            }
        }
    }

    /** The listening URIs; an {@code aaas://} one (TLS at connect) needs node.tls. */
    private void listen(Map<String, Node> m, NodeConfig.Builder b, TlsConfig tls) {
        List<Node> listen = yaml.list(m.get("listen"), "node.listen");
        for (int i = 0; i < listen.size(); i++) {
            String path = "node.listen[" + i + "]";
            String s = yaml.string(listen.get(i), path);
            if (s == null) {
                continue;
            }
            try {
                b.listen(s);
                if (s.startsWith("aaas://") && tls == null) {
                    yaml.problem(
                            listen.get(i),
                            path,
                            s + " listens with TLS (aaas://) but node.tls is not configured");
                }
            } catch (IllegalArgumentException e) {
                yaml.problem(listen.get(i), path, e.getMessage());
            }
        }
    }

    /**
     * The local addresses (advertised as Host-IP-Address, RFC 6733 §5.3.5; each an address of this
     * machine) and whether a peer not in {@code peers} may connect.
     */
    private void addresses(Map<String, Node> m, NodeConfig.Builder b) {
        List<Node> locals = yaml.list(m.get("local-addresses"), "node.local-addresses");
        for (int i = 0; i < locals.size(); i++) {
            InetAddress a = values.ip(locals.get(i), "node.local-addresses[" + i + "]", true);
            if (a != null) {
                b.localAddress(a);
            }
        }
        Boolean any = yaml.bool(m.get("accept-any-peer"), "node.accept-any-peer");
        if (any != null) {
            b.acceptAnyPeer(any);
        }
    }

    /**
     * The request and CER timeouts; Tc and Tw, which are the peers' defaults and not the node's own
     * settings.
     */
    private PeerDefaults timers(Map<String, Node> m, NodeConfig.Builder b, TlsConfig tls) {
        Duration rt = yaml.duration(m.get("request-timeout"), "node.request-timeout");
        if (rt != null) {
            b.requestTimeout(rt);
        }
        Duration ct = yaml.duration(m.get("cer-timeout"), "node.cer-timeout");
        if (ct != null) {
            b.cerTimeout(ct);
        }
        Duration tc = yaml.duration(m.get("tc"), "node.tc");
        Duration tw = values.tw(m.get("tw"), "node.tw");
        return new PeerDefaults(tc, tw, tls);
    }

    /**
     * The answer to an unsupported command (3001 DIAMETER_COMMAND_UNSUPPORTED or 5012
     * DIAMETER_UNABLE_TO_COMPLY, RFC 6733 §7.1.3, §7.1.5), the message size limit, duplicate
     * detection, the back-off after DIAMETER_TOO_BUSY, strict sending and the I/O threads.
     */
    private void limits(Map<String, Node> m, NodeConfig.Builder b) {
        unsupportedResult(m.get("unsupported-result"), b);
        Long max =
                yaml.number(
                        m.get("max-message-length"),
                        "node.max-message-length",
                        20,
                        Integer.MAX_VALUE);
        if (max != null) {
            b.maxMessageLength(max.intValue());
        }
        Duration dw = yaml.duration(m.get("duplicate-window"), "node.duplicate-window");
        if (dw != null) {
            b.duplicateWindow(dw);
        }
        Long dc =
                yaml.number(
                        m.get("duplicate-capacity"),
                        "node.duplicate-capacity",
                        0,
                        Integer.MAX_VALUE);
        if (dc != null) {
            b.duplicateCapacity(dc.intValue());
        }
        Duration bb = yaml.duration(m.get("busy-backoff"), "node.busy-backoff");
        if (bb != null) {
            b.busyBackoff(bb);
        }
        String strict = yaml.string(m.get("strict-send"), "node.strict-send");
        if (strict != null) {
            try {
                b.strictSend(StrictSend.parse(strict));
            } catch (IllegalArgumentException e) {
                yaml.problem(m.get("strict-send"), "node.strict-send", e.getMessage());
            }
        }
        Long threads = yaml.number(m.get("io-threads"), "node.io-threads", 0, 1024);
        if (threads != null) {
            b.ioThreads(threads.intValue());
        }
    }

    /**
     * {@code overload}: DOIC (RFC 7683) on or off, and the automatic host report — {@code
     * report-reduction} percent (§7.7) for {@code report-validity} (§7.5) whenever more than {@code
     * report-above-pending} requests are in the node's handlers at once.
     *
     * <pre>
     * overload:
     *   enabled: true
     *   report-above-pending: 1000
     *   report-reduction: 50
     *   report-validity: 10s
     * </pre>
     */
    private void overload(Node n, NodeConfig.Builder b) {
        if (n == null) {
            return;
        }
        Map<String, Node> o = yaml.mapping(n, "node.overload", OVERLOAD_KEYS);
        if (o == null) {
            return;
        }
        Boolean enabled = yaml.bool(o.get("enabled"), "node.overload.enabled");
        Long pending =
                yaml.number(
                        o.get("report-above-pending"),
                        "node.overload.report-above-pending",
                        0,
                        Integer.MAX_VALUE);
        Long reduction =
                yaml.number(o.get("report-reduction"), "node.overload.report-reduction", 0, 100);
        Duration validity =
                yaml.duration(o.get("report-validity"), "node.overload.report-validity");
        if (pending != null && pending > 0 && reduction == null) {
            yaml.problem(
                    o.get("report-above-pending"),
                    "node.overload.report-above-pending",
                    "an automatic report needs report-reduction (0 to 100 %)");
            return;
        }
        try {
            OverloadConfig c =
                    new OverloadConfig(
                            enabled == null || enabled,
                            pending == null ? 0 : pending.intValue(),
                            reduction == null ? 0 : reduction.intValue(),
                            validity == null ? OverloadConfig.ENABLED.autoValidity() : validity);
            b.overload(c);
        } catch (IllegalArgumentException e) {
            yaml.problem(n, "node.overload", e.getMessage());
        }
    }

    private void unsupportedResult(Node n, NodeConfig.Builder b) {
        Long ur = yaml.number(n, "node.unsupported-result", 0, UNSIGNED32);
        if (ur == null) {
            return;
        }
        if (ur != 3001 && ur != 5012) {
            yaml.problem(
                    n,
                    "node.unsupported-result",
                    "expected 3001 "
                            + "(DIAMETER_COMMAND_UNSUPPORTED, RFC 6733 §7.1.3) or 5012 (DIAMETER_UNABLE_TO_COMPLY), got "
                            + ur);
        } else {
            b.unsupportedCommandResult(ur.intValue());
        }
    }
}
