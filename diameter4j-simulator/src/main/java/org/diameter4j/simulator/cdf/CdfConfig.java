package org.diameter4j.simulator.cdf;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.simulator.Rules;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The CDF simulator's settings.
 *
 * @param file the record file (JSON lines), created when absent, appended to when present
 * @param fsync when the file is forced to disk (default {@link FsyncPolicy#ALWAYS})
 * @param fsyncInterval for {@link FsyncPolicy#INTERVAL}: how often (default 1 s) — the window of
 *     acknowledged records a machine crash may lose
 * @param maxDuplicateEntries how many (Session-Id, Accounting-Record-Number) keys the duplicate
 *     index keeps, LRU (default 1,000,000, about 100 MB)
 * @param queueCapacity records waiting for the writer before ACRs are answered 3004
 *     DIAMETER_TOO_BUSY (default 65,536)
 * @param interimInterval Acct-Interim-Interval put in ACAs to START and INTERIM records (RFC 6733
 *     §9.8.2); null or zero: none
 * @param rules negative-test rules: command "ACR", subscriber = the first Subscription-Id-Data
 *     (also inside Service-Information) or else User-Name, request-type = START, INTERIM, STOP or
 *     EVENT
 * @param clock the "time" written with each record
 */
public record CdfConfig(
        Path file,
        FsyncPolicy fsync,
        Duration fsyncInterval,
        int maxDuplicateEntries,
        int queueCapacity,
        Duration interimInterval,
        Rules rules,
        Clock clock) {

    public CdfConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(clock, "clock");
        if (maxDuplicateEntries < 1) {
            throw new IllegalArgumentException(
                    "max-duplicate-entries must be at least 1, not " + maxDuplicateEntries);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException(
                    "queue-capacity must be at least 1, not " + queueCapacity);
        }
        if (fsync == FsyncPolicy.INTERVAL && fsyncInterval.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "fsync interval must be at least 1 ms, not " + fsyncInterval);
        }
        if (interimInterval != null
                && (interimInterval.isNegative() || interimInterval.getSeconds() > 0xffffffffL)) {
            throw new IllegalArgumentException(
                    "interim interval " + interimInterval + " is outside 0..2^32-1 s");
        }
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** The keys of a CDF section in a configuration file. */
    public static final List<String> KEYS = List.of("file", "fsync");

    /**
     * The CDF settings at {@code n} of a configuration file ({@code {file: records.jsonl, fsync:
     * always|interval|never}}; null: the defaults), {@code path} its place in the file; a relative
     * {@code file} resolves against {@code base}, an absent one is {@code defaultFile}.
     *
     * @throws org.diameter4j.node.NodeConfigException listing every fault of the file so far
     */
    public static CdfConfig read(
            YamlReader yaml, Node n, String path, Path base, Path defaultFile) {
        Path file = defaultFile;
        FsyncPolicy fsync = FsyncPolicy.ALWAYS;
        if (n != null && !YamlReader.isNull(n)) {
            Map<String, Node> m = yaml.mapping(n, path, KEYS);
            if (m != null) {
                String f = yaml.string(m.get("file"), path + ".file");
                if (f != null) {
                    file = base.resolve(f);
                }
                FsyncPolicy p = yaml.choice(m.get("fsync"), path + ".fsync", FsyncPolicy.class);
                if (p != null) {
                    fsync = p;
                }
            }
        }
        yaml.check();
        return builder(file).fsync(fsync).build();
    }

    public static final class Builder {
        private final Path file;
        private FsyncPolicy fsync = FsyncPolicy.ALWAYS;
        private Duration fsyncInterval = Duration.ofSeconds(1);
        private int maxDuplicateEntries = 1_000_000;
        private int queueCapacity = 65_536;
        private Duration interimInterval;
        private Rules rules = Rules.none();
        private Clock clock = Clock.systemUTC();

        Builder(Path file) {
            this.file = file;
        }

        public Builder fsync(FsyncPolicy p) {
            this.fsync = p;
            return this;
        }

        /** {@link FsyncPolicy#INTERVAL} every {@code d}. */
        public Builder fsyncEvery(Duration d) {
            this.fsync = FsyncPolicy.INTERVAL;
            this.fsyncInterval = d;
            return this;
        }

        public Builder maxDuplicateEntries(int n) {
            this.maxDuplicateEntries = n;
            return this;
        }

        public Builder queueCapacity(int n) {
            this.queueCapacity = n;
            return this;
        }

        public Builder interimInterval(Duration d) {
            this.interimInterval = d;
            return this;
        }

        public Builder rules(Rules r) {
            this.rules = r;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public CdfConfig build() {
            return new CdfConfig(
                    file,
                    fsync,
                    fsyncInterval,
                    maxDuplicateEntries,
                    queueCapacity,
                    interimInterval,
                    rules,
                    clock);
        }
    }
}
