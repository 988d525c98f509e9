package org.diameter4j.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.transport.TlsConfig;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One item of {@code peers}: a peer's index, Diameter identity, preference, admin state, timers,
 * where it is (address and port, or a Diameter URI, RFC 6733 §4.3.1) and its TLS mode. Besides the
 * {@link PeerConfig}, it keeps what {@link PeersSection} needs to check the peers against each
 * other (index, destination-host, default-peer and their nodes).
 */
final class PeerEntry {
    static final List<String> KEYS =
            List.of(
                    "index",
                    "description",
                    "address",
                    "uri",
                    "port",
                    "destination-host",
                    "preference",
                    "admin-state",
                    "default-peer",
                    "tc",
                    "tw",
                    "cea-timeout",
                    "dpa-timeout",
                    "tls",
                    "bind");
    private static final List<String> TLS_MODES = List.of("at-connect", "inband", "none");

    /** The peer's index: given, else its position in the list (from 1). */
    int index;

    /** The {@code index} value; null when not given. */
    Node indexNode;

    /** The {@code destination-host} (the peer's Origin-Host); null when missing or not text. */
    String host;

    Node hostNode;

    /** The {@code default-peer} value when it is true; else null. */
    Node defaultNode;

    /** The peer's configuration; null after a fault in this peer. */
    PeerConfig config;

    private final YamlReader yaml;
    private final ConfigValues values;
    private final Node n;
    private final String path;
    private final Map<String, Node> m;
    private final PeerConfig.Builder b = PeerConfig.builder();

    /** at-connect, inband, none, or null (not given, or implied by the uri). */
    private String tlsMode;

    private PeerEntry(ConfigValues values, Node n, String path, Map<String, Node> m) {
        this.yaml = values.yaml();
        this.values = values;
        this.n = n;
        this.path = path;
        this.m = m;
    }

    /**
     * Reads the peer at {@code n} ({@code path} {@code peers[i]}, {@code position} i + 1); null,
     * after a fault, when it is not a mapping. Tc, Tw and the TLS settings default to the node's
     * ({@code node.tc}, {@code node.tw}, {@code node.tls}).
     */
    static PeerEntry read(
            ConfigValues values, Node n, String path, int position, NodeSection.PeerDefaults d) {
        Map<String, Node> m = values.yaml().mapping(n, path, KEYS);
        if (m == null) {
            return null;
        }
        PeerEntry p = new PeerEntry(values, n, path, m);
        p.read(position, d);
        return p;
    }

