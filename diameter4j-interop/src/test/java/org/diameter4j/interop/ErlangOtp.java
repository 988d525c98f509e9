package org.diameter4j.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.diameter4j.cli.server.Simulators;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;

/**
 * Erlang/OTP's {@code diameter} application (Debian {@code erlang-base}, {@code erlang-diameter})
 * driven by the escripts of {@code src/test/resources/erlang}: the dictionaries there (RFC 4006 Gy,
 * TS 29.272 S6a, TS 32.299 Rf) are compiled with {@code diameterc} and {@code erlc} into a
 * directory, then {@code escript} runs the client or the server as a child process whose standard
 * output and error go to a log file. The escripts print one line per event ({@code UP}, {@code
 * ANS}, {@code REQ}, {@code WATCHDOG}, {@code DOWN}); the tests assert on them. {@link #close()}
 * stops the process by its PID (destroy, then destroyForcibly).
 */
final class ErlangOtp implements AutoCloseable {
    /** In compile order: d4j_rf inherits AVPs from d4j_gy, which diameterc loads from dir. */
    static final List<String> DICTIONARIES = List.of("d4j_gy", "d4j_s6a", "d4j_rf");

    /** erlang-dev holds diameter_gen.hrl, which every diameterc-generated module includes. */
    static final String INSTALL = "apt-get install erlang-base erlang-diameter erlang-dev";

    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;

    private ErlangOtp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Copies the Erlang sources into {@code dir} and compiles the dictionaries there; skips (or
     * fails under CI) when escript, diameterc or erlc is missing.
     */
    static Path compile(Path dir) throws IOException, InterruptedException {
        RequiredTool.require("escript", INSTALL);
        Path diameterc = RequiredTool.require("diameterc", INSTALL);
        Path erlc = RequiredTool.require("erlc", INSTALL);
        Files.createDirectories(dir);
        for (String f : List.of("d4j_erl_client.escript", "d4j_erl_server.escript")) {
            copy(f, dir);
        }
        for (String d : DICTIONARIES) {
            Path dia = copy(d + ".dia", dir);
            run(
                    dir,
                    diameterc.toString(),
                    "-i",
                    dir.toString(),
                    "-o",
                    dir.toString(),
                    dia.toString());
            run(dir, erlc.toString(), "-o", dir.toString(), dir.resolve(d + ".erl").toString());
        }
        return dir;
    }

    private static Path copy(String name, Path dir) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = ErlangOtp.class.getResourceAsStream("/erlang/" + name)) {
            if (in == null) {
                throw new IOException("test resource erlang/" + name + " is missing");
            }
            Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "compile", ".log");
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        try {
            if (!p.waitFor(COMPILE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in time");
            }
            if (p.exitValue() != 0) {
                String output = Files.readString(out);
                if (output.contains("can't find include lib")) {
                    throw new AssertionError(
                            "the Erlang/OTP headers are missing ("
                                    + INSTALL
                                    + "); "
                                    + String.join(" ", command)
                                    + " failed:\n"
                                    + output);
                }
                throw new AssertionError(
                        String.join(" ", command)
                                + " failed ("
                                + p.exitValue()
                                + "):\n"
                                + Files.readString(out));
            }
        } finally {
            stop(p);
        }
    }

    /**
     * {@code escript <script> <beamDir> args…} in {@code beamDir}, output to {@code <name>.log}.
     */
    static ErlangOtp start(Path beamDir, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(RequiredTool.require("escript", INSTALL).toString());
        cmd.add(beamDir.resolve(script).toString());
        cmd.add(beamDir.toString());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(beamDir, script.replace(".escript", "-"), ".log");
        Process p =
                new ProcessBuilder(cmd)
                        .directory(beamDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        return new ErlangOtp(p, log);
    }

    /** Waits for the process to exit; fails with the log when it does not in time or fails. */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "the Erlang process did not finish within "
                            + timeout.toSeconds()
                            + " s; its output:\n"
                            + log());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError(
                    "the Erlang process exited with " + process.exitValue() + ":\n" + log());
        }
    }

    /** Waits until a line matches; returns it, or fails with the log. */
    String awaitLine(Predicate<String> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String l : lines()) {
                if (match.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Erlang did not print " + what + "; its output:\n" + log());
    }

    List<String> lines() {
        return log().lines().collect(Collectors.toList());
    }

    /** The lines starting with {@code prefix + " "}. */
    List<String> lines(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix + " ")).toList();
    }

    /**
     * What Erlang's logger wrote: OTP's error_logger formats reports as {@code =ERROR REPORT====}
     * and {@code =WARNING REPORT====}; an escript crash starts with {@code escript:}.
     */
    List<String> errorReports() {
        return lines().stream()
                .filter(
                        l ->
                                l.startsWith("=ERROR REPORT")
                                        || l.startsWith("=WARNING REPORT")
                                        || l.startsWith("=CRASH REPORT")
                                        || l.startsWith("escript:"))
                .toList();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- the diameter4j side -----------------------------------------------------------------

    /**
     * The node {@code d4j server} runs ({@code ServerCommand}): the OCS, CDF and HSS simulators
     * ({@link Simulators}, default settings but the CDF's file in {@code dir}), any peer accepted,
     * 3001 for commands nobody handles, listening on an ephemeral loopback port.
     */
    static Server d4jServer(String originHost, Path dir) {
        List<String> apps = List.of("gy", "rf", "s6a");
        NodeConfig.Builder b =
                NodeConfig.builder(originHost)
                        .acceptAnyPeer(true)
                        .unsupportedCommandResult(3001)
                        .productName("d4j server")
                        .listen("127.0.0.1:0");
        Simulators.applications(apps).forEach(b::application);
        DiameterNode node = DiameterNode.start(b.build());
        try {
            Simulators.Config config =
                    Simulators.Config.parse(
                            "cdf: {file: '" + dir.resolve("cdf-records.jsonl") + "'}",
                            "erlang-interop");
            return new Server(node, Simulators.start(node, apps, config, dir));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** A d4j server: the node and its simulators. */
    record Server(DiameterNode node, Simulators simulators) implements AutoCloseable {
        int port() {
            return node.listenAddresses().get(0).getPort();
        }

        @Override
        public void close() {
            node.close();
            simulators.close();
        }
    }
}
