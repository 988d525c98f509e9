package org.diameter4j.simulator.cdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
    void faultsNameLineAndColumn() {
        assertThatThrownBy(() -> read("file: r.jsonl\nfsync: sometimes\nrotate: daily\n"))
                .isInstanceOfSatisfying(
                        NodeConfigException.class,
                        e ->
                                assertThat(e.problems())
                                        .containsExactly(
                                                "server.yaml:3:1: cdf: unknown key 'rotate' —"
                                                        + " allowed keys: file, fsync",
                                                "server.yaml:2:8: cdf.fsync: expected one of"
                                                        + " always, interval, never, got"
                                                        + " \"sometimes\""));
    }
}
