package org.diameter4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.diameter4j.cli.server.AnswerOutput;
import org.diameter4j.cli.server.Simulators;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeEvent;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerState;
import org.diameter4j.simulator.Terminator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code d4j server}: a Diameter server for tests (M-13): the OCS (Gy), CDF (Rf) and HSS (S6a)
 * simulators, any other advertised application answered by the terminator (3001, or 5012 like seed
 * 002's), any peer accepted. Runs until stopped; SIGTERM or Ctrl-C sends DPR to every peer first.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a Diameter server with the OCS, CDF and HSS simulators (any peer accepted).",
            "",
            "Example:",
            "  d4j server --origin-host ocs.example.net --listen 127.0.0.1:3868"
        })
public final class ServerCommand implements Callable<Integer> {
    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            description =
                    "Where to listen; repeatable (default 0.0.0.0:3868, one socket for IPv4 and IPv6). aaas://… for TLS.")
    List<String> listen = new ArrayList<>();

    @Option(
            names = "--origin-host",
            required = true,
            paramLabel = "H",
            description = "Our Diameter identity.")
    String originHost;

    @Option(
            names = "--origin-realm",
            paramLabel = "R",
            description = "Our realm (default: Origin-Host after the first dot).")
    String originRealm;

    @Option(
            names = "--apps",
            paramLabel = "LIST",
            defaultValue = "gy,rf,s6a",
            description =
                    "Applications: gy (OCS), rf (CDF), s6a (HSS) are simulated; others (gx, nasreq, auth:ID …) are"
                            + " advertised and answered by the terminator (default: ${DEFAULT-VALUE}).")
    String apps;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Simulator settings (YAML/JSON): ocs, cdf, hss sections.")
    Path config;

    @Option(
            names = "--unsupported-result",
            paramLabel = "3001|5012",
            defaultValue = "3001",
            description =
                    "Result-Code for requests no simulator handles (default ${DEFAULT-VALUE}; 5012 as seed 002).")
    int unsupportedResult;

    @Option(names = "--trace", description = "Print every message sent and received, decoded.")
    boolean trace;

    @Option(names = "--json", description = "One JSON object per answered request.")
    boolean json;

    @Option(
            names = "--lines-per-second",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Answer lines printed per second at most; beyond, one summary line a second"
                            + " counts the rest by Result-Code (default ${DEFAULT-VALUE}; 0: summaries only).")
    int linesPerSecond;

    @Option(
            names = "--log-file",
            paramLabel = "F",
            description = "Also write the log (peer events, at INFO) to F.")
    Path logFile;

    @Mixin TlsOptions tlsOptions;

    @Mixin DictionaryOption dictionary;

    @Mixin StrictSendOption strictSend;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Told when the server is ready, with the latch that stops it (Main.run sets it). */
    java.util.function.Consumer<Started> onStarted = started -> {};

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (unsupportedResult != 3001 && unsupportedResult != 5012) {
            throw UserError.usage(
                    "--unsupported-result must be 3001 or 5012, not " + unsupportedResult);
        }
        Dictionary dict = dictionary.load();
        List<String> names = new ArrayList<>();
        List<ApplicationId> advertised = new ArrayList<>();
        for (String a : apps.split(",")) {
            String n = a.trim().toLowerCase(java.util.Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            names.add(n);
            if (!List.of("gy", "rf", "s6a").contains(n)) {
                advertised.addAll(CliArgs.applications(n));
            }
        }
        advertised.addAll(0, Simulators.applications(names));
        Simulators.Config simConfig;
        try {
            simConfig = Simulators.readConfig(config);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        NodeConfig.Builder b =
                NodeConfig.builder(originHost)
                        .originRealm(originRealm)
                        .acceptAnyPeer(true)
                        .unsupportedCommandResult(unsupportedResult)
                        .dictionary(dict)
                        .productName("d4j server");
        strictSend.applyTo(b);
        advertised.stream().distinct().forEach(b::application);
        List<String> where = listen.isEmpty() ? List.of("0.0.0.0:3868") : listen;
        boolean anyTls = false;
        for (String l : where) {
            b.listen(l);
            anyTls |= l.startsWith("aaas://");
        }
        b.listenTls(tlsOptions.load(anyTls));
        // The server prints peer events itself: the library's log goes to --log-file (console:
        // --debug).
        Logging.quiet(spec);
        if (logFile != null) {
            FileHandler fh = new FileHandler(logFile.toString(), true);
            fh.setFormatter(new SimpleFormatter());
            fh.setLevel(Level.INFO);
            Logger lib = Logger.getLogger("org.diameter4j");
            lib.addHandler(fh);
            if (!lib.isLoggable(Level.INFO)) {
                lib.setLevel(Level.INFO);
                for (var h : Logger.getLogger("").getHandlers()) {
                    h.setLevel(Level.SEVERE); // keep the console quiet
                }
            }
        }
        DiameterNode node;
        try {
            node = DiameterNode.start(b.build());
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        } catch (DiameterException e) {
            throw UserError.usage(e.getMessage());
        }
        Simulators sims;
        try {
            sims =
                    Simulators.start(
                            node,
                            names,
                            simConfig,
                            config != null ? config.toAbsolutePath().getParent() : Path.of("."));
        } catch (RuntimeException e) {
            node.close();
            throw UserError.usage("simulator configuration: " + e.getMessage());
        }
        Terminator terminator = new Terminator(unsupportedResult);
        for (ApplicationId a : advertised) {
            if (!List.of(4L, 3L, 16777251L).contains(a.id()) && !a.isRelay()) {
                // Advertised but not simulated: every command is the terminator's (seed 002).
                for (var c : dict.commands()) {
                    if (c.applicationId() == a.id() && c.request()) {
                        node.handleOnEventLoop(a.id(), c.code(), terminator);
                    }
                }
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM or Ctrl-C: wake this thread, which sends DPR and says so, and let the JVM end
        // only when it has (the JVM halts as soon as its hooks return).
        Thread hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                stopped.await(15, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "d4j-server-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        banner(out, node, sims, where);
        AnswerOutput answers = installOutput(node, dict, out);
        onStarted.accept(new Started(node, null, stop)); // listening, every answer printed
        try {
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs and waits for us
            }
            node.close(DisconnectCause.REBOOTING);
            sims.close();
            answers.close();
            out.println("server stopped");
            out.flush();
        } finally {
            stopped.countDown();
        }
        return Main.OK;
    }

    private void banner(PrintWriter out, DiameterNode node, Simulators sims, List<String> where) {
        if (json) {
            return;
        }
        out.println(
                "d4j server "
                        + node.identity().originHost()
                        + " (realm "
                        + node.identity().originRealm()
                        + ")");
        for (var a : node.listenAddresses()) {
            String host =
                    a.getAddress().isAnyLocalAddress()
                            ? "0.0.0.0 and [::] (one socket)"
                            : a.getAddress().getHostAddress();
            out.println(
                    "  listening on " + host + " port " + a.getPort() + " (" + node.ioKind() + ")");
        }
        out.println("  applications: " + node.identity().applications());
        for (String d : sims.description()) {
            out.println("  " + d);
        }
        out.println(
                "  other requests: "
                        + unsupportedResult
                        + (unsupportedResult == 3001
                                ? " DIAMETER_COMMAND_UNSUPPORTED"
                                : " DIAMETER_UNABLE_TO_COMPLY"));
        out.println("  any peer accepted. Stop with Ctrl-C (sends DPR to every peer).");
        out.flush();
    }

    private AnswerOutput installOutput(DiameterNode node, Dictionary dict, PrintWriter out) {
        DateTimeFormatter t = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        node.addListener(
                NodeListener.events(
                        e -> {
                            if (!json
                                    && e instanceof NodeEvent.PeerStateChanged c
                                    && (c.to().isOpen() || c.to() == PeerState.CLOSED)) {
                                synchronized (out) {
                                    out.println(
                                            LocalTime.now().format(t)
                                                    + "  peer "
                                                    + c.peer()
                                                    + " "
                                                    + c.from()
                                                    + " -> "
                                                    + c.to()
                                                    + (c.reason() != null
                                                            ? " (" + c.reason() + ")"
                                                            : ""));
                                    out.flush();
                                }
                            }
                        }));
        AnswerOutput answers =
                new AnswerOutput(out, dict, json, trace, linesPerSecond, System::currentTimeMillis);
        node.addListener(
                NodeListener.messages(
                        tr -> answers.message(tr.peer(), tr.message(), tr.received())));
        return answers;
    }
}
