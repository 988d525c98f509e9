package org.diameter4j.simulator.hss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.s6a.SubscriptionData.Ambr;
import org.diameter4j.s6a.milenage.EpsAka;
import org.diameter4j.s6a.milenage.Milenage;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The HSS simulator's subscribers and their sequence numbers.
 *
 * <p><b>The subscriber file</b> (YAML, or JSON which is read the same way) is a list of
 * subscribers, or a map whose {@code subscribers} key holds that list:
 *
 * <pre>
 * max-registrations: 100000              # optional: IMSIs registered at once; one more: 5006
 * subscribers:
 *   - imsi: "001010000000001"            # quote it: YAML reads 0-led digits as octal numbers
 *     k: "465b5ce8b199b49faa5f0a2ee238a6bc"
 *     opc: "cd63cb71954a9f4e48a5994e37a02baf"   # or op: "…" (OPc is derived)
 *     amf: "8000"                         # hex; the E-UTRAN separation bit 0x8000 is set
 *     sqn: 0                              # the highest SQN already used; number or "0x…"
 *     msisdn: "41780000001"
 *     ambr-ul: 50000000                   # UE-AMBR (optional; default: largest APN-AMBR)
 *     ambr-dl: 100000000
 *     apns:
 *       - {name: internet, qci: 9, arp: 8, ambr-ul: 50000000, ambr-dl: 100000000, pdn-type: IPv4v6}
 *       - {name: ims, qci: 5, arp: 1, ambr-ul: 1000000, ambr-dl: 1000000, pdn-type: IPv4v6}
 * </pre>
 *
 * <p><b>SQN persistence.</b> The subscriber file is never rewritten (it keeps its comments and
 * layout). The SQNs in use are kept in a <em>sidecar state file</em> next to it, {@code
 * <file>.sqn}, one {@code imsi sqn} line per subscriber. Every allocation of SQNs writes the whole
 * state file to a temporary file in the same directory, forces it to disk, and renames it over the
 * old one (atomically where the file system allows), <em>before</em> the vectors leave the HSS:
 * after a crash or restart the next SQN is always above every SQN ever sent. At load, a
 * subscriber's SQN is the larger of the file's {@code sqn} and the state file's.
 *
 * <p>SQN arithmetic follows TS 33.102 Annex C.3.2 with a 5-bit IND fixed at 0: each vector's SQN is
 * the previous one plus {@link #step()} (32 by default), i.e. SEQ + 1.
 *
 * <p>Thread-safe.
 */
public final class SubscriberStore {
    /** The default SQN increment: SEQ + 1 with a 5-bit IND (TS 33.102 Annex C.3.2). */
    public static final long DEFAULT_STEP = 32;

    private static final List<String> SUBSCRIBER_KEYS =
            List.of(
                    "imsi",
                    "k",
                    "opc",
                    "op",
                    "amf",
                    "sqn",
                    "msisdn",
                    "apns",
                    "ambr-ul",
                    "ambr-dl",
                    "subscriber-status",
                    "network-access-mode");
    private static final List<String> APN_KEYS =
            List.of(
                    "name",
                    "qci",
                    "arp",
                    "ambr-ul",
                    "ambr-dl",
                    "pdn-type",
                    "pre-emption-capability",
                    "pre-emption-vulnerability");

    private final Map<String, Subscriber> subscribers;
    private final Map<String, Long> sqns = new TreeMap<>();
    private final Path stateFile;
    private final long step;

    private SubscriberStore(Map<String, Subscriber> subscribers, Path stateFile, long step) {
        this.subscribers = subscribers;
        this.stateFile = stateFile;
        this.step = step;
        for (Subscriber s : subscribers.values()) {
            sqns.put(s.imsi(), s.sqn());
        }
    }

    /** Subscribers held in memory only: SQNs are not persisted. */
    public static SubscriberStore inMemory(List<Subscriber> list) {
        return new SubscriberStore(index(list, "the list"), null, DEFAULT_STEP);
    }

    /** Loads a YAML or JSON subscriber file and its state file {@code <file>.sqn}, when present. */
    public static SubscriberStore load(Path file) {
        return load(file, DEFAULT_STEP);
    }

    public static SubscriberStore load(Path file, long step) {
        YamlReader yaml = YamlReader.read(file);
        return load(yaml, file, step);
    }

    /**
     * The subscribers of a file already read ({@code yaml}, from {@code file}), and its state file.
     *
     * @throws org.diameter4j.node.NodeConfigException listing every fault, each naming file, line
     *     and column
     */
    static SubscriberStore load(YamlReader yaml, Path file, long step) {
        if (step <= 0) {
            throw new IllegalArgumentException("the SQN step must be positive, got " + step);
        }
        List<Subscriber> list = read(yaml, yaml.root(), "");
        Path state = stateFileOf(file);
        SubscriberStore store = new SubscriberStore(index(list, file.toString()), state, step);
        store.readState();
        return store;
    }

    /** Where the SQN state of {@code subscriberFile} is kept. */
    public static Path stateFileOf(Path subscriberFile) {
        return subscriberFile.resolveSibling(subscriberFile.getFileName() + ".sqn");
    }

    /** The state file, or null for an in-memory store. */
    public Path stateFile() {
        return stateFile;
    }

    public long step() {
        return step;
    }

    /** The subscriber, or null when the IMSI is unknown. */
    public Subscriber find(String imsi) {
        return imsi == null ? null : subscribers.get(imsi);
    }

    public List<Subscriber> all() {
        return List.copyOf(subscribers.values());
    }

    /** The highest SQN used so far for this subscriber. */
    public synchronized long currentSqn(String imsi) {
        Long v = sqns.get(imsi);
        if (v == null) {
            throw new IllegalArgumentException("unknown IMSI " + imsi);
        }
        return v;
    }

    /**
     * Allocates {@code n} fresh SQNs for this subscriber and persists the new state before
     * returning them (so that no restart can hand them out again).
     *
     * @throws UncheckedIOException when the state file cannot be written (nothing is allocated)
     */
    public synchronized long[] allocate(String imsi, int n) {
        long last = currentSqn(imsi);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            last += step;
            if (last > EpsAka.MAX_SQN) {
                throw new IllegalStateException("SQN of " + imsi + " would exceed 48 bits");
            }
            out[i] = last;
        }
        long before = sqns.put(imsi, last);
        try {
            writeState();
        } catch (IOException e) {
            sqns.put(imsi, before);
            throw new UncheckedIOException(
                    "cannot persist the SQN state to " + stateFile + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Resynchronisation (TS 33.102 §6.3.5): SQN<sub>HE</sub> := SQN<sub>MS</sub>, persisted; the
     * next vector uses SQN<sub>MS</sub> + step.
     */
    public synchronized void resynchronize(String imsi, long sqnMs) {
        long before = currentSqn(imsi);
        sqns.put(imsi, sqnMs);
        try {
            writeState();
        } catch (IOException e) {
            sqns.put(imsi, before);
            throw new UncheckedIOException(
                    "cannot persist the SQN state to " + stateFile + ": " + e.getMessage(), e);
        }
    }

    // ---- state file ---------------------------------------------------------------------------

    private void readState() {
        if (stateFile == null || !Files.exists(stateFile)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the SQN state file " + stateFile + ": " + e.getMessage(), e);
        }
        int n = 0;
        for (String line : lines) {
            n++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            if (f.length != 2) {
                throw new IllegalArgumentException(
                        stateFile + " line " + n + ": expected 'imsi sqn', got '" + line + "'");
            }
            Long cur = sqns.get(f[0]);
            if (cur == null) {
                continue; // a subscriber removed from the file
            }
            long v;
            try {
                v = Long.parseLong(f[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        stateFile + " line " + n + ": '" + f[1] + "' is not a number");
            }
            sqns.put(f[0], Math.max(cur, v));
        }
    }

    private void writeState() throws IOException {
        if (stateFile == null) {
            return;
        }
        StringBuilder sb =
                new StringBuilder(
                        "# diameter4j HSS simulator: highest SQN used per IMSI. Do not edit while it runs.\n");
        for (Map.Entry<String, Long> e : sqns.entrySet()) {
            sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        Path dir = stateFile.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, stateFile.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch =
                    FileChannel.open(
                            tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(
                        tmp,
                        stateFile,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true); // the rename itself (POSIX); not possible everywhere
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    // ---- parsing ------------------------------------------------------------------------------

    private static Map<String, Subscriber> index(List<Subscriber> list, String where) {
        Map<String, Subscriber> m = new LinkedHashMap<>();
        for (Subscriber s : list) {
            if (m.put(s.imsi(), s) != null) {
                throw new IllegalArgumentException(where + ": IMSI " + s.imsi() + " appears twice");
            }
        }
        return m;
    }

    /**
     * The top-level keys of a subscriber file (rules and max-registrations: see {@link
     * HssSimulator.Builder#read}).
     */
    static final List<String> FILE_KEYS = List.of("subscribers", "rules", "max-registrations");

    /**
     * Subscribers at {@code n} of a configuration file: a list, or a mapping whose {@code
     * subscribers} key holds it; {@code path} is its place in the file ({@code ""}, {@code hss}).
     *
     * @throws org.diameter4j.node.NodeConfigException listing every fault of the file so far
     */
    public static List<Subscriber> read(YamlReader yaml, Node n, String path) {
        String p = path.isEmpty() ? "" : path + ".";
        Node list = n;
        String listPath = path;
        if (n instanceof MappingNode) {
            Map<String, Node> m = yaml.mapping(n, path, FILE_KEYS);
            list =
                    yaml.required(
                            m,
                            "subscribers",
                            n,
                            path,
                            "add subscribers: [{imsi: …, k: …, opc: …}]");
            listPath = p + "subscribers";
        } else if (!(n instanceof SequenceNode)) {
            yaml.problem(
                    n,
                    path.isEmpty() ? "(top level)" : path,
                    "expected a list of subscribers, got " + YamlReader.describe(n),
                    "write subscribers: [{imsi: \"001010000000001\", k: …, opc: …}]");
            list = null;
        }
        List<Subscriber> out = new ArrayList<>();
        if (list != null && !(list instanceof SequenceNode) && !YamlReader.isNull(list)) {
            yaml.problem(
                    list,
                    listPath,
                    "expected a list of subscribers, got " + YamlReader.describe(list));
        } else if (list != null) {
            List<Node> items = yaml.list(list, listPath);
            Map<String, Node> seen = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                String at = listPath + "[" + i + "]";
                Subscriber s = subscriber(yaml, items.get(i), at);
                if (s == null) {
                    continue;
                }
                Node first = seen.putIfAbsent(s.imsi(), items.get(i));
                if (first != null) {
                    yaml.problem(
                            items.get(i),
                            at,
                            "IMSI "
                                    + s.imsi()
                                    + " appears twice (first at line "
                                    + YamlReader.line(first)
                                    + ")",
                            "give each subscriber its own IMSI");
                    continue;
                }
                out.add(s);
            }
        }
        yaml.check();
        return out;
    }

    private static Subscriber subscriber(YamlReader yaml, Node n, String at) {
        int before = yaml.problemCount();
        Map<String, Node> m = yaml.mapping(n, at, SUBSCRIBER_KEYS);
        if (m == null) {
            return null;
        }
        Node imsiNode =
                yaml.required(
                        m, "imsi", n, at, "add imsi: \"001010000000001\" (6 to 15 digits, quoted)");
        String imsi = digits(yaml, imsiNode, at + ".imsi", true);
        if (imsi != null && !imsi.matches("\\d{6,15}")) {
            yaml.problem(
                    imsiNode,
                    at + ".imsi",
                    "an IMSI has 6 to 15 digits, got " + YamlReader.quote(imsiNode));
            imsi = null;
        }
        Node kNode = yaml.required(m, "k", n, at, "add k: the 128-bit key, 32 hex digits");
        byte[] k = hex(yaml, kNode, 16, at + ".k");
        byte[] opc = hex(yaml, m.get("opc"), 16, at + ".opc");
        byte[] op = hex(yaml, m.get("op"), 16, at + ".op");
        if (m.containsKey("opc") == m.containsKey("op")) {
            yaml.problem(
                    n, at, "give exactly one of opc or op", "32 hex digits each; op derives OPc");
        }
        byte[] amf =
                m.get("amf") == null
                        ? new byte[] {(byte) 0x80, 0}
                        : hex(yaml, m.get("amf"), 2, at + ".amf");
        long sqn = sqn(yaml, m.get("sqn"), at + ".sqn");
        String msisdn = digits(yaml, m.get("msisdn"), at + ".msisdn", false);
        Ambr ambr = null;
        if (m.containsKey("ambr-ul") || m.containsKey("ambr-dl")) {
            Long ul = number(yaml, m, "ambr-ul", n, at, null);
            Long dl = number(yaml, m, "ambr-dl", n, at, null);
            if (ul != null && dl != null) {
                ambr = new Ambr(ul, dl);
            }
        }
        List<Subscriber.Apn> apns = new ArrayList<>();
        Node al = m.get("apns");
        if (al != null && !(al instanceof SequenceNode) && !YamlReader.isNull(al)) {
            yaml.problem(
                    al,
                    at + ".apns",
                    "expected a list, got " + YamlReader.describe(al),
                    "write apns: [{name: internet}]");
        } else {
            List<Node> items = yaml.list(al, at + ".apns");
            for (int i = 0; i < items.size(); i++) {
                Subscriber.Apn a = apn(yaml, items.get(i), at + ".apns[" + i + "]");
                if (a != null) {
                    apns.add(a);
                }
            }
        }
        String status = yaml.string(m.get("subscriber-status"), at + ".subscriber-status");
        String access = yaml.string(m.get("network-access-mode"), at + ".network-access-mode");
        if (yaml.problemCount() > before) {
            return null;
        }
        if (opc == null) {
            opc = Milenage.opc(k, op);
        }
        return new Subscriber(
                imsi,
                k,
                opc,
                amf,
                sqn,
                msisdn,
                status != null ? status : "SERVICE_GRANTED",
                access != null ? access : "ONLY_PACKET",
                ambr,
                apns);
    }

    private static Subscriber.Apn apn(YamlReader yaml, Node n, String at) {
        int before = yaml.problemCount();
        Map<String, Node> m = yaml.mapping(n, at, APN_KEYS);
        if (m == null) {
            return null;
        }
        Node nameNode = yaml.required(m, "name", n, at, "add name: the APN, e.g. internet");
        String name = yaml.string(nameNode, at + ".name");
        if (name != null && name.isBlank()) {
            yaml.problem(
                    nameNode, at + ".name", "the APN name is empty", "write e.g. name: internet");
        }
        Long qci = number(yaml, m, "qci", n, at, 9L);
        Long arp = number(yaml, m, "arp", n, at, 8L);
        Long ul = number(yaml, m, "ambr-ul", n, at, 100_000_000L);
        Long dl = number(yaml, m, "ambr-dl", n, at, 100_000_000L);
        String pdn = yaml.string(m.get("pdn-type"), at + ".pdn-type");
        String cap = yaml.string(m.get("pre-emption-capability"), at + ".pre-emption-capability");
        String vul =
                yaml.string(m.get("pre-emption-vulnerability"), at + ".pre-emption-vulnerability");
        if (yaml.problemCount() > before) {
            return null;
        }
        return new Subscriber.Apn(
                name,
                qci,
                arp,
                ul,
                dl,
                pdn != null ? pdn : "IPv4v6",
                cap != null ? cap : "PRE-EMPTION_CAPABILITY_DISABLED",
                vul != null ? vul : "PRE-EMPTION_VULNERABILITY_ENABLED");
    }

    /** Digits as text; unquoted, YAML would read them as a number (and an IMSI's 0s are lost). */
    private static String digits(YamlReader yaml, Node n, String at, boolean leadingZeroMatters) {
        if (n == null) {
            return null;
        }
        if (leadingZeroMatters && YamlReader.isPlainNumber(n)) {
            yaml.problem(
                    n,
                    at,
                    "unquoted, YAML reads "
                            + YamlReader.text(n)
                            + " as a number and may lose or change its digits",
                    "write it as a quoted string (\"001010000000001\")");
            return null;
        }
        return yaml.string(n, at);
    }

    private static byte[] hex(YamlReader yaml, Node n, int len, String at) {
        String o = yaml.string(n, at);
        if (o == null) {
            return null;
        }
        String s = o.replace(" ", "");
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() != len * 2 || !s.matches("[0-9a-fA-F]*")) {
            yaml.problem(
                    n,
                    at,
                    "expected " + len * 2 + " hex digits, got " + YamlReader.quote(n),
                    YamlReader.isPlainNumber(n) ? "quote hex values in YAML" : null);
            return null;
        }
        return HexFormat.of().parseHex(s);
    }

    private static long sqn(YamlReader yaml, Node n, String at) {
        String s = yaml.string(n, at);
        if (s == null) {
            return 0;
        }
        s = s.trim();
        long v;
        try {
            v =
                    s.startsWith("0x") || s.startsWith("0X")
                            ? Long.parseLong(s.substring(2), 16)
                            : Long.parseLong(s);
        } catch (NumberFormatException e) {
            yaml.problem(
                    n,
                    at,
                    YamlReader.quote(n) + " is not a number",
                    "write it in decimal, or in hex as \"0x…\"");
            return 0;
        }
        if (v < 0 || v > EpsAka.MAX_SQN) {
            yaml.problem(n, at, v + " is outside 0.." + EpsAka.MAX_SQN + " (48 bits)");
            return 0;
        }
        return v;
    }

    /** A number at key {@code key}; absent: {@code dflt}, or a fault when there is none. */
    private static Long number(
            YamlReader yaml, Map<String, Node> m, String key, Node parent, String at, Long dflt) {
        if (!m.containsKey(key) && dflt == null) {
            yaml.required(m, key, parent, at, "give both ambr-ul and ambr-dl (bits per second)");
            return null;
        }
        Long v = yaml.number(m.get(key), at + "." + key, 0, 0xffffffffL);
        return v != null ? v : m.containsKey(key) ? null : dflt;
    }
}
