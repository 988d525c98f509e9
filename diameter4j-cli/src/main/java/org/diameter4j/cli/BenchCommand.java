package org.diameter4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.diameter4j.cli.bench.Bench;
import org.diameter4j.cli.send.ClientNode;
import org.diameter4j.cli.send.ConnectOptions;
import org.diameter4j.cli.send.SessionRunner;
import org.diameter4j.cli.send.Template;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.overload.OverloadControl;
import org.diameter4j.node.overload.OverloadReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code d4j bench PEER --origin-host H}: load a peer — closed loop ({@code --concurrency}) or open
 * loop ({@code --rate}) — with live progress and final throughput, errors by cause and latency
 * percentiles.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load a Diameter peer and measure throughput and latency.",
            "",
            "Closed loop keeps --concurrency sessions in flight; --rate R starts R sessions per second (open loop).",
            "",
            "Example:",
            "  d4j bench aaa://ocs.example.net --origin-host client.example.com --concurrency 64 --duration 30s"
        })
public final class BenchCommand implements Callable<Integer> {
    @Mixin ConnectOptions connect;

    @Option(
            names = "--send",
            paramLabel = "KIND|FILE",
            defaultValue = "ccr-event",
            description = "What to send (default: ${DEFAULT-VALUE}).")
    String send;

    @Option(
            names = "--concurrency",
            paramLabel = "C",
            description =
                    "Sessions in flight (default: 64; with --rate, the most allowed in flight: 10000).")
    Integer concurrency;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "Start R sessions per second (open loop).")
    Double rate;

    @Option(
            names = "--duration",
            paramLabel = "D",
            defaultValue = "10s",
            description = "How long (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "0s",
            description =
                    "Load for this long first, not counted: lets both JVMs compile the hot path"
                            + " (on one core that takes 10-20 s) (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5s",
            description = "Per request (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--json", description = "Print the final summary as one JSON object.")
    boolean json;

    @Option(
            names = "--progress",
            description = "Print progress every second even when the output is not a terminal.")
    boolean progress;

    @Mixin TlsOptions tls;

    @Mixin DictionaryOption dictionary;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logging.quiet(spec);
        int conc = concurrency != null ? concurrency : rate != null ? 10_000 : 64;
        if (conc < 1) {
            throw UserError.usage("--concurrency must be at least 1");
        }
        if (rate != null && !(rate > 0)) {
            throw UserError.usage("--rate must be above 0");
        }
        Duration d = CliArgs.duration(duration, "--duration");
        Duration to = CliArgs.duration(timeout, "--timeout");
        Duration w = CliArgs.duration(warmup, "--warmup");
        if (d.isZero() || d.isNegative()) {
            throw UserError.usage("--duration must be positive");
        }
        Dictionary dict = dictionary.load();
        Template template = Template.load(send, dict);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var tlsConfig = tls.load(CliArgs.peer(connect.peer).secure());
        try (ClientNode client =
                ClientNode.connect(connect, template, dict, tlsConfig, null, Runnable::run)) {
            boolean showProgress = progress || System.console() != null;
            if (!json) {
                out.println(
                        "Connected to "
                                + client.peerName()
                                + "; sending "
                                + template.name()
                                + " for "
                                + d.toMillis() / 1000.0
                                + " s"
                                + (rate != null
                                        ? " at " + rate + "/s"
                                        : " with " + conc + " in flight"));
                out.flush();
            }
            Bench.Plan plan =
                    new Bench.Plan(
                            connect.peer,
                            template.name(),
                            conc,
                            rate,
                            d.toNanos(),
                            w.toNanos(),
                            to.toMillis(),
                            showProgress,
                            json);
            SessionRunner.Factory factory =
                    sink -> new SessionRunner(client, template, dict, to, sink);
            Bench bench = new Bench(plan, factory, out, json ? err : out);
            if (connect.doic) {
                bench.status(() -> doicState(client.node().overload()));
            }
            int rc = bench.run();
            if (connect.doic && !json) {
                out.println("DOIC (RFC 7683):" + doicState(client.node().overload()));
                out.flush();
            }
            return rc;
        }
    }

    /**
     * The DOIC state of the bench's node for its progress lines: each report in force (type,
     * reporter, reduction, time left), then the requests the loss algorithm dropped (§6.3).
     */
    static String doicState(OverloadControl doic) {
        StringBuilder sb = new StringBuilder("  DOIC");
        List<OverloadReport> reports = doic.activeReports();
        if (reports.isEmpty()) {
            sb.append(" no report");
        }
        for (OverloadReport r : reports) {
            sb.append(' ')
                    .append(r.type().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(r.reporter())
                    .append(' ')
                    .append(r.reductionPercent())
                    .append(" % (")
                    .append((r.remaining().toMillis() + 999) / 1000)
                    .append(" s left)");
        }
        return sb.append("  throttled ")
                .append(doic.throttledRequests())
                .append("  rerouted ")
                .append(doic.reroutedRequests())
                .toString();
    }
}
