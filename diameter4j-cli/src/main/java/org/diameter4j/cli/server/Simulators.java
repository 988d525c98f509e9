package org.diameter4j.cli.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.simulator.cdf.CdfConfig;
import org.diameter4j.simulator.cdf.CdfSimulator;
import org.diameter4j.simulator.cdf.FsyncPolicy;
import org.diameter4j.simulator.hss.HssSimulator;
import org.diameter4j.simulator.hss.Subscriber;
import org.diameter4j.simulator.hss.SubscriberStore;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The simulators a server runs, from defaults or from {@code --config FILE}:
 *
 * <pre>
 * ocs: ocs.yaml            # or the OCS settings inline (subscribers, default, max-grant, rules …)
 * cdf: {file: records.jsonl, fsync: always}
 * hss: subscribers.yaml    # or {subscribers: [...], rules: [...]}
 * </pre>
 *
 * Without a file: an OCS that gives every subscriber a default balance, a CDF writing to {@code
 * d4j-cdf-records.jsonl} in the current folder, and an HSS with one test subscriber (IMSI
 * 001010000000001, the keys of TS 35.208 test set 1).
 */
public final class Simulators implements AutoCloseable {
    /** The default balance of an unknown subscriber: enough for demos and load tests. */
    public static final Balance DEFAULT_BALANCE =
            new Balance(100_000_000_000L, 36_000_000L, 100_000_000L);

    static final String DEFAULT_HSS =
            """
            subscribers:
              - imsi: "001010000000001"
                k: "465b5ce8b199b49faa5f0a2ee238a6bc"
                opc: "cd63cb71954a9f4e48a5994e37a02baf"
                amf: "8000"
                sqn: 0
                msisdn: "41780000001"
                apns:
                  - {name: internet, qci: 9, arp: 8, ambr-ul: 50000000, ambr-dl: 100000000, pdn-type: IPv4v6}
            """;

    private OcsSimulator ocs;
    private CdfSimulator cdf;
    private HssSimulator hss;
    private final List<String> description = new ArrayList<>();

    /** Reads the configuration file (or none) and checks it; every fault names the file and key. */
    public static Map<String, Object> readConfig(Path file) {
        if (file == null) {
            return Map.of();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    file + ": not valid YAML/JSON: " + e.getMessage().replace('\n', ' '));
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(file + ": expected a map with ocs, cdf and/or hss");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            if (!List.of("ocs", "cdf", "hss").contains(k)) {
                int line = lineOf(text, k);
                throw new IllegalArgumentException(
                        file
                                + (line > 0 ? ":" + line : "")
                                + ": unknown section '"
                                + k
                                + "' (expected ocs, cdf, hss)");
            }
            out.put(k, e.getValue());
        }
        return out;
    }

    /** The line (1-based) of top-level key {@code key} in a YAML/JSON text, or 0. */
    private static int lineOf(String text, String key) {
        try {
            Node root =
                    new Yaml(new SafeConstructor(new LoaderOptions()))
                            .compose(new java.io.StringReader(text));
            if (root instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        return k.getStartMark().getLine() + 1;
                    }
                }
            }
        } catch (RuntimeException e) {
            // the file was loaded already: cannot happen, and the line is only a hint
        }
        return 0;
    }

    /** The applications a node must advertise for {@code apps}. */
    public static List<ApplicationId> applications(List<String> apps) {
        List<ApplicationId> out = new ArrayList<>();
        for (String a : apps) {
            switch (a) {
                case "gy" -> out.add(ApplicationId.auth(4));
                case "rf" -> out.add(CdfSimulator.application());
                case "s6a" -> out.add(ApplicationId.vendorAuth(10415, 16777251));
                default -> {}
            }
        }
        return out;
    }

    /** Registers the simulators of {@code apps} on the node. */
    public static Simulators start(
            DiameterNode node, List<String> apps, Map<String, Object> config, Path base) {
        Simulators s = new Simulators();
        try {
            if (apps.contains("gy")) {
                s.ocs = OcsSimulator.register(node, ocsConfig(config.get("ocs"), base));
            }
            if (apps.contains("rf")) {
                s.cdf = CdfSimulator.start(node, cdfConfig(config.get("cdf"), base, s.description));
            }
            if (apps.contains("s6a")) {
                s.hss = hss(config.get("hss"), base, s.description).attach(node);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (s.ocs != null) {
            s.description.add(
                    0,
                    config.containsKey("ocs")
                            ? "OCS (Gy): balances from the configuration"
                            : "OCS (Gy): every subscriber starts with "
                                    + DEFAULT_BALANCE.units()
                                    + " units, "
                                    + DEFAULT_BALANCE.octets()
                                    + " octets, "
                                    + DEFAULT_BALANCE.seconds()
                                    + " s");
        }
        return s;
    }

    public List<String> description() {
        return description;
    }

    public OcsSimulator ocs() {
        return ocs;
    }

    static OcsConfig ocsConfig(Object section, Path base) {
        if (section == null) {
            return OcsConfig.of(Map.of()).withDefault(DEFAULT_BALANCE);
        }
        try {
            if (section instanceof String file) {
                return OcsConfig.load(base.resolve(file));
            }
            return OcsConfig.parse(new Yaml().dump(section));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("ocs: " + e.getMessage());
        }
    }

    static CdfConfig cdfConfig(Object section, Path base, List<String> description) {
        Path file = Path.of("d4j-cdf-records.jsonl");
        FsyncPolicy fsync = FsyncPolicy.ALWAYS;
        if (section instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!List.of("file", "fsync").contains(String.valueOf(k))) {
                    throw new IllegalArgumentException(
                            "cdf: unknown key '" + k + "' (expected file, fsync)");
                }
            }
            if (m.get("file") != null) {
                file = base.resolve(String.valueOf(m.get("file")));
            }
            if (m.get("fsync") != null) {
                try {
                    fsync =
                            FsyncPolicy.valueOf(
                                    String.valueOf(m.get("fsync"))
                                            .toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "cdf.fsync: '" + m.get("fsync") + "' is not always, interval or never");
                }
            }
        } else if (section != null) {
            throw new IllegalArgumentException(
                    "cdf: expected {file: …, fsync: always|interval|never}");
        }
        description.add(
                "CDF (Rf): records written to "
                        + file.toAbsolutePath()
                        + " (fsync "
                        + fsync.name().toLowerCase(java.util.Locale.ROOT)
                        + ")");
        return CdfConfig.builder(file).fsync(fsync).build();
    }

    static HssSimulator hss(Object section, Path base, List<String> description) {
        if (section instanceof String file) {
            description.add("HSS (S6a): subscribers from " + base.resolve(file));
            return HssSimulator.fromFile(base.resolve(file));
        }
        Object doc =
                section != null
                        ? section
                        : new Yaml(new SafeConstructor(new LoaderOptions())).load(DEFAULT_HSS);
        List<Subscriber> subs = SubscriberStore.parse(doc, "hss");
        description.add(
                "HSS (S6a): "
                        + subs.size()
                        + " subscriber"
                        + (subs.size() == 1 ? "" : "s")
                        + (section == null
                                ? " (IMSI 001010000000001, TS 35.208 test set 1 keys)"
                                : " from the configuration"));
        return HssSimulator.builder(SubscriberStore.inMemory(subs)).build();
    }

    @Override
    public void close() {
        if (ocs != null) {
            ocs.close();
        }
        if (cdf != null) {
            cdf.close();
        }
        if (hss != null) {
            hss.close();
        }
    }
}
