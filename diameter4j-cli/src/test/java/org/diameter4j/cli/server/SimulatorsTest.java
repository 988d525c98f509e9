package org.diameter4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.diameter4j.node.NodeConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorsTest {
    @TempDir Path dir;

    private Simulators.Config config(String yaml) throws Exception {
        return Simulators.readConfig(Files.writeString(dir.resolve("server.yaml"), yaml));
    }

    @Test
    void inlineSectionsAreReadWhereTheyAreWithoutACopy() throws Exception {
        Simulators.Config c =
                config(
                        """
                        ocs:
                          subscribers:
                            "41780000001": {balance: {units: 7}}
                        cdf: {file: records.jsonl, fsync: never}
                        """);
        assertThat(Simulators.ocsConfig(c, dir).subscribers().get("41780000001").units())
                .isEqualTo(7);
        assertThat(Simulators.cdfConfig(c, dir, new ArrayList<>()).file())
                .isEqualTo(dir.resolve("records.jsonl"));
    }

    @Test
    void inlineSectionsSetTheSessionBounds() throws Exception {
        Simulators.Config c =
                config(
                        """
                        cdf: {max-sessions: 500, session-timeout: 30m}
                        hss:
                          max-registrations: 700
                          subscribers:
                            - {imsi: "001010000000001", k: "465b5ce8b199b49faa5f0a2ee238a6bc", op: "cdc202d5123e20f62b6d676ac72cb318"}
                        """);
        assertThat(Simulators.cdfConfig(c, dir, new ArrayList<>()).maxSessions()).isEqualTo(500);
        try (var hss = Simulators.hss(c, dir, new ArrayList<>())) {
            assertThat(hss.maxRegistrations()).isEqualTo(700);
        }
        Simulators.Config bad =
                config(
                        """
                        hss:
                          max-registrations: 0
                          subscribers: []
                        """);
        assertThatThrownBy(() -> Simulators.hss(bad, dir, new ArrayList<>()))
                .hasMessage(
                        dir.resolve("server.yaml")
                                + ":2:22: hss.max-registrations: expected a number from 1 to"
                                + " 2147483647, got 0");
    }

    @Test
    void aFaultInsideASectionNamesTheFileLineAndColumnOfTheWholeFile() throws Exception {
        Path f = dir.resolve("server.yaml");
        Simulators.Config ocs = config("cdf: {file: r.jsonl}\nocs:\n  tcc: 20\n");
        assertThatThrownBy(() -> Simulators.ocsConfig(ocs, dir))
                .isInstanceOf(NodeConfigException.class)
                .hasMessageStartingWith(f + ":3:8: ocs.tcc: '20' is not a duration");

        Simulators.Config cdf = config("ocs: {}\ncdf: {fsync: sometimes}\n");
        assertThatThrownBy(() -> Simulators.cdfConfig(cdf, dir, new ArrayList<>()))
                .hasMessage(
                        f
                                + ":2:14: cdf.fsync: expected one of always, interval, never, got"
                                + " \"sometimes\"");

        Simulators.Config hss =
                config(
                        """
                        hss:
                          subscribers:
                            - {imsi: "001010000000001", k: "465b", op: "cdc202d5123e20f62b6d676ac72cb318"}
                        """);
        assertThatThrownBy(() -> Simulators.hss(hss, dir, new ArrayList<>()))
                .hasMessage(
                        f
                                + ":3:36: hss.subscribers[0].k: expected 32 hex digits, got"
                                + " \"465b\"");
    }

    @Test
    void anUnknownSectionIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> config("ocs: {}\npcrf: {}\n"))
                .hasMessage(
                        dir.resolve("server.yaml")
                                + ":2:1: pcrf: unknown key 'pcrf' — allowed keys: ocs, cdf, hss");
    }
}
