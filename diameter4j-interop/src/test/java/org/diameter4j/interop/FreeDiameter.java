package org.diameter4j.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.diameter4j.testkit.TestPki;

/**
 * A freeDiameter daemon ({@code freeDiameterd}, Debian package {@code freediameterd}) run as a
 * child process for one test: writes its configuration and throwaway TLS material into a directory,
 * starts it with its output in {@code freeDiameterd.log}, waits until its port is listening, and
 * stops it in {@link #close()} (SIGTERM, then SIGKILL after 5 s).
 *
 * <p>freeDiameter refuses to start without TLS_Cred/TLS_CA even when every peer is plain TCP
 * ({@code No_TLS}), hence the throwaway certificate (an RSA {@link TestPki}). Only configured peers
 * ({@code ConnectPeer}) may connect to it: without an ACL extension it answers any other CER with
 * 3010.
 */
final class FreeDiameter implements AutoCloseable {
    /** Where Debian installs the extensions (the .fdx files of freediameter-extensions). */
    static final List<Path> EXTENSION_DIRS =
            List.of(
                    Path.of("/usr/lib/freeDiameter"),
                    Path.of("/usr/lib/x86_64-linux-gnu/freeDiameter"),
                    Path.of("/usr/lib/aarch64-linux-gnu/freeDiameter"));

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Config config;
    private final Path dir;
    private final Path log;
    private final Process process;

    private FreeDiameter(Config config, Path dir, Path log, Process process) {
        this.config = config;
        this.dir = dir;
        this.log = log;
        this.process = process;
    }

    // ---- availability -----------------------------------------------------------------------

