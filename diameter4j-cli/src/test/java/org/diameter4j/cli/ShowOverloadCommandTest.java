package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diameter4j.cli.NodeShowCommandTest.Node;
import org.diameter4j.cli.NodeShowCommandTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 §1, tried as a user would: {@code d4j node} with the OCS and DOIC on is told to report
 * 50 % overload through {@code d4j show overload --report}; {@code d4j bench --doic} against it
 * sends half as much (RFC 7683 §6.3) and shows the report; {@code --end} ends it (§5.2.2).
 */
@Timeout(90)
class ShowOverloadCommandTest {
    @TempDir Path tmp;

    static Run d4j(String... args) {
        return NodeShowCommandTest.d4j(args);
    }

    Node ocs(boolean doic) throws Exception {
        Path yaml =
                Files.writeString(
                        tmp.resolve("ocs.yaml"),
                        String.join(
                                "\n",
                                "node:",
                                "  origin-host: ocs.realm-1.com",
                                "  applications: [gy]",
                                "  accept-any-peer: true",
                                "  listen: [\"127.0.0.1:0\"]",
                                "  overload: {enabled: " + doic + "}",
                                "simulators:",
                                "  ocs:",
                                "admin: {listen: 127.0.0.1:0}",
                                ""));
        return new Node("node", "--config", yaml.toString());
    }

    @Test
    void aReportMadeThroughTheAdminEndpointHalvesTheBenchsTraffic() throws Exception {
        try (Node node = ocs(true)) {
            Run none = d4j("show", "overload", "--admin", node.admin());
            assertThat(none.exit()).as(none.all()).isZero();
            assertThat(none.out())
                    .contains("This node's report: none")
                    .contains("(none)")
                    .contains("Throttled requests: 0, rerouted: 0");

            Run report =
                    d4j(
                            "show",
                            "overload",
                            "--report",
                            "50",
                            "--validity",
                            "2m",
                            "--admin",
                            node.admin());
            assertThat(report.exit()).as(report.all()).isZero();
            assertThat(report.out())
                    .containsPattern("This node's report: host, 50 % reduction, 1[12][0-9] s left");

            int port = node.running.node().listenAddresses().get(0).getPort();
            Run bench =
                    d4j(
                            "bench",
                            "aaa://127.0.0.1:" + port,
                            "--origin-host",
                            "bench.realm-9.com",
                            "--send",
                            "ccr-event",
                            "--doic",
                            "--duration",
                            "2s",
                            "--concurrency",
                            "8",
                            "--json");
            List<String> lines = bench.out().lines().toList();
            JsonNode s =
                    NodeShowCommandTest.JSON.readTree(lines.get(lines.size() - 1)).get("summary");
            long answered = s.get("byResultCode").path("2001").asLong();
            long throttled = s.get("errors").path("throttled (DOIC)").asLong();
            assertThat(s.get("errors").size()).as(bench.all()).isEqualTo(1);
            assertThat(answered + throttled).isGreaterThan(500);
            assertThat(100.0 * throttled / (answered + throttled)).isCloseTo(50.0, within(5.0));

            Run end = d4j("show", "overload", "--end", "--admin", node.admin());
            assertThat(end.exit()).as(end.all()).isZero();
            assertThat(end.out()).contains("50 % reduction, ending (validity 0)");
        }
    }

    @Test
    void withDoicOffReportingIsRefusedWithTheFix() throws Exception {
        try (Node node = ocs(false)) {
            Run show = d4j("show", "overload", "--admin", node.admin());
            assertThat(show.exit()).isZero();
            assertThat(show.out()).contains("is off on this node: set node.overload.enabled: true");
            Run report = d4j("show", "overload", "--report", "50", "--admin", node.admin());
            assertThat(report.exit()).isEqualTo(Main.FAILED);
            assertThat(report.err())
                    .contains("HTTP 409")
                    .contains("set node.overload.enabled: true in its YAML and restart it");
        }
    }

    @Test
    void aBadReductionIsAUsageErrorNamingTheRange() throws Exception {
        try (Node node = ocs(true)) {
            Run r = d4j("show", "overload", "--report", "150", "--admin", node.admin());
            assertThat(r.exit()).as(r.all()).isEqualTo(Main.USAGE);
            assertThat(r.err()).contains("0 to 100");
            Run both = d4j("show", "overload", "--report", "10", "--end", "--admin", node.admin());
            assertThat(both.exit()).isEqualTo(Main.USAGE);
            assertThat(both.err()).contains("--report and --end exclude each other");
        }
    }
}
