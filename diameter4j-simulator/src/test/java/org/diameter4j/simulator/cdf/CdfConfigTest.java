package org.diameter4j.simulator.cdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.yaml.YamlReader;
import org.junit.jupiter.api.Test;

class CdfConfigTest {
    private static final Path BASE = Path.of("/srv/d4j");
    private static final Path DEFAULT = Path.of("d4j-cdf-records.jsonl");

    private static CdfConfig read(String yaml) {
        YamlReader y = YamlReader.parse(yaml, "server.yaml");
        return CdfConfig.read(y, y.root(), "cdf", BASE, DEFAULT);
    }

    @Test
    void aRelativeFileResolvesAgainstTheBaseAndFsyncIsAnyCase() {
        CdfConfig c = read("{file: records.jsonl, fsync: Never}");
        assertThat(c.file()).isEqualTo(BASE.resolve("records.jsonl"));
        assertThat(c.fsync()).isEqualTo(FsyncPolicy.NEVER);
    }

    @Test
    void nothingGivenMeansTheDefaultFileFsyncedAlways() {
        CdfConfig c = read("~");
        assertThat(c.file()).isEqualTo(DEFAULT);
        assertThat(c.fsync()).isEqualTo(FsyncPolicy.ALWAYS);
    }

    @Test
    void theSessionBoundAndTsAreRead() {
        CdfConfig c = read("{interim-interval: 10m, session-timeout: 25m, max-sessions: 5000}");
        assertThat(c.interimInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.sessionTimeout()).isEqualTo(Duration.ofMinutes(25));
        assertThat(c.sessionSupervision()).isEqualTo(Duration.ofMinutes(25));
        assertThat(c.maxSessions()).isEqualTo(5000);
        CdfConfig d = read("~");
        assertThat(d.maxSessions()).isEqualTo(CdfConfig.DEFAULT_MAX_SESSIONS).isEqualTo(100_000);
        assertThat(d.sessionSupervision()).as("no Ts unless configured").isNull();
    }

    @Test
    void badSessionSettingsNameLineAndColumn() {
        assertThatThrownBy(
                        () ->
                                read(
                                        "max-sessions: 0\ninterim-interval: 1500ms\n"
                                                + "session-timeout: 0s\n"))
                .isInstanceOfSatisfying(
                        NodeConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactly(
                                                "server.yaml:2:19: cdf.interim-interval:"
                                                        + " Acct-Interim-Interval is a whole"
                                                        + " number of seconds up to 2^32-1, got"
                                                        + " \"1500ms\" — write e.g. 600s or 10m",
                                                "server.yaml:3:18: cdf.session-timeout: Ts must"
                                                        + " be longer than 0 — leave it out to"
                                                        + " close sessions only with their STOP"
                                                        + " (or after twice interim-interval)",
                                                "server.yaml:1:15: cdf.max-sessions: expected a"
                                                        + " number from 1 to 2147483647, got 0"));
    }

    @Test
    void faultsNameLineAndColumn() {
        assertThatThrownBy(() -> read("file: r.jsonl\nfsync: sometimes\nrotate: daily\n"))
                .isInstanceOfSatisfying(
                        NodeConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactly(
                                                "server.yaml:3:1: cdf: unknown key 'rotate' —"
                                                        + " allowed keys: file, fsync,"
                                                        + " interim-interval, session-timeout,"
                                                        + " max-sessions",
                                                "server.yaml:2:8: cdf.fsync: expected one of"
                                                        + " always, interval, never, got"
                                                        + " \"sometimes\""));
    }
}