    /** The freeDiameterd executable on the PATH, if any. */
    static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "freeDiameterd");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Skips the calling test when freeDiameterd or the extensions are not installed. */
    static void assumeInstalled() {
        assumeTrue(
                binary().isPresent(),
                "freeDiameterd is not installed (apt-get install freediameterd "
                        + "freediameter-extensions): freeDiameter interop tests skipped; CI installs it (.ci/run)");
        assumeTrue(
                extensionDir().isPresent(),
                "freeDiameter extensions are not installed (apt-get install "
                        + "freediameter-extensions): freeDiameter interop tests skipped");
    }

    static Optional<Path> extensionDir() {
        return EXTENSION_DIRS.stream()
                .filter(d -> Files.isRegularFile(d.resolve("dict_dcca.fdx")))
                .findFirst();
    }

    /** A loopback port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- configuration ----------------------------------------------------------------------

    static Config config(String identity, String realm) {
        return new Config(identity, realm);
    }

    /** The freeDiameter.conf of one run (the daemon's own syntax, libfdcore 1.2). */
    static final class Config {
        final String identity;
        final String realm;
        int port = freePort();
        int tcTimer = 30;
        int twTimer = 30;
        boolean noRelay;
        String dumps = "0x2224";
        final List<String> extensions = new ArrayList<>();
        final List<String> peers = new ArrayList<>();

        private Config(String identity, String realm) {
            this.identity = identity;
            this.realm = realm;
        }

        Config port(int p) {
            this.port = p;
            return this;
        }

        /** TcTimer (s): the reconnect delay for ConnectPeer entries. */
        Config tcTimer(int s) {
            this.tcTimer = s;
            return this;
        }

        /** TwTimer (s): freeDiameter refuses values below 6 (RFC 3539 §3.4.1). */
        Config twTimer(int s) {
            this.twTimer = s;
            return this;
        }

        /**
         * dbg_msg_dumps.fdx's mask: the default 0x2224 logs every message sent and received,
         * routing decisions and peer events in one line each, errors in full; 0x0080 dumps whole
         * messages.
         */
        Config dumps(String mask) {
            this.dumps = mask;
            return this;
        }

        Config noRelay() {
            this.noRelay = true;
            return this;
        }

        /** {@code LoadExtension = "<dir>/<name>.fdx" [: "arg"]}. */
        Config extension(String name, String arg) {
            Path fdx = extensionDir().orElseThrow().resolve(name + ".fdx");
            extensions.add(
                    "LoadExtension = \""
                            + fdx
                            + "\""
                            + (arg != null ? " : \"" + arg + "\"" : "")
                            + ";");
            return this;
        }

        /** A plain-TCP peer freeDiameter connects to (and accepts a CER from). */
        Config connectPeer(String peerIdentity, int peerPort) {
            peers.add(
                    "ConnectPeer = \""
                            + peerIdentity
                            + "\" { ConnectTo = \"127.0.0.1\"; Port = "
                            + peerPort
                            + "; No_TLS; No_SCTP; Prefer_TCP; };");
            return this;
        }

        String render(Path cert, Path key, Path ca) {
            StringBuilder sb = new StringBuilder();
            sb.append("Identity = \"").append(identity).append("\";\n");
            sb.append("Realm = \"").append(realm).append("\";\n");
            sb.append("Port = ").append(port).append(";\n");
            sb.append("SecPort = 0;\n"); // no TLS listener
            sb.append("No_SCTP;\nNo_IPv6;\nPrefer_TCP;\n");
            sb.append("ListenOn = \"127.0.0.1\";\n");
            sb.append("TcTimer = ").append(tcTimer).append(";\n");
            sb.append("TwTimer = ").append(twTimer).append(";\n");
            if (noRelay) {
                sb.append("NoRelay;\n");
            }
            sb.append("TLS_Cred = \"").append(cert).append("\", \"").append(key).append("\";\n");
            sb.append("TLS_CA = \"").append(ca).append("\";\n");
            for (String e : extensions) {
                sb.append(e).append('\n');
            }
            sb.append("LoadExtension = \"")
                    .append(extensionDir().orElseThrow().resolve("dbg_msg_dumps.fdx"))
                    .append("\" : \"")
                    .append(dumps)
                    .append("\";\n");
            for (String p : peers) {
                sb.append(p).append('\n');
            }
            return sb.toString();
        }
    }

    // ---- life cycle -------------------------------------------------------------------------

    /** Starts the daemon in {@code dir} and waits (at most 15 s) until its port is listening. */
    static FreeDiameter start(Config config, Path dir) throws IOException, InterruptedException {
        assumeInstalled();
        Files.createDirectories(dir);
        // RSA, and the PKCS#1 key: GnuTLS 3.7 refuses the JDK's encodings of an EC key.
        TestPki pki =
                TestPki.builder("fd")
                        .keyType(TestPki.KeyType.RSA)
                        .serverName(config.identity)
                        .create(dir);
        Path conf = dir.resolve("freeDiameter.conf");
        Files.writeString(
                conf,
                config.render(
                        pki.server().certificateFile(), pki.server().traditionalKey(), pki.ca()));
        Path log = dir.resolve("freeDiameterd.log");
        Process p =
                new ProcessBuilder(binary().orElseThrow().toString(), "-c", conf.toString(), "-d")
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        FreeDiameter fd = new FreeDiameter(config, dir, log, p);
        try {
            fd.awaitListening();
        } catch (RuntimeException | Error e) {
            fd.close();
            throw e;
        }
        return fd;
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "freeDiameterd exited with status "
                                + process.exitValue()
                                + " before listening on port "
                                + config.port
                                + "; its log:\n"
                                + log());
            }
            if (listening(config.port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "freeDiameterd does not listen on port "
                        + config.port
                        + " after "
                        + START_TIMEOUT.toSeconds()
                        + " s; its log:\n"
                        + log());
    }

    /**
     * True when a socket listens on the TCP port. Read from /proc/net/tcp on Linux: a probe
     * connection would make freeDiameter log an error ("in error before CER was received").
     */
    static boolean listening(int port) {
        Path procTcp = Path.of("/proc/net/tcp");
        if (Files.isReadable(procTcp)) {
            String hexPort = String.format(":%04X", port);
            try {
                for (String line : Files.readAllLines(procTcp)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ...; st 0A is LISTEN.
                    if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                // fall back to a probe
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    int port() {
        return config.port;
    }

    String identity() {
        return config.identity;
    }

    Path directory() {
        return dir;
    }

    Path logFile() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The daemon's output so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Waits until a line of the log matches; returns it, or fails with the log. */
    String awaitLogLine(Predicate<String> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (String line : log().split("\n")) {
                if (match.test(line)) {
                    return line;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(
                "freeDiameterd did not log "
                        + what
                        + " within "
                        + timeout.toSeconds()
                        + " s; its log:\n"
                        + log());
    }

    /** SIGTERM (freeDiameter then sends DPR to its open peers), waits up to {@code grace}. */
    boolean terminate(Duration grace) throws InterruptedException {
        process.destroy();
        return process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the daemon: SIGTERM, then SIGKILL after 5 s. Never throws. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            if (!terminate(STOP_GRACE)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
