package org.diameter4j.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.diameter4j.cli.send.ClientNode;
import org.diameter4j.cli.send.ConnectOptions;
import org.diameter4j.cli.send.Report;
import org.diameter4j.cli.send.SessionRunner;
import org.diameter4j.cli.send.Template;
import org.diameter4j.dictionary.Dictionary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code d4j client PEER --origin-host H --send KIND|FILE}: connects (CER/CEA), sends sessions of a
 * template, prints every answer (Result-Code and name, Error-Message, Failed-AVP, latency), closes
 * with DPR. Exit 0 all 2xxx, 1 a non-2xxx answer, 2 usage, 3 cannot connect, 4 timeout.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send Diameter requests to a peer and show the answers.",
            "",
            "KINDs: ccr-event (seed 001's SMS event CCR), ccr-session, acr-session, ulr, air, dwr;"
                    + " or a YAML/JSON template file.",
            "",
            "Example:",
            "  d4j client aaa://ocs.example.net:3868 --origin-host client.example.com --send ccr-event"
        })
public final class ClientCommand implements Callable<Integer> {
    @Mixin ConnectOptions connect;

    @Option(
            names = "--send",
            required = true,
            paramLabel = "KIND|FILE",
            description = "What to send: a KIND or a template file.")
    String send;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "1",
            description = "Sessions to run (default: ${DEFAULT-VALUE}).")
    long count;

    @Option(
            names = "--concurrency",
            paramLabel = "C",
            description = "Sessions in flight (default: 1; with --rate: 1000).")
    Integer concurrency;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "Start R sessions per second (open loop).")
    Double rate;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "Per request (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(
            names = "--json",
            description = "One JSON object per answer, then a {\"summary\":…} line.")
    boolean json;

    @Option(
            names = "--trace",
            description =
                    "Print every message sent and received (the dump format of d4j decode); on stderr with --json.")
    boolean trace;

    @Mixin TlsOptions tls;

    @Mixin DictionaryOption dictionary;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logging.quiet(spec);
        if (count < 1) {
            throw UserError.usage("--count must be at least 1");
        }
        int conc = concurrency != null ? concurrency : rate != null ? 1000 : 1;
        if (conc < 1) {
            throw UserError.usage("--concurrency must be at least 1");
        }
        if (rate != null && !(rate > 0)) {
            throw UserError.usage("--rate must be above 0");
        }
        Duration to = CliArgs.duration(timeout, "--timeout");
        Dictionary dict = dictionary.load();
        Template template = Template.load(send, dict);
        PrintWriter out = spec.commandLine().getOut();
        var tlsConfig = tls.load(CliArgs.peer(connect.peer).secure());
        try (ClientNode client =
                ClientNode.connect(
                        connect,
                        template,
                        dict,
                        tlsConfig,
                        trace
                                ? ClientNode.tracer(dict, json ? spec.commandLine().getErr() : out)
                                : null)) {
            if (!json) {
                synchronized (out) {
                    out.println(
                            "Connected to "
                                    + client.peerName()
                                    + " ("
                                    + connect.peer
                                    + "); sending "
                                    + template.name()
                                    + (count > 1 ? " x" + count : ""));
                    out.flush();
                }
            }
            Report report = new Report(dict, out, json, template.steps().size() > 1);
            SessionRunner runner = new SessionRunner(client, template, dict, to, report::accept);
            AtomicReference<Throwable> fault = new AtomicReference<>();
            Semaphore permits = new Semaphore(conc);
            long t0 = System.nanoTime();
            for (long i = 1; i <= count && fault.get() == null; i++) {
                long due = 0;
                if (rate != null) {
                    due = t0 + (long) ((i - 1) * 1e9 / rate);
                    for (long w; (w = due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(w);
                    }
                }
                permits.acquire();
                CompletableFuture<Boolean> f = runner.run(i, due);
                f.whenComplete(
                        (ok, t) -> {
                            if (t != null) {
                                fault.compareAndSet(null, t);
                            }
                            permits.release();
                        });
            }
            long bound = to.toMillis() * template.steps().size() + 10_000;
            if (!permits.tryAcquire(conc, bound, TimeUnit.MILLISECONDS)) {
                throw new UserError(
                        Main.TIMEOUT, "sessions still unfinished after " + bound + " ms");
            }
            if (fault.get() != null) {
                Throwable t = fault.get();
                if (t instanceof UserError u) {
                    throw u;
                }
                throw new IllegalStateException(t);
            }
            report.summary(System.nanoTime() - t0);
            out.flush();
            return report.exitCode();
        }
    }
}
