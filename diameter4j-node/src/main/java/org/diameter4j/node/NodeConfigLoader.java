package org.diameter4j.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.DictionaryBuilder;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.transport.TlsConfig;
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
 */
public final class NodeConfigLoader {
    private static final List<String> ROOT_KEYS = List.of("node", "peers");
    private static final List<String> NODE_KEYS =
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
                    "strict-send");
    private static final List<String> PEER_KEYS =
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
    private static final List<String> TLS_KEYS =
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

    private static final Pattern APP = Pattern.compile("(?:vendor:(\\d+):)?(auth|acct):(\\d+)");

    private final String file;
    private final Path base;
    private YamlReader yaml;

    private NodeConfigLoader(String file, Path base) {
        this.file = file;
        this.base = base;
    }

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
                                    + (e instanceof java.nio.file.NoSuchFileException
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
        return new NodeConfigLoader(name, baseDir).read(yaml);
    }

    private NodeConfig read(String text) {
        this.yaml = YamlReader.parse(text, file);
        Node root = this.yaml.root();
        if (root == null) {
            throw new NodeConfigException(
                    List.of(file + ":1:1: the file is empty: it needs a 'node' section"));
        }
        Map<String, Node> top = mapping(root, "", ROOT_KEYS);
        NodeConfig result = null;
        if (top != null) {
            Node node = top.get("node");
            if (node == null) {
                problem(root, "", "the 'node' section is required (origin-host, applications …)");
            } else {
                result = node(node, top.get("peers"));
            }
        }
        yaml.check();
        return result;
    }

    // ---- node ---------------------------------------------------------------------------------

    private NodeConfig node(Node n, Node peersNode) {
        Map<String, Node> m = mapping(n, "node", NODE_KEYS);
        if (m == null) {
            return null;
        }
        String host = string(m.get("origin-host"), "node.origin-host");
        if (host == null && !m.containsKey("origin-host")) {
            problem(
                    n,
                    "node.origin-host",
                    "required: this node's Diameter identity, e.g. bng-gx.realm-1.com");
        }
        NodeConfig.Builder b = NodeConfig.builder(host);
        String realm = string(m.get("origin-realm"), "node.origin-realm");
        if (realm != null) {
            b.originRealm(realm);
        }
        Long v = number(m.get("vendor-id"), "node.vendor-id", 0, 0xffffffffL);
        if (v != null) {
            b.vendorId((int) v.longValue());
        }
        String product = string(m.get("product-name"), "node.product-name");
        if (product != null) {
            b.productName(product);
        }
        Long fw = number(m.get("firmware-revision"), "node.firmware-revision", 0, 0xffffffffL);
        if (fw != null) {
            b.firmwareRevision(fw);
        }
        Long osi = number(m.get("origin-state-id"), "node.origin-state-id", 0, 0xffffffffL);
        if (osi != null) {
            b.originStateId(osi);
        }
        List<Node> vendors = list(m.get("supported-vendor-ids"), "node.supported-vendor-ids");
        for (int i = 0; i < vendors.size(); i++) {
            Long sv =
                    number(vendors.get(i), "node.supported-vendor-ids[" + i + "]", 0, 0xffffffffL);
            if (sv != null) {
                b.supportedVendorId((int) sv.longValue());
            }
        }
        List<Node> apps = list(m.get("applications"), "node.applications");
        Boolean relay = bool(m.get("relay"), "node.relay");
        if (relay != null) {
            b.relay(relay);
        }
        if (apps.isEmpty() && !Boolean.TRUE.equals(relay)) {
            problem(
                    m.getOrDefault("applications", n),
                    "node.applications",
                    "at least one application is required, e.g. [gy] (known names: "
                            + String.join(", ", Applications.names())
                            + ", or auth:<id>, acct:<id>, vendor:<vendor-id>:auth:<id>)");
        }
        boolean anyTlsPeer = false;
        for (int i = 0; i < apps.size(); i++) {
            ApplicationId a = application(apps.get(i), "node.applications[" + i + "]");
            if (a != null) {
                b.application(a);
            }
        }
        TlsConfig tls = m.containsKey("tls") ? tls(m.get("tls"), "node.tls") : null;
        List<Node> listen = list(m.get("listen"), "node.listen");
        for (int i = 0; i < listen.size(); i++) {
            String path = "node.listen[" + i + "]";
            String s = string(listen.get(i), path);
            if (s == null) {
                continue;
            }
            try {
                b.listen(s);
                if (s.startsWith("aaas://") && tls == null) {
                    problem(
                            listen.get(i),
                            path,
                            s + " listens with TLS (aaas://) but node.tls is not configured");
                }
            } catch (IllegalArgumentException e) {
                problem(listen.get(i), path, e.getMessage());
            }
        }
        if (tls != null) {
            b.listenTls(tls);
        }
        List<Node> locals = list(m.get("local-addresses"), "node.local-addresses");
        for (int i = 0; i < locals.size(); i++) {
            InetAddress a = ip(locals.get(i), "node.local-addresses[" + i + "]", true);
            if (a != null) {
                b.localAddress(a);
            }
        }
        Boolean any = bool(m.get("accept-any-peer"), "node.accept-any-peer");
        if (any != null) {
            b.acceptAnyPeer(any);
        }
        Duration rt = duration(m.get("request-timeout"), "node.request-timeout");
        if (rt != null) {
            b.requestTimeout(rt);
        }
        Duration ct = duration(m.get("cer-timeout"), "node.cer-timeout");
        if (ct != null) {
            b.cerTimeout(ct);
        }
        Duration tc = duration(m.get("tc"), "node.tc");
        Duration tw = duration(m.get("tw"), "node.tw");
        if (tw != null && tw.toMillis() < PeerConfig.MIN_TW_MILLIS) {
            problem(
                    m.get("tw"),
                    "node.tw",
                    "Tw " + text(m.get("tw")) + " is below the minimum of 6 s (RFC 3539 §3.4.1)");
        }
        Long ur = number(m.get("unsupported-result"), "node.unsupported-result", 0, 0xffffffffL);
        if (ur != null) {
            if (ur != 3001 && ur != 5012) {
                problem(
                        m.get("unsupported-result"),
                        "node.unsupported-result",
                        "expected 3001 "
                                + "(DIAMETER_COMMAND_UNSUPPORTED, RFC 6733 §7.1.3) or 5012 (DIAMETER_UNABLE_TO_COMPLY), got "
                                + ur);
            } else {
                b.unsupportedCommandResult(ur.intValue());
            }
        }
        Long max =
                number(
                        m.get("max-message-length"),
                        "node.max-message-length",
                        20,
                        Integer.MAX_VALUE);
        if (max != null) {
            b.maxMessageLength(max.intValue());
        }
        Duration dw = duration(m.get("duplicate-window"), "node.duplicate-window");
        if (dw != null) {
            b.duplicateWindow(dw);
        }
        Long dc =
                number(
                        m.get("duplicate-capacity"),
                        "node.duplicate-capacity",
                        0,
                        Integer.MAX_VALUE);
        if (dc != null) {
            b.duplicateCapacity(dc.intValue());
        }
        Duration bb = duration(m.get("busy-backoff"), "node.busy-backoff");
        if (bb != null) {
            b.busyBackoff(bb);
        }
        String strict = string(m.get("strict-send"), "node.strict-send");
        if (strict != null) {
            try {
                b.strictSend(StrictSend.parse(strict));
            } catch (IllegalArgumentException e) {
                problem(m.get("strict-send"), "node.strict-send", e.getMessage());
            }
        }
        Long threads = number(m.get("io-threads"), "node.io-threads", 0, 1024);
        if (threads != null) {
            b.ioThreads(threads.intValue());
        }
        string(m.get("description"), "node.description");
        Dictionary dict = dictionaries(m.get("dictionaries"));
        if (dict != null) {
            b.dictionary(dict);
        }

        List<Node> peerNodes = list(peersNode, "peers");
        Map<Integer, Node> byIndex = new LinkedHashMap<>();
        Map<String, Node> byHost = new LinkedHashMap<>();
        Node firstDefault = null;
        String firstDefaultName = null;
        for (int i = 0; i < peerNodes.size(); i++) {
            Node pn = peerNodes.get(i);
            String path = "peers[" + i + "]";
            Peer p = peer(pn, path, i + 1, tc, tw, tls);
            if (p == null) {
                continue;
            }
            anyTlsPeer |= p.config != null && p.config.inbandTls();
            Node old = byIndex.putIfAbsent(p.index, p.indexNode != null ? p.indexNode : pn);
            if (old != null) {
                problem(
                        p.indexNode != null ? p.indexNode : pn,
                        path + ".index",
                        "index "
                                + p.index
                                + " is already used by the peer at line "
                                + line(old)
                                + ": each peer needs its own index");
            }
            if (p.host != null) {
                Node oldHost = byHost.putIfAbsent(p.host.toLowerCase(Locale.ROOT), p.hostNode);
                if (oldHost != null) {
                    problem(
                            p.hostNode,
                            path + ".destination-host",
                            "destination-host "
                                    + p.host
                                    + " is already used by the peer at line "
                                    + line(oldHost)
                                    + ": each peer is one Diameter host");
                }
            }
            if (p.defaultNode != null) {
                if (firstDefault != null) {
                    // M-16, seed 003: "Multiple default peer is not allowed".
                    problem(
                            p.defaultNode,
                            path + ".default-peer",
                            "peer index "
                                    + p.index
                                    + " ("
                                    + p.host
                                    + ") and peer "
                                    + firstDefaultName
                                    + " at line "
                                    + line(firstDefault)
                                    + " are both default-peer: at most one default peer is allowed per node");
                } else {
                    firstDefault = p.defaultNode;
                    firstDefaultName = "index " + p.index + " (" + p.host + ")";
                }
            }
            if (p.config != null) {
                b.peer(p.config);
            }
        }
        if (anyTlsPeer) {
            b.inbandTls(true);
        }
        if (yaml.hasProblems()) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            problem(n, "node", e.getMessage());
            return null;
        }
    }

    // ---- peers --------------------------------------------------------------------------------

    private static final class Peer {
        int index;
        Node indexNode;
        String host;
        Node hostNode;
        Node defaultNode;
        PeerConfig config;
    }

    private Peer peer(
            Node n,
            String path,
            int position,
            Duration nodeTc,
            Duration nodeTw,
            TlsConfig nodeTls) {
        Map<String, Node> m = mapping(n, path, PEER_KEYS);
        if (m == null) {
            return null;
        }
        int before = yaml.problemCount();
        Peer p = new Peer();
        PeerConfig.Builder b = PeerConfig.builder();
        p.indexNode = m.get("index");
        Long index = number(p.indexNode, path + ".index", 1, Integer.MAX_VALUE);
        p.index = index != null ? index.intValue() : position;
        b.index(p.index);
        p.hostNode = m.get("destination-host");
        p.host = string(p.hostNode, path + ".destination-host");
        if (p.hostNode == null) {
            problem(
                    n,
                    path + ".destination-host",
                    "required: the peer's Origin-Host, e.g. dra-1.realm-2.com "
                            + "(a CEA from another host is refused, M-17)");
        }
        b.destinationHost(p.host);
        Long pref = number(m.get("preference"), path + ".preference", 0, Integer.MAX_VALUE);
        if (pref != null) {
            b.preference(pref.intValue());
        }
        Node admin = m.get("admin-state");
        String state = string(admin, path + ".admin-state");
        if (state != null) {
            switch (state.toLowerCase(Locale.ROOT)) {
                case "enable", "enabled" -> b.enabled(true);
                case "disable", "disabled" -> b.enabled(false);
                default ->
                        problem(
                                admin,
                                path + ".admin-state",
                                "expected enable or disable, got " + quote(admin));
            }
        }
        Boolean def = bool(m.get("default-peer"), path + ".default-peer");
        if (def != null) {
            b.defaultPeer(def);
            p.defaultNode = def ? m.get("default-peer") : null;
        }
        Duration tc = duration(m.get("tc"), path + ".tc");
        tc = tc != null ? tc : nodeTc;
        if (tc != null) {
            if (tc.isZero()) {
                problem(m.getOrDefault("tc", n), path + ".tc", "Tc must be positive");
            } else {
                b.tc(tc);
            }
        }
        Duration tw = duration(m.get("tw"), path + ".tw");
        if (tw != null && tw.toMillis() < PeerConfig.MIN_TW_MILLIS) {
            problem(
                    m.get("tw"),
                    path + ".tw",
                    "Tw " + text(m.get("tw")) + " is below the minimum of 6 s (RFC 3539 §3.4.1)");
        }
        tw = tw != null ? tw : nodeTw;
        if (tw != null && tw.toMillis() >= PeerConfig.MIN_TW_MILLIS) {
            b.tw(tw);
        }
        Duration cea = duration(m.get("cea-timeout"), path + ".cea-timeout");
        if (cea != null) {
            b.ceaTimeout(cea);
        }
        Duration dpa = duration(m.get("dpa-timeout"), path + ".dpa-timeout");
        if (dpa != null) {
            b.dpaTimeout(dpa);
        }
        string(m.get("description"), path + ".description");

        // tls: at-connect | inband | none
        Node tlsNode = m.get("tls");
        String tlsMode = string(tlsNode, path + ".tls");
        if (tlsMode != null && !List.of("at-connect", "inband", "none").contains(tlsMode)) {
            problem(
                    tlsNode,
                    path + ".tls",
                    "expected at-connect, inband or none, got "
                            + quote(tlsNode)
                            + suggestion(tlsMode, List.of("at-connect", "inband", "none")));
            tlsMode = null;
        }
        // Where: address (+ port) or uri.
        Node addrNode = m.get("address");
        Node uriNode = m.get("uri");
        Node portNode = m.get("port");
        DiameterUri uri = null;
        if (addrNode != null && uriNode != null) {
            problem(uriNode, path + ".uri", "give either address (with port) or uri, not both");
        } else if (uriNode != null) {
            String u = string(uriNode, path + ".uri");
            if (portNode != null) {
                problem(
                        portNode,
                        path + ".port",
                        "the port goes into the uri (aaa://host:port) when uri is used");
            }
            if (u != null) {
                try {
                    uri = DiameterUri.parse(u.contains("://") ? u : "aaa://" + u);
                } catch (IllegalArgumentException e) {
                    problem(uriNode, path + ".uri", e.getMessage());
                }
            }
            if (uri != null && tlsMode != null) {
                if (uri.secure() && !tlsMode.equals("at-connect")) {
                    problem(
                            tlsNode,
                            path + ".tls",
                            "the uri " + u + " is aaas:// (TLS at connect) but tls is " + tlsMode);
                } else if (!uri.secure() && tlsMode.equals("at-connect")) {
                    problem(
                            tlsNode,
                            path + ".tls",
                            "tls is at-connect but the uri " + u + " is aaa://: write aaas://");
                }
            }
            if (uri != null && uri.secure() && tlsMode == null) {
                tlsMode = "at-connect";
            }
        } else if (addrNode != null) {
            String host = string(addrNode, path + ".address");
            boolean secure = "at-connect".equals(tlsMode);
            Long port = number(portNode, path + ".port", 1, 65535);
            int pt =
                    port != null
                            ? port.intValue()
                            : secure ? DiameterUri.DEFAULT_SECURE_PORT : DiameterUri.DEFAULT_PORT;
            if (host != null) {
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                if (host.isBlank() || host.contains("/") || host.contains(" ")) {
                    problem(
                            addrNode,
                            path + ".address",
                            "expected an IP address or a host name, got " + quote(addrNode));
                } else {
                    uri = new DiameterUri(secure, host, pt, "tcp", "diameter", true);
                }
            }
        } else if (portNode != null) {
            problem(portNode, path + ".port", "a port without an address: add address (or uri)");
        }
        b.uri(uri);
        if (tlsMode != null && !tlsMode.equals("none")) {
            if (nodeTls == null) {
                problem(
                        tlsNode != null ? tlsNode : n,
                        path + ".tls",
                        "tls " + tlsMode + " needs node.tls (certificate, key, trust)");
            } else {
                b.tls(nodeTls);
                b.inbandTls(tlsMode.equals("inband"));
            }
        }
        Node bindNode = m.get("bind");
        InetAddress bind = ip(bindNode, path + ".bind", true);
        if (bind != null) {
            b.bindAddress(new InetSocketAddress(bind, 0));
        }
        if (yaml.problemCount() > before) {
            return p;
        }
        try {
            p.config = b.build();
        } catch (IllegalArgumentException e) {
            problem(n, path, e.getMessage());
        }
        return p;
    }

    // ---- pieces -------------------------------------------------------------------------------

    private ApplicationId application(Node n, String path) {
        String s = string(n, path);
        if (s == null) {
            return null;
        }
        String k = s.trim().toLowerCase(Locale.ROOT);
        ApplicationId a = Applications.byName(k).orElse(null);
        if (a != null) {
            return a;
        }
        Matcher mm = APP.matcher(k);
        if (mm.matches()) {
            try {
                int vendor = mm.group(1) == null ? 0 : (int) Long.parseLong(mm.group(1));
                long id = Long.parseLong(mm.group(3));
                if (id <= 0xffffffffL) {
                    return new ApplicationId(id, vendor, mm.group(2).equals("acct"));
                }
            } catch (NumberFormatException e) {
                // too large: reported below
            }
        }
        problem(
                n,
                path,
                "unknown application "
                        + quote(n)
                        + suggestion(k, Applications.names())
                        + "; known names: "
                        + String.join(", ", Applications.names())
                        + ", or auth:<id>, acct:<id>, vendor:<vendor-id>:auth:<id>, vendor:<vendor-id>:acct:<id>");
        return null;
    }

    private TlsConfig tls(Node n, String path) {
        Map<String, Node> m = mapping(n, path, TLS_KEYS);
        if (m == null) {
            return null;
        }
        int before = yaml.problemCount();
        Path cert = path(m.get("certificate"), path + ".certificate");
        Path key = path(m.get("key"), path + ".key");
        Path trust = path(m.get("trust"), path + ".trust");
        Path ks = path(m.get("keystore"), path + ".keystore");
        String ksPw = string(m.get("keystore-password"), path + ".keystore-password");
        Path ts = path(m.get("truststore"), path + ".truststore");
        String tsPw = string(m.get("truststore-password"), path + ".truststore-password");
        Boolean require =
                bool(m.get("require-client-certificate"), path + ".require-client-certificate");
        List<Node> protoNodes = list(m.get("protocols"), path + ".protocols");
        List<String> protocols = new ArrayList<>();
        for (int i = 0; i < protoNodes.size(); i++) {
            String s = string(protoNodes.get(i), path + ".protocols[" + i + "]");
            if (s != null) {
                protocols.add(s);
            }
        }
        if ((cert == null) != (key == null) && yaml.problemCount() == before) {
            problem(n, path, "certificate and key go together: set both (or a keystore)");
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
            problem(n, path, e.getMessage());
            return null;
        }
    }

    private Path path(Node n, String where) {
        String s = string(n, where);
        if (s == null) {
            return null;
        }
        Path p = Path.of(s);
        Path resolved = p.isAbsolute() || base == null ? p : base.resolve(p);
        if (!Files.isReadable(resolved)) {
            problem(
                    n,
                    where,
                    "cannot read "
                            + resolved
                            + (Files.exists(resolved) ? ": permission denied" : ": no such file"));
            return null;
        }
        return resolved;
    }

    private Dictionary dictionaries(Node n) {
        List<Node> files = list(n, "node.dictionaries");
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
                problem(files.get(i), where, e.getMessage());
                ok = false;
            }
        }
        if (!ok) {
            return null;
        }
        try {
            return db.build();
        } catch (RuntimeException e) {
            problem(n, "node.dictionaries", e.getMessage());
            return null;
        }
    }

    private InetAddress ip(Node n, String path, boolean mustBeLocal) {
        String s = string(n, path);
        if (s == null) {
            return null;
        }
        if (!DiameterAddress.isIpLiteral(s)) {
            problem(n, path, "expected an IPv4 or IPv6 address, got " + quote(n));
            return null;
        }
        InetAddress a = DiameterAddress.parse(s).inetAddress();
        if (mustBeLocal) {
            try {
                NodeConfig.Builder.checkLocal(a, path);
            } catch (IllegalArgumentException e) {
                problem(n, path, e.getMessage());
                return null;
            }
        }
        return a;
    }

    // ---- YAML helpers: the shared reader (org.diameter4j.node.yaml) ----------------------------

    private Map<String, Node> mapping(Node n, String path, List<String> known) {
        return yaml.mapping(n, path, known);
    }

    private List<Node> list(Node n, String path) {
        return yaml.list(n, path);
    }

    private String string(Node n, String path) {
        return yaml.string(n, path);
    }

    private Long number(Node n, String path, long min, long max) {
        return yaml.number(n, path, min, max);
    }

    private Boolean bool(Node n, String path) {
        return yaml.bool(n, path);
    }

    private Duration duration(Node n, String path) {
        return yaml.duration(n, path);
    }

    private void problem(Node n, String path, String what) {
        yaml.problem(n, path, what);
    }

    private static int line(Node n) {
        return YamlReader.line(n);
    }

    private static String text(Node n) {
        return YamlReader.text(n);
    }

    private static String quote(Node n) {
        return YamlReader.quote(n);
    }

    /** " (did you mean 'x'?)" for a near miss, else "". */
    static String suggestion(String given, Iterable<String> known) {
        return YamlReader.suggestion(given, known);
    }
}
