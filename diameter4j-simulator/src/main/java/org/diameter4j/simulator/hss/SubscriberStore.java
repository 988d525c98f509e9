package org.diameter4j.simulator.hss;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.TreeMap;
import org.diameter4j.s6a.SubscriptionData.Ambr;
import org.diameter4j.s6a.milenage.EpsAka;
import org.diameter4j.s6a.milenage.Milenage;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The HSS simulator's subscribers and their sequence numbers.
 *
 * <p><b>The subscriber file</b> (YAML, or JSON which is read the same way) is a list of
 * subscribers, or a map whose {@code subscribers} key holds that list:
 *
 * <pre>
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

    private static final Set<String> SUBSCRIBER_KEYS =
            Set.of(
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
    private static final Set<String> APN_KEYS =
            Set.of(
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
        if (step <= 0) {
            throw new IllegalArgumentException("the SQN step must be positive, got " + step);
        }
        Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the subscriber file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    file + ": not valid YAML/JSON: " + e.getMessage(), e);
        }
        List<Subscriber> list = parse(doc, file.toString());
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

    /** Subscribers from a parsed YAML/JSON document (a list, or a map with "subscribers"). */
    @SuppressWarnings("unchecked")
    public static List<Subscriber> parse(Object doc, String where) {
        Object list = doc;
        if (doc instanceof Map<?, ?> m) {
            list = m.get("subscribers");
            if (list == null) {
                throw new IllegalArgumentException(where + ": no 'subscribers' list");
            }
        }
        if (!(list instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": expected a list of subscribers");
        }
        List<Subscriber> out = new ArrayList<>();
        for (int i = 0; i < l.size(); i++) {
            String at = where + ": subscribers[" + i + "]";
            if (!(l.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(at + ": expected a map");
            }
            out.add(subscriber((Map<String, Object>) m, at));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Subscriber subscriber(Map<String, Object> m, String at) {
        for (String k : m.keySet()) {
            if (!SUBSCRIBER_KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(
                        at
                                + ": unknown key '"
                                + k
                                + "' (expected "
                                + new java.util.TreeSet<>(SUBSCRIBER_KEYS)
                                + ")");
            }
        }
        String imsi = digits(m.get("imsi"), at + ".imsi", true);
        if (imsi == null || !imsi.matches("\\d{6,15}")) {
            throw new IllegalArgumentException(
                    at + ".imsi: an IMSI of 6 to 15 digits is required, got '" + imsi + "'");
        }
        at = at + " (" + imsi + ")";
        byte[] k = hex(m.get("k"), 16, at + ".k");
        if (k == null) {
            throw new IllegalArgumentException(
                    at + ": k (the 128-bit key, 32 hex digits) is required");
        }
        byte[] opc = hex(m.get("opc"), 16, at + ".opc");
        byte[] op = hex(m.get("op"), 16, at + ".op");
        if ((opc == null) == (op == null)) {
            throw new IllegalArgumentException(
                    at + ": give exactly one of opc or op (32 hex digits)");
        }
        if (opc == null) {
            opc = Milenage.opc(k, op);
        }
        byte[] amf =
                m.get("amf") == null
                        ? new byte[] {(byte) 0x80, 0}
                        : hex(m.get("amf"), 2, at + ".amf");
        long sqn = sqn(m.get("sqn"), at + ".sqn");
        String msisdn = digits(m.get("msisdn"), at + ".msisdn", false);
        Ambr ambr = null;
        if (m.get("ambr-ul") != null || m.get("ambr-dl") != null) {
            ambr =
                    new Ambr(
                            number(m.get("ambr-ul"), at + ".ambr-ul", -1),
                            number(m.get("ambr-dl"), at + ".ambr-dl", -1));
        }
        List<Subscriber.Apn> apns = new ArrayList<>();
        Object al = m.get("apns");
        if (al != null) {
            if (!(al instanceof List<?> list)) {
                throw new IllegalArgumentException(at + ".apns: expected a list");
            }
            for (int i = 0; i < list.size(); i++) {
                String aat = at + ".apns[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> am)) {
                    throw new IllegalArgumentException(aat + ": expected a map");
                }
                apns.add(apn((Map<String, Object>) am, aat));
            }
        }
        return new Subscriber(
                imsi,
                k,
                opc,
                amf,
                sqn,
                msisdn,
                text(m.get("subscriber-status"), "SERVICE_GRANTED"),
                text(m.get("network-access-mode"), "ONLY_PACKET"),
                ambr,
                apns);
    }

    private static Subscriber.Apn apn(Map<String, Object> m, String at) {
        for (String k : m.keySet()) {
            if (!APN_KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException(
                        at
                                + ": unknown key '"
                                + k
                                + "' (expected "
                                + new java.util.TreeSet<>(APN_KEYS)
                                + ")");
            }
        }
        String name = m.get("name") == null ? null : String.valueOf(m.get("name"));
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(at + ": name (the APN, e.g. internet) is required");
        }
        return new Subscriber.Apn(
                name,
                number(m.get("qci"), at + ".qci", 9),
                number(m.get("arp"), at + ".arp", 8),
                number(m.get("ambr-ul"), at + ".ambr-ul", 100_000_000L),
                number(m.get("ambr-dl"), at + ".ambr-dl", 100_000_000L),
                text(m.get("pdn-type"), "IPv4v6"),
                text(m.get("pre-emption-capability"), "PRE-EMPTION_CAPABILITY_DISABLED"),
                text(m.get("pre-emption-vulnerability"), "PRE-EMPTION_VULNERABILITY_ENABLED"));
    }

    private static String text(Object o, String dflt) {
        return o == null ? dflt : String.valueOf(o);
    }

    private static String digits(Object o, String at, boolean leadingZeroMatters) {
        if (o == null) {
            return null;
        }
        if (o instanceof Number && leadingZeroMatters) {
            throw new IllegalArgumentException(
                    at
                            + ": write it as a quoted string (\"001010000000001\"): "
                            + "unquoted, YAML reads it as a number and loses or changes its digits");
        }
        return String.valueOf(o);
    }

    private static byte[] hex(Object o, int len, String at) {
        if (o == null) {
            return null;
        }
        String s = String.valueOf(o).replace(" ", "");
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        if (s.length() != len * 2) {
            throw new IllegalArgumentException(
                    at
                            + ": expected "
                            + len * 2
                            + " hex digits, got '"
                            + o
                            + "'"
                            + (o instanceof Number ? " (quote hex values in YAML)" : ""));
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": '" + o + "' is not hexadecimal");
        }
    }

    private static long sqn(Object o, String at) {
        if (o == null) {
            return 0;
        }
        long v;
        if (o instanceof Number n) {
            v = n.longValue();
        } else {
            String s = String.valueOf(o).trim();
            try {
                v =
                        s.startsWith("0x") || s.startsWith("0X")
                                ? Long.parseLong(s.substring(2), 16)
                                : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        at + ": '" + o + "' is not a number (decimal, or hex as \"0x…\")");
            }
        }
        if (v < 0 || v > EpsAka.MAX_SQN) {
            throw new IllegalArgumentException(
                    at + ": " + v + " is outside 0.." + EpsAka.MAX_SQN + " (48 bits)");
        }
        return v;
    }

    private static long number(Object o, String at, long dflt) {
        if (o == null) {
            if (dflt < 0) {
                throw new IllegalArgumentException(at + " is required");
            }
            return dflt;
        }
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + ": expected a number, got '" + o + "'");
        }
    }
}
