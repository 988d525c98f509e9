package org.diameter4j.cli.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.simulator.cdf.CdfConfig;
import org.diameter4j.simulator.cdf.CdfSimulator;
import org.diameter4j.simulator.hss.HssSimulator;
import org.diameter4j.simulator.hss.Subscriber;
import org.diameter4j.simulator.hss.SubscriberStore;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
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

    /** Where the CDF writes unless {@code cdf.file} says otherwise: the current folder. */
    static final Path DEFAULT_CDF_FILE = Path.of("d4j-cdf-records.jsonl");

    private OcsSimulator ocs;
    private CdfSimulator cdf;
    private HssSimulator hss;
    private final List<String> description = new ArrayList<>();

    /** The sections a configuration may hold. */
    public static final List<String> SECTIONS = List.of("ocs", "cdf", "hss");

    /**
     * The simulator sections of a configuration file ({@code ocs}, {@code cdf}, {@code hss}, in
     * file order), with the reader of that file so that faults inside them name file, line and
     * column. {@link #NONE}: no file, the defaults.
     */
    public record Config(YamlReader yaml, Map<String, Node> sections) {
        public static final Config NONE = new Config(null, Map.of());

        public Config {
            sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        }

        /** A configuration from text ({@code name} is the file name in messages). */
        public static Config parse(String yaml, String name) {
            return of(YamlReader.parse(yaml, name));
        }

        static Config of(YamlReader yaml) {
            if (yaml.root() == null) {
                return NONE;
            }
            Map<String, Node> m = yaml.mapping(yaml.root(), "", SECTIONS);
            yaml.check();
            return new Config(yaml, m);
        }

        /** The section, or null when absent or empty (the defaults). */
        Node section(String name) {
            Node n = sections.get(name);
            return n == null || YamlReader.isNull(n) ? null : n;
        }
    }

    /**
     * Reads the configuration file (or none) and checks its sections' names.
     *
     * @throws org.diameter4j.node.NodeConfigException naming file, line and column
     */
    public static Config readConfig(Path file) {
        return file == null ? Config.NONE : Config.of(YamlReader.read(file));
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
    public static Simulators start(DiameterNode node, List<String> apps, Config config, Path base) {
        Simulators s = new Simulators();
        try {
            if (apps.contains("gy")) {
                s.ocs = OcsSimulator.register(node, ocsConfig(config, base));
            }
            if (apps.contains("rf")) {
                s.cdf = CdfSimulator.start(node, cdfConfig(config, base, s.description));
            }
            if (apps.contains("s6a")) {
                s.hss = hss(config, base, s.description).attach(node);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        if (s.ocs != null) {
            s.description.add(
                    0,
                    config.section("ocs") != null
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

    /** Whether a section names a file ({@code ocs: ocs.yaml}) rather than holding settings. */
    static boolean namesAFile(Node section) {
        return section instanceof ScalarNode;
    }

    /** A section that names a file ({@code ocs: ocs.yaml}): the file, resolved; else null. */
    private static Path file(Node section, Path base) {
        return section instanceof ScalarNode s ? base.resolve(s.getValue()) : null;
    }

    static OcsConfig ocsConfig(Config config, Path base) {
        Node section = config.section("ocs");
        if (section == null) {
            return OcsConfig.of(Map.of()).withDefault(DEFAULT_BALANCE);
        }
        Path file = file(section, base);
        return file != null ? OcsConfig.load(file) : OcsConfig.read(config.yaml(), section, "ocs");
    }

    static CdfConfig cdfConfig(Config config, Path base, List<String> description) {
        Node section = config.section("cdf");
        CdfConfig c =
                section == null
                        ? CdfConfig.builder(DEFAULT_CDF_FILE).build()
                        : CdfConfig.read(config.yaml(), section, "cdf", base, DEFAULT_CDF_FILE);
        description.add(
                "CDF (Rf): records written to "
                        + c.file().toAbsolutePath()
                        + " (fsync "
                        + c.fsync().name().toLowerCase(java.util.Locale.ROOT)
                        + ")");
        return c;
    }

    static HssSimulator hss(Config config, Path base, List<String> description) {
        Node section = config.section("hss");
        Path file = file(section, base);
        if (file != null) {
            description.add("HSS (S6a): subscribers from " + file);
            return HssSimulator.fromFile(file);
        }
        YamlReader yaml =
                section != null ? config.yaml() : YamlReader.parse(DEFAULT_HSS, "default HSS");
        List<Subscriber> subs =
                SubscriberStore.read(
                        yaml,
                        section != null ? section : yaml.root(),
                        section != null ? "hss" : "");
        description.add(
                "HSS (S6a): "
                        + subs.size()
                        + " subscriber"
                        + (subs.size() == 1 ? "" : "s")
                        + (section == null
                                ? " (IMSI 001010000000001, TS 35.208 test set 1 keys)"
                                : " from the configuration"));
        HssSimulator.Builder b = HssSimulator.builder(SubscriberStore.inMemory(subs));
        if (section instanceof MappingNode) {
            b.read(yaml, section, "hss"); // rules, max-registrations
            yaml.check();
        }
        return b.build();
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
