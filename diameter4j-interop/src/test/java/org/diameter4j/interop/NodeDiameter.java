package org.diameter4j.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One of the node-diameter scripts of {@code src/test/node} ({@code client.js}, {@code server.js};
 * npm package {@code diameter}, pinned in {@code package.json}) run as a child process: its stdout
 * is one JSON object per line (an {@code event} field and the message as node-diameter decoded it,
 * see {@code common.js}), collected here; its stderr goes to a file. {@link #close()} stops it
 * (SIGTERM, SIGKILL after 5 s).
 */
final class NodeDiameter implements AutoCloseable {
    static final Path DIR = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String script;
    private final Process process;
    private final Path stderr;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> unparsed = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private NodeDiameter(String script, Process process, Path stderr) {
        this.script = script;
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "node-" + script + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Node.js and the npm packages of {@code src/test/node}: skips (locally) or fails (CI) when
     * node is missing ({@link RequiredTool}); fails when the packages are not installed.
     */
    static Path requireInstalled() {
        Path node = RequiredTool.require("node", "apt-get install nodejs npm");
        Path pkg = DIR.resolve("node_modules/diameter/package.json");
        if (!Files.isRegularFile(pkg)) {
            // Node.js is there, the packages are not: not a reason to skip, the fix is one command.
            fail("node-diameter is not installed: run `npm ci` in " + DIR + " (.ci/run does it)");
        }
        return node;
    }

    /** The version of node-diameter installed in node_modules. */
    static String diameterVersion() throws IOException {
        return JSON.readTree(DIR.resolve("node_modules/diameter/package.json").toFile())
                .path("version")
                .asText();
    }

    /** Starts {@code node <script> <args>} in {@link #DIR}. */
    static NodeDiameter start(Path tmp, String script, String... args) throws IOException {
        Path node = requireInstalled();
        List<String> cmd = new ArrayList<>(List.of(node.toString(), script));
        cmd.addAll(List.of(args));
        Path err = tmp.resolve(script + ".stderr");
        Process p =
                new ProcessBuilder(cmd).directory(DIR.toFile()).redirectError(err.toFile()).start();
        return new NodeDiameter(script, p, err);
    }

    private void read() {
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    unparsed.add(line);
                }
            }
        } catch (IOException e) {
            unparsed.add("(stdout closed: " + e + ")");
        }
    }

    List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Events whose {@code event} field is {@code name}. */
    List<JsonNode> events(String name) {
        return events.stream().filter(e -> e.path("event").asText().equals(name)).toList();
    }

    /** Lines of stdout that were not JSON (node-diameter logging, a crash): none expected. */
    List<String> unparsed() {
        return List.copyOf(unparsed);
    }

    /** Waits until an event matches; fails with everything the script said when none does. */
    JsonNode await(Predicate<JsonNode> match, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode e : events) {
                if (match.test(e)) {
                    return e;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new AssertionError(
                        "no "
                                + what
                                + " from "
                                + script
                                + " within "
                                + timeout.toMillis()
                                + " ms\n"
                                + transcript());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for an event of {@code name} about a message with command {@code command}. */
    JsonNode await(String name, String command, boolean request, Duration timeout)
            throws InterruptedException {
        return await(
                e ->
                        e.path("event").asText().equals(name)
                                && e.path("message").path("command").asText().equals(command)
                                && e.path("message").path("request").asBoolean() == request,
                timeout,
                name + " " + command + (request ? " request" : " answer"));
    }

    /** Writes a command line to the script's stdin. */
    void command(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Waits for the script to exit by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    script + " did not exit within " + timeout.toSeconds() + " s\n" + transcript());
        }
        reader.join(2000);
        return process.exitValue();
    }

    String transcript() {
        String err;
        try {
            err = Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            err = "(cannot read " + stderr + ")";
        }
        return events.stream().map(JsonNode::toString).collect(Collectors.joining("\n"))
                + (unparsed.isEmpty() ? "" : "\nnot JSON:\n" + String.join("\n", unparsed))
                + (err.isBlank() ? "" : "\nstderr:\n" + err);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // server.js exits when stdin closes
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // ---- reading node-diameter's decoded messages ----------------------------------------------

    /** The AVPs ([name, value] pairs) of a message or grouped value. */
    static List<JsonNode> avps(JsonNode messageOrGroup) {
        JsonNode list = messageOrGroup.has("avps") ? messageOrGroup.get("avps") : messageOrGroup;
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    /** The values of every AVP {@code name} at this level. */
    static List<JsonNode> values(JsonNode messageOrGroup, String name) {
        return avps(messageOrGroup).stream()
                .filter(a -> a.get(0).asText().equals(name))
                .map(a -> a.get(1))
                .toList();
    }

    /** The value of AVP {@code name}, which must occur exactly once at this level. */
    static JsonNode single(JsonNode messageOrGroup, String name) {
        List<JsonNode> v = values(messageOrGroup, name);
        if (v.size() != 1) {
            throw new AssertionError(
                    name + " occurs " + v.size() + " times (expected once) in " + messageOrGroup);
        }
        return v.get(0);
    }
}
