package org.diameter4j.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Wireshark's {@code tshark} (Debian package {@code tshark}): a loopback capture running as a child
 * process, and the reading of the capture file back. Capturing on {@code lo} needs root or the
 * capture capabilities; the tests that need it skip (Assumptions) when it is not permitted.
 */
final class Tshark implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final Path file;
    private final Path output;

    private Tshark(Process process, Path file, Path output) {
        this.process = process;
        this.file = file;
        this.output = output;
    }

    static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "tshark");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static void assumeInstalled() {
        assumeTrue(
                binary().isPresent(),
                "tshark is not installed (apt-get install tshark): capture checks skipped");
    }

    /**
     * Starts {@code tshark -i lo -f "tcp port <port>" -w <file>} (bounded by {@code -a duration})
     * and waits until it says it captures. Skips the calling test when capturing is not permitted.
     */
    static Tshark captureLoopback(int port, Path file, int maxSeconds)
            throws IOException, InterruptedException {
        assumeInstalled();
        Path output = file.resolveSibling(file.getFileName() + ".tshark.log");
        Process p =
                new ProcessBuilder(
                                binary().orElseThrow().toString(),
                                "-i",
                                "lo",
                                "-f",
                                "tcp port " + port,
                                "-w",
                                file.toString(),
                                "-a",
                                "duration:" + maxSeconds,
                                "-q")
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
        Tshark t = new Tshark(p, file, output);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String out = t.output();
            // Not "Capturing on 'Loopback: lo'": tshark prints it before dumpcap finds it may not.
            // dumpcap creates the file once the device is open (other tshark versions may not log
            // "Capture started").
            boolean started =
                    out.contains("Capture started")
                            || (out.contains("Capturing on")
                                    && Files.isRegularFile(file)
                                    && Files.size(file) > 0);
            if (started && p.isAlive()) {
                return t;
            }
            if (!p.isAlive()) {
                t.close();
                assumeTrue(
                        false,
                        "tshark cannot capture on lo (not root, no capture permission?): exit "
                                + p.exitValue()
                                + ": "
                                + out.strip());
            }
            Thread.sleep(50);
        }
        t.close();
        assumeTrue(
                false,
                "tshark did not start capturing on lo within "
                        + START_TIMEOUT_MILLIS / 1000
                        + " s: "
                        + t.output().strip());
        return t;
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e + ")";
        }
    }

    Path file() {
        return file;
    }

    /**
     * Fails when the capture stopped before {@link #close()} (it should have run throughout the
     * exchange): its file would miss packets.
     */
    void assertStillCapturing() {
        if (!process.isAlive()) {
            throw new AssertionError(
                    "tshark stopped capturing early (exit "
                            + process.exitValue()
                            + "): "
                            + output().strip());
        }
    }

    /**
     * Stops the capture (SIGTERM: tshark closes the file cleanly), SIGKILL after 5 s. Never throws.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code tshark -r <file> <args>} and returns its standard output lines (bounded, 30 s).
     * Fails with tshark's messages when it exits with an error.
     */
    static List<String> read(Path capture, String... args)
            throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(binary().orElseThrow().toString(), "-r", capture.toString()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(capture.getParent(), "tshark", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark " + cmd + " did not finish in 30 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(
                    "tshark "
                            + cmd
                            + " failed with exit "
                            + p.exitValue()
                            + ": "
                            + Files.readString(err));
        }
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }

    /** One Diameter PDU as tshark decodes it. */
    record Pdu(int frame, int commandCode, boolean request) {}

    /**
     * Every Diameter PDU of a capture, the traffic on {@code port} decoded as Diameter: frame,
     * command code, R flag (several PDUs may share a frame).
     */
    static List<Pdu> diameterPdus(Path capture, int port) throws IOException, InterruptedException {
        List<String> lines =
                read(
                        capture,
                        "-d",
                        decodeAs(port),
                        "-Y",
                        "diameter",
                        "-T",
                        "fields",
                        "-E",
                        "separator=/t",
                        "-E",
                        "occurrence=a",
                        "-E",
                        "aggregator=,",
                        "-e",
                        "frame.number",
                        "-e",
                        "diameter.cmd.code",
                        "-e",
                        "diameter.flags.request");
        List<Pdu> pdus = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String[] codes = f[1].split(",");
            String[] requests = f[2].split(",");
            for (int i = 0; i < codes.length; i++) {
                pdus.add(
                        new Pdu(
                                Integer.parseInt(f[0]),
                                Integer.parseInt(codes[i]),
                                isTrue(requests[i])));
            }
        }
        return pdus;
    }

    /**
     * Fails when a Diameter frame of the capture is malformed or carries an expert error (severity
     * error or above), or when tshark's expert summary counts errors; prints the summary.
     */
    static void assertNoMalformedFrameNorExpertError(Path capture, int port)
            throws IOException, InterruptedException {
        List<String> problems =
                read(
                        capture,
                        "-d",
                        decodeAs(port),
                        "-Y",
                        "diameter && (_ws.malformed || _ws.expert.severity >= 0x00800000)",
                        "-T",
                        "fields",
                        "-e",
                        "frame.number",
                        "-e",
                        "_ws.expert.message",
                        "-e",
                        "_ws.malformed");
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "malformed or expert-error Diameter frames:\n" + String.join("\n", problems));
        }
        String expert =
                String.join(
                        "\n", read(capture, "-d", decodeAs(port), "-q", "-z", "expert,diameter"));
        System.out.println(expert);
        if (expert.toLowerCase(java.util.Locale.ROOT).contains("errors (")) {
            throw new AssertionError("tshark's expert summary counts errors:\n" + expert);
        }
    }

    private static String decodeAs(int port) {
        return "tcp.port==" + port + ",diameter";
    }

    private static boolean isTrue(String flag) {
        return flag.equals("1") || flag.equalsIgnoreCase("true");
    }
}
