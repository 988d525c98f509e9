package org.diameter4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.cli.Main;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.overload.OverloadConfig;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14 §1: {@code d4j bench --doic} reacts to a server's DOIC report (RFC 7683 §6.3, loss
 * algorithm) and shows it — the report in every progress line, the throttled requests in the
 * summary and under their own error name.
 */
@Timeout(60)
class BenchDoicTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {}

    static Run d4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(args, o, e);
        }
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code d4j bench} of ccr-event against {@code server}, with {@code more} options. */
    static Run bench(DiameterNode server, String... more) {
        String peer = "aaa://127.0.0.1:" + server.listenAddresses().get(0).getPort();
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "bench",
                                peer,
                                "--origin-host",
                                "bench.doic.example",
                                "--send",
                                "ccr-event"));
        args.addAll(List.of(more));
        return d4j(args.toArray(String[]::new));
    }

    static JsonNode summary(Run r) throws java.io.IOException {
        List<String> lines = r.out().lines().toList();
        return JSON.readTree(lines.get(lines.size() - 1)).get("summary");
    }

    static DiameterNode reportingServer() {
        DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.doic.example")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .overload(OverloadConfig.ENABLED)
                                .build());
        server.handleOnEventLoop(
                4, 272, (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001)));
        server.overload().report(30, Duration.ofSeconds(60));
        return server;
    }

    @Test
    void aReportOf30PercentThrottlesAbout30PercentOfTheBenchsRequests() throws Exception {
        try (DiameterNode server = reportingServer()) {
            Run r = bench(server, "--doic", "--duration", "2s", "--concurrency", "8", "--json");
            JsonNode s = summary(r);
            long answered = s.get("byResultCode").path("2001").asLong();
            long throttled = s.get("errors").path("throttled (DOIC)").asLong();
            assertThat(s.get("errors").size())
                    .as("no error but throttling: %s", s.get("errors"))
                    .isEqualTo(1);
            assertThat(answered + throttled).isGreaterThan(1_000);
            // The first answer brings the report: a few requests go out before it is known.
            assertThat(100.0 * throttled / (answered + throttled)).isCloseTo(30.0, within(4.0));
            assertThat(r.exit()).as("throttled requests were not served").isEqualTo(Main.FAILED);
        }
    }

    @Test
    void theProgressLinesAndTheSummaryShowTheReport() {
        try (DiameterNode server = reportingServer()) {
            Run r = bench(server, "--doic", "--duration", "2s", "--concurrency", "4", "--progress");
            assertThat(r.out())
                    .containsPattern(
                            "answers/s .*  DOIC host ocs\\.doic\\.example 30 % \\(\\d+ s left\\)"
                                    + "  throttled \\d+  rerouted 0")
                    .contains("throttled (DOIC)")
                    .containsPattern("DOIC \\(RFC 7683\\):  DOIC host ocs\\.doic\\.example 30 %");
        }
    }

    @Test
    void withoutDoicTheBenchNeitherAdvertisesNorThrottles() throws Exception {
        try (DiameterNode server = reportingServer()) {
            Run r = bench(server, "--duration", "1s", "--concurrency", "4", "--json");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.OK);
            JsonNode s = summary(r);
            assertThat(s.get("errors").size()).isZero();
            assertThat(r.out()).doesNotContain("DOIC");
        }
    }
}
