package org.diameter4j.simulator.cdf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.Timers;
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
 * @param sessionTimeout Ts, the session supervision timer of a stateful accounting server (RFC 6733
 *     §8.2): an open session with no record for this long is closed; null: twice the interim
 *     interval when there is one (a missed interim and a margin), else never — see {@link
 *     #sessionSupervision()}
 * @param maxSessions accounting sessions open at once (START seen, STOP not yet); a START beyond
 *     them is answered 5006 DIAMETER_RESOURCES_EXCEEDED (default {@value #DEFAULT_MAX_SESSIONS})
 * @param rules negative-test rules: command "ACR", subscriber = the first Subscription-Id-Data
 *     (also inside Service-Information) or else User-Name, request-type = START, INTERIM, STOP or
 *     EVENT
 * @param timers where the session supervision timer Ts runs and whose wall clock ({@link
 *     Timers#instant()}) gives the "time" written with each record; {@link Timers#system()} by
 *     default
 */
public record CdfConfig(
        Path file,
        FsyncPolicy fsync,
        Duration fsyncInterval,
        int maxDuplicateEntries,
        int queueCapacity,
        Duration interimInterval,
        Duration sessionTimeout,
        int maxSessions,
        Rules rules,
        Timers timers) {

    /**
     * Accounting sessions held open at once unless {@code max-sessions} says otherwise; one more
     * START is answered 5006 DIAMETER_RESOURCES_EXCEEDED (RFC 6733 §7.1.5), so memory stays
     * bounded.
     */
    public static final int DEFAULT_MAX_SESSIONS = 100_000;

    public CdfConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(timers, "timers");
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
        if (sessionTimeout != null && (sessionTimeout.isNegative() || sessionTimeout.isZero())) {
            throw new IllegalArgumentException(
                    "session-timeout must be positive, not " + sessionTimeout);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException(
                    "max-sessions must be at least 1, not " + maxSessions);
        }
    }

    /**
     * How long an open accounting session lives without a record (Ts, RFC 6733 §8.2): {@code
     * sessionTimeout}, else twice the interim interval, else null (open until its STOP; still
     * counted against {@code maxSessions}).
     */
    public Duration sessionSupervision() {
        if (sessionTimeout != null) {
            return sessionTimeout;
        }
        if (interimInterval != null && !interimInterval.isZero()) {
            return interimInterval.multipliedBy(2);
        }
        return null;
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** The keys of a CDF section in a configuration file. */
    public static final List<String> KEYS =
            List.of("file", "fsync", "interim-interval", "session-timeout", "max-sessions");

    /**
     * The CDF settings at {@code n} of a configuration file ({@code {file: records.jsonl, fsync:
     * always|interval|never, interim-interval: 10m, session-timeout: 25m, max-sessions: 100000}};
     * null: the defaults), {@code path} its place in the file; a relative {@code file} resolves
     * against {@code base}, an absent one is {@code defaultFile}.
     *
     * @throws org.diameter4j.node.NodeConfigException listing every fault of the file so far
     */
    public static CdfConfig read(
            YamlReader yaml, Node n, String path, Path base, Path defaultFile) {
        Builder b = builder(defaultFile);
        if (n != null && !YamlReader.isNull(n)) {
            Map<String, Node> m = yaml.mapping(n, path, KEYS);
            if (m != null) {
                String f = yaml.string(m.get("file"), path + ".file");
                b = builder(f != null ? base.resolve(f) : defaultFile);
                FsyncPolicy p = yaml.choice(m.get("fsync"), path + ".fsync", FsyncPolicy.class);
                if (p != null) {
                    b.fsync(p);
                }
                Node in = m.get("interim-interval");
                Duration interim = yaml.duration(in, path + ".interim-interval");
                // Acct-Interim-Interval counts seconds (RFC 6733 §9.8.2, Unsigned32).
                if (interim != null
                        && (interim.toMillis() % 1000 != 0 || interim.getSeconds() > 0xffffffffL)) {
                    yaml.problem(
                            in,
                            path + ".interim-interval",
                            "Acct-Interim-Interval is a whole number of seconds up to 2^32-1,"
                                    + " got "
                                    + YamlReader.quote(in),
                            "write e.g. 600s or 10m");
                } else if (interim != null) {
                    b.interimInterval(interim);
                }
                Node to = m.get("session-timeout");
                Duration timeout = yaml.duration(to, path + ".session-timeout");
                if (timeout != null && timeout.isZero()) {
                    yaml.problem(
                            to,
                            path + ".session-timeout",
                            "Ts must be longer than 0",
                            "leave it out to close sessions only with their STOP (or after twice"
                                    + " interim-interval)");
                } else if (timeout != null) {
                    b.sessionTimeout(timeout);
                }
                Long max =
                        yaml.number(
                                m.get("max-sessions"),
                                path + ".max-sessions",
                                1,
                                Integer.MAX_VALUE);
                if (max != null) {
                    b.maxSessions(max.intValue());
                }
            }
        }
        yaml.check();
        return b.build();
    }

    public static final class Builder {
        private final Path file;
        private FsyncPolicy fsync = FsyncPolicy.ALWAYS;
        private Duration fsyncInterval = Duration.ofSeconds(1);
        private int maxDuplicateEntries = 1_000_000;
        private int queueCapacity = 65_536;
        private Duration interimInterval;
        private Duration sessionTimeout;
        private int maxSessions = DEFAULT_MAX_SESSIONS;
        private Rules rules = Rules.none();
        private Timers timers = Timers.system();

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

        /** Ts (RFC 6733 §8.2); see {@link CdfConfig#sessionSupervision()}. */
        public Builder sessionTimeout(Duration d) {
            this.sessionTimeout = d;
            return this;
        }

        /** Accounting sessions open at once; one more START is answered 5006. */
        public Builder maxSessions(int n) {
            this.maxSessions = n;
            return this;
        }

        public Builder rules(Rules r) {
            this.rules = r;
            return this;
        }

        /**
         * Where Ts runs and the records' "time" is read (a {@link org.diameter4j.peer.ManualTimers}
         * in tests).
         */
        public Builder timers(Timers t) {
            this.timers = Objects.requireNonNull(t, "timers");
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
                    sessionTimeout,
                    maxSessions,
                    rules,
                    timers);
        }
    }
}
