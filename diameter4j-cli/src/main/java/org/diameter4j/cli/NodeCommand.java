package org.diameter4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.diameter4j.cli.admin.AdminServer;
import org.diameter4j.cli.admin.NodeFile;
import org.diameter4j.cli.server.Simulators;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeConfigException;
import org.diameter4j.node.NodeConfigLoader;
import org.diameter4j.node.NodeEvent;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code d4j node --config node.yaml}: a long-lived Diameter node (seed 003) from YAML — identity,
 * listeners, peers, applications, relay, and optionally the OCS/CDF/HSS simulators — with an admin
 * endpoint (HTTP+JSON, loopback by default) for {@code d4j show} and Prometheus. SIGTERM or Ctrl-C
 * sends DPR to every peer, then the node exits 0.
 */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a Diameter node from a YAML file (peers, routing, relay, simulators), with an admin",
            "endpoint for `d4j show` and Prometheus metrics (docs/configuration.md).",
            "",
            "Example:",
            "  d4j node --config examples/node.yaml",
            "  d4j show peers"
        })
public final class NodeCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The node's YAML: node, peers, and optionally admin and simulators.")
    Path config;

    @Option(
            names = "--log-file",
            paramLabel = "F",
            description = "Also write the log (peer events, management actions, at INFO) to F.")
    Path logFile;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** Told once the node runs and its admin endpoint serves (Main.run sets it). */
    java.util.function.Consumer<Started> onStarted = started -> {};

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String fileName = config.getFileName().toString();
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw UserError.usage(config + ": cannot read the configuration: no such file");
        } catch (IOException e) {
            throw UserError.usage(config + ": cannot read the configuration: " + e.getMessage());
        }
        Path dir = config.toAbsolutePath().getParent();
        NodeFile file = NodeFile.parse(text, fileName);
        List<String> problems = new ArrayList<>(file.problems());
        NodeConfig nodeConfig = null;
        try {
            nodeConfig = NodeConfigLoader.parse(file.nodeText(), fileName, dir);
        } catch (NodeConfigException e) {
            problems.addAll(e.problems());
        }
        List<String> simulators = new ArrayList<>();
        if (nodeConfig != null) {
            for (String s : file.simulators().sections().keySet()) {
                String app =
                        switch (s) {
                            case "ocs" -> "gy";
                            case "cdf" -> "rf";
                            default -> "s6a";
                        };
                ApplicationId needed = Simulators.applications(List.of(app)).get(0);
                boolean advertised =
                        nodeConfig.identity().applications().stream()
                                .anyMatch(a -> a.id() == needed.id());
                if (!advertised) {
                    problems.add(
                            file.position(s)
                                    + ": simulators."
                                    + s
                                    + ": the "
                                    + s.toUpperCase(java.util.Locale.ROOT)
                                    + " answers "
                                    + app
                                    + " requests — add "
                                    + app
                                    + " to node.applications");
                }
                simulators.add(app);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(NodeCommand::lineOf));
            throw UserError.usage(String.join("\n", problems));
        }

        Logging.quiet(spec);
        Logger events = Logger.getLogger("d4j.node");
        events.setUseParentHandlers(false);
        events.setLevel(Level.INFO);
        FileHandler fh = null;
        if (logFile != null) {
            fh = new FileHandler(logFile.toString(), true);
            fh.setFormatter(new SimpleFormatter());
            fh.setLevel(Level.INFO);
            events.addHandler(fh);
            Logger lib = Logger.getLogger("org.diameter4j");
            lib.addHandler(fh);
            if (!lib.isLoggable(Level.INFO)) {
                lib.setLevel(Level.INFO);
                for (var h : Logger.getLogger("").getHandlers()) {
                    h.setLevel(Level.SEVERE); // the console shows our own lines
                }
            }
        }
        // Per-peer message debug (POST /peers/HOST/debug): the dumps go to the console (and file).
        Logger trace = Logger.getLogger("org.diameter4j.trace");
        trace.setLevel(Level.INFO);
        trace.setUseParentHandlers(false);
        trace.addHandler(new ConsoleLines(out));
        if (fh != null) {
            trace.addHandler(fh);
        }
        java.util.function.Consumer<String> log =
                line -> {
                    synchronized (out) {
                        out.println(LocalTime.now().format(TIME) + "  " + line);
                        out.flush();
                    }
                    events.info(line);
                };

        AdminServer.Bound bound;
        try {
            bound = AdminServer.bind(file.admin());
        } catch (IOException e) {
            throw UserError.usage(
                    fileName
                            + ": admin.listen "
                            + AdminServer.url(file.admin()).substring("http://".length())
                            + ": cannot listen: "
                            + (e instanceof BindException
                                    ? "address already in use"
                                    : e.getMessage())
                            + " (is another `d4j node` running? set admin: {listen: 127.0.0.1:PORT})");
        }
        DiameterNode node;
        try {
            node = DiameterNode.start(nodeConfig);
        } catch (IllegalArgumentException | DiameterException e) {
            bound.close();
            throw UserError.usage(fileName + ": " + e.getMessage());
        }
        Simulators sims;
        try {
            sims = Simulators.start(node, simulators, file.simulators(), dir);
        } catch (RuntimeException e) {
            node.close();
            bound.close();
            // The faults of the simulators' settings name file, line and column themselves.
            throw UserError.usage(e.getMessage());
        }
        installEvents(node, log);
        AdminServer admin = bound.start(node, log);

        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        boolean[] clean = {false};
        // SIGTERM or Ctrl-C: wake this thread, which sends DPR to every peer; then end with 0 (the
        // JVM would otherwise end with 143 after its hooks).
        Thread hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                stopped.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            out.flush();
                            for (Handler h : events.getHandlers()) {
                                h.flush();
                            }
                            Runtime.getRuntime().halt(clean[0] ? Main.OK : Main.FAILED);
                        },
                        "d4j-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        banner(out, node, sims, admin);
        onStarted.accept(new Started(node, admin.url(), stop));
        try {
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs and waits for us
            }
            long open = node.peers().stream().filter(p -> p.status().isOpen()).count();
            log.accept("stopping: DPR to " + open + " open peer" + (open == 1 ? "" : "s"));
            admin.close();
            node.close(DisconnectCause.REBOOTING);
            sims.close();
            log.accept("node stopped");
            clean[0] = true;
        } finally {
            trace.setUseParentHandlers(true);
            for (Handler h : trace.getHandlers()) {
                trace.removeHandler(h);
            }
            if (fh != null) {
                Logger.getLogger("org.diameter4j").removeHandler(fh);
                events.removeHandler(fh);
                fh.close();
            }
            stopped.countDown();
        }
        return Main.OK;
    }

    private static int lineOf(String problem) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^[^:]*:(\\d+):").matcher(problem);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void installEvents(DiameterNode node, java.util.function.Consumer<String> log) {
        node.addListener(
                NodeListener.events(
                        e -> {
                            if (e instanceof NodeEvent.PeerStateChanged c) {
                                log.accept(
                                        "peer "
                                                + c.peer()
                                                + " "
                                                + c.from()
                                                + " -> "
                                                + c.to()
                                                + (c.reason() != null
                                                        ? " (" + c.reason() + ")"
                                                        : ""));
                            } else if (e instanceof NodeEvent.PeerActiveChanged a) {
                                log.accept(
                                        "peer "
                                                + a.peer()
                                                + (a.active() ? " active" : " not active")
                                                + " (open with watchdog OKAY: RFC 3539)");
                            } else if (e instanceof NodeEvent.MessageDropped) {
                                log.accept(e.name() + ": " + e.text());
                            }
                        }));
    }

    private void banner(PrintWriter out, DiameterNode node, Simulators sims, AdminServer admin) {
        synchronized (out) {
            out.println(
                    "d4j node "
                            + node.identity().originHost()
                            + " (realm "
                            + node.identity().originRealm()
                            + ") from "
                            + config);
            if (node.listenAddresses().isEmpty()) {
                out.println("  not listening: connects to its peers only");
            }
            for (var a : node.listenAddresses()) {
                out.println(
                        "  listening on "
                                + a.getAddress().getHostAddress()
                                + " port "
                                + a.getPort()
                                + " ("
                                + node.ioKind()
                                + ")");
            }
            out.println("  applications: " + node.identity().applications());
            for (PeerConfig p : node.config().peers()) {
                out.println(
                        "  peer "
                                + p.index()
                                + " "
                                + p.destinationHost()
                                + (p.uri() != null ? " " + p.uri() : " (accepted only)")
                                + " preference "
                                + p.preference()
                                + (p.defaultPeer() ? " default-peer" : "")
                                + (p.enabled() ? "" : " admin-state disable"));
            }
            for (String d : sims.description()) {
                out.println("  " + d);
            }
            out.println(
                    "  admin endpoint: "
                            + admin.url()
                            + "  (d4j show peers --admin "
                            + admin.url()
                            + "; metrics at "
                            + admin.url()
                            + "/metrics)");
            out.println("  Stop with Ctrl-C or SIGTERM (sends DPR to every peer).");
            out.flush();
        }
    }

    /** Log records (debug dumps) as console lines. */
    private static final class ConsoleLines extends Handler {
        private final PrintWriter out;

        ConsoleLines(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            synchronized (out) {
                out.println(LocalTime.now().format(TIME) + "  " + r.getMessage());
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {}
    }
}