    private void read(int position, NodeSection.PeerDefaults d) {
        int before = yaml.problemCount();
        identity(position);
        timers(d.tc(), d.tw());
        yaml.string(m.get("description"), path + ".description");
        tlsMode();
        b.uri(where());
        security(d.tls());
        InetAddress bind = values.ip(m.get("bind"), path + ".bind", true);
        if (bind != null) {
            b.bindAddress(new InetSocketAddress(bind, 0));
        }
        if (yaml.problemCount() > before) {
            return;
        }
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            yaml.problem(n, path, e.getMessage());
        }
    }

    /** index, destination-host (required), preference, admin-state, default-peer. */
    private void identity(int position) {
        indexNode = m.get("index");
        Long given = yaml.number(indexNode, path + ".index", 1, Integer.MAX_VALUE);
        index = given != null ? given.intValue() : position;
        b.index(index);
        hostNode = m.get("destination-host");
        host = yaml.string(hostNode, path + ".destination-host");
        if (hostNode == null) {
            yaml.problem(
                    n,
                    path + ".destination-host",
                    "required: the peer's Origin-Host, e.g. dra-1.realm-2.com "
                            + "(a CEA from another host is refused, M-17)");
        }
        b.destinationHost(host);
        Long pref = yaml.number(m.get("preference"), path + ".preference", 0, Integer.MAX_VALUE);
        if (pref != null) {
            b.preference(pref.intValue());
        }
        adminState();
        Boolean def = yaml.bool(m.get("default-peer"), path + ".default-peer");
        if (def != null) {
            b.defaultPeer(def);
            defaultNode = def ? m.get("default-peer") : null;
        }
    }

    /** admin-state: enable(d) or disable(d); a disabled peer is not connected. */
    private void adminState() {
        Node admin = m.get("admin-state");
        String state = yaml.string(admin, path + ".admin-state");
        if (state == null) {
            return;
        }
        switch (state.toLowerCase(Locale.ROOT)) {
            case "enable", "enabled" -> b.enabled(true);
            case "disable", "disabled" -> b.enabled(false);
            default ->
                    yaml.problem(
                            admin,
                            path + ".admin-state",
                            "expected enable or disable, got " + YamlReader.quote(admin));
        }
    }

    /**
     * Tc (reconnect, RFC 6733 §2.1) and Tw (watchdog, RFC 3539 §3.4.1), else the node's; the CEA
     * and DPA timeouts.
     */
    private void timers(Duration nodeTc, Duration nodeTw) {
        Duration tc = yaml.duration(m.get("tc"), path + ".tc");
        tc = tc != null ? tc : nodeTc;
        if (tc != null) {
            if (tc.isZero()) {
                yaml.problem(m.getOrDefault("tc", n), path + ".tc", "Tc must be positive");
            } else {
                b.tc(tc);
            }
        }
        Duration tw = values.tw(m.get("tw"), path + ".tw");
        tw = tw != null ? tw : nodeTw;
        if (tw != null && tw.toMillis() >= PeerConfig.MIN_TW_MILLIS) {
            b.tw(tw);
        }
        Duration cea = yaml.duration(m.get("cea-timeout"), path + ".cea-timeout");
        if (cea != null) {
            b.ceaTimeout(cea);
        }
        Duration dpa = yaml.duration(m.get("dpa-timeout"), path + ".dpa-timeout");
        if (dpa != null) {
            b.dpaTimeout(dpa);
        }
    }

    /** tls: at-connect | inband | none. */
    private void tlsMode() {
        Node tlsNode = m.get("tls");
        tlsMode = yaml.string(tlsNode, path + ".tls");
        if (tlsMode != null && !TLS_MODES.contains(tlsMode)) {
            yaml.problem(
                    tlsNode,
                    path + ".tls",
                    "expected at-connect, inband or none, got "
                            + YamlReader.quote(tlsNode)
                            + YamlReader.suggestion(tlsMode, TLS_MODES));
            tlsMode = null;
        }
    }

    /**
     * Where the peer is: a uri, or an address with a port; null when neither is given (the peer
     * then only accepts connections) or after a fault.
     */
    private DiameterUri where() {
        Node addrNode = m.get("address");
        Node uriNode = m.get("uri");
        Node portNode = m.get("port");
        if (addrNode != null && uriNode != null) {
            yaml.problem(
                    uriNode, path + ".uri", "give either address (with port) or uri, not both");
            return null;
        }
        if (uriNode != null) {
            return uri(uriNode, portNode);
        }
        if (addrNode != null) {
            return address(addrNode, portNode);
        }
        if (portNode != null) {
            yaml.problem(
                    portNode, path + ".port", "a port without an address: add address (or uri)");
        }
        return null;
    }

    /**
     * A Diameter URI (RFC 6733 §4.3.1), {@code aaa://} added when the scheme is left out; an {@code
     * aaas://} uri implies tls at-connect, and contradicts any other tls mode.
     */
    private DiameterUri uri(Node uriNode, Node portNode) {
        String u = yaml.string(uriNode, path + ".uri");
        if (portNode != null) {
            yaml.problem(
                    portNode,
                    path + ".port",
                    "the port goes into the uri (aaa://host:port) when uri is used");
        }
        DiameterUri uri = null;
        if (u != null) {
            try {
                uri = DiameterUri.parse(u.contains("://") ? u : "aaa://" + u);
            } catch (IllegalArgumentException e) {
                yaml.problem(uriNode, path + ".uri", e.getMessage());
            }
        }
        if (uri != null && tlsMode != null) {
            Node tlsNode = m.get("tls");
            if (uri.secure() && !tlsMode.equals("at-connect")) {
                yaml.problem(
                        tlsNode,
                        path + ".tls",
                        "the uri " + u + " is aaas:// (TLS at connect) but tls is " + tlsMode);
            } else if (!uri.secure() && tlsMode.equals("at-connect")) {
                yaml.problem(
                        tlsNode,
                        path + ".tls",
                        "tls is at-connect but the uri " + u + " is aaa://: write aaas://");
            }
        }
        if (uri != null && uri.secure() && tlsMode == null) {
            tlsMode = "at-connect";
        }
        return uri;
    }

    /**
     * An IP address or host name ({@code [v6]} brackets allowed) and a port, by default 3868, or
     * 5658 with tls at-connect (RFC 6733 §2.1).
     */
    private DiameterUri address(Node addrNode, Node portNode) {
        String addr = yaml.string(addrNode, path + ".address");
        boolean secure = "at-connect".equals(tlsMode);
        Long port = yaml.number(portNode, path + ".port", 1, 65535);
        int pt =
                port != null
                        ? port.intValue()
                        : secure ? DiameterUri.DEFAULT_SECURE_PORT : DiameterUri.DEFAULT_PORT;
        if (addr == null) {
            return null;
        }
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        if (addr.isBlank() || addr.contains("/") || addr.contains(" ")) {
            yaml.problem(
                    addrNode,
                    path + ".address",
                    "expected an IP address or a host name, got " + YamlReader.quote(addrNode));
            return null;
        }
        return new DiameterUri(secure, addr, pt, "tcp", "diameter", true);
    }

    /**
     * A tls mode other than none takes node.tls; inband: TLS after the CER/CEA (RFC 6733 §6.10).
     */
    private void security(TlsConfig nodeTls) {
        if (tlsMode == null || tlsMode.equals("none")) {
            return;
        }
        if (nodeTls == null) {
            Node tlsNode = m.get("tls");
            yaml.problem(
                    tlsNode != null ? tlsNode : n,
                    path + ".tls",
                    "tls " + tlsMode + " needs node.tls (certificate, key, trust)");
        } else {
            b.tls(nodeTls);
            b.inbandTls(tlsMode.equals("inband"));
        }
    }
}
