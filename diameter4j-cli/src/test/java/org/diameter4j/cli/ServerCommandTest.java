package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code d4j server} in-process, on a background thread, with {@code d4j client} (also in-process)
 * against it. The server is stopped through the latch {@link Main#run} hands over, as SIGTERM
 * would.
 */
@Timeout(60)
class ServerCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1 port (\\d+) ");

    @TempDir Path tmp;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String all() {
            return out + err;
        }
    }

    static Run d4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(args, o, e);
        }
        Run r = new Run(exit, out.toString(), err.toString());
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("internal error");
        return r;
    }

    /** {@code d4j server ARGS} on a thread; ready when it listens and prints, or ended. */
    static final class Server implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;
        final CountDownLatch stop;

        Server(String... args) throws InterruptedException {
            CompletableFuture<Started> started = new CompletableFuture<>();
            thread =
                    new Thread(
                            () -> {
                                try (PrintWriter o = new PrintWriter(out, true);
                                        PrintWriter e = new PrintWriter(err, true)) {
                                    exit.set(Main.run(args, o, e, started::complete));
                                } finally {
                                    started.complete(null); // ended without starting
                                }
                            },
                            "d4j-server-under-test");
            thread.setDaemon(true);
            thread.start();
            Started s;
            try {
                s = started.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                s = null;
            }
            stop = s == null ? null : s.stop();
            if (stop == null) {
                thread.join(5_000); // it ended without starting: let it finish
            }
            if (stop == null && thread.isAlive()) {
                fail("the server did not start within 20 s: " + out + err);
            }
        }

        boolean running() {
            return stop != null;
        }

        int port() {
            Matcher m = LISTENING.matcher(out.toString());
            assertThat(m.find()).as("a 'listening on' line in: " + out).isTrue();
            return Integer.parseInt(m.group(1));
        }

        /** Waits for the end of a server that failed to start; returns its exit code. */
        int awaitExit() throws InterruptedException {
            thread.join(10_000);
            assertThat(thread.isAlive()).as("the server thread ended").isFalse();
            return exit.get();
        }

        @Override
        public void close() throws InterruptedException {
            if (stop != null) {
                stop.countDown();
            }
            thread.join(15_000);
            assertThat(thread.isAlive()).as("the server stopped within 15 s").isFalse();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static Run client(int port, String... more) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "client",
                                "aaa://127.0.0.1:" + port,
                                "--origin-host",
                                "client.example.com",
                                "--timeout",
                                "5s",
                                "--connect-timeout",
                                "5s"));
        a.addAll(List.of(more));
        return d4j(a.toArray(String[]::new));
    }

    /** A configuration that keeps the CDF's records in the test's folder, not the module's. */
    private Path config(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(lines));
        all.add("cdf: {file: " + tmp.resolve("records.jsonl") + ", fsync: never}");
        return Files.write(tmp.resolve("server.yaml"), all);
    }

    /** The server's output once {@code ok} holds for it, or as it is after 5 s. */
    private static String outWhen(Server s, java.util.function.Predicate<String> ok)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!ok.test(s.out.toString()) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return s.out.toString();
    }

    /** {@code d4j server} as a user starts it: ocs.example.net on a free loopback port. */
    private static Server defaultServer(Path cfg) throws InterruptedException {
        return new Server(
                "server",
                "--listen",
                "127.0.0.1:0",
                "--origin-host",
                "ocs.example.net",
                "--config",
                cfg.toString());
    }

    @Test
    void everyKindIsAnsweredBySimulators() throws Exception {
        Path cfg = config();
        try (Server s = defaultServer(cfg)) {
            assertThat(s.running()).as(s.out + "" + s.err).isTrue();
            assertThat(s.out.toString())
                    .contains("d4j server ocs.example.net (realm example.net)")
                    .contains("OCS (Gy): every subscriber starts with")
                    .contains("CDF (Rf): records written to " + tmp.resolve("records.jsonl"))
                    .contains("HSS (S6a): 1 subscriber")
                    .contains("other requests: 3001 DIAMETER_COMMAND_UNSUPPORTED")
                    .contains("any peer accepted");
            int port = s.port();
            String[][] kinds = {
                {"ccr-event", "CCA"},
                {"ccr-session", "CCA"},
                {"acr-session", "ACA"},
                {"ulr", "ULA"},
                {"air", "AIA"},
                {"dwr", "DWA"}
            };
            for (String[] k : kinds) {
                Run r = client(port, "--send", k[0], "--dest-host", "ocs.example.net");
                assertThat(r.exit()).as(k[0] + ": " + r.all()).isZero();
                assertThat(r.out())
                        .as(k[0])
                        .contains("Connected to ocs.example.net")
                        .contains(k[1] + " 2001 DIAMETER_SUCCESS")
                        .contains("Summary:");
            }
            // The server printed one line per answer, with the peer and the Result-Code (by its
            // output thread: the lines may follow the client's answer by a moment).
            String log = outWhen(s, o -> o.lines().filter(l -> l.contains("-> 2001")).count() >= 8);
            assertThat(log)
                    .contains("client.example.com  CCR")
                    .contains("client.example.com  ACR")
                    .contains("client.example.com  ULR")
                    .contains("client.example.com  AIR")
                    .contains("-> 2001 DIAMETER_SUCCESS");
            // ccr-event 1 + ccr-session 4 CCAs; acr-session START, INTERIM, STOP.
            assertThat(log.lines().filter(l -> l.contains("  CCR ") && l.contains("-> 2001")))
                    .hasSize(5);
            assertThat(log.lines().filter(l -> l.contains("  ACR ") && l.contains("-> 2001")))
                    .hasSize(3);
            assertThat(Files.readAllLines(tmp.resolve("records.jsonl"))).hasSize(3);
        }
    }

    /**
     * Issue 9 §3: 100 sessions of one subscriber (the client's default MSISDN), 10 at a time,
     * against the default OCS. Each INITIAL and UPDATE asks an empty Requested-Service-Unit; the
     * OCS grants a 10 MB chunk, not the whole balance, so no session meets 4012.
     */
    @Test
    void aHundredSessionsTenAtATimeOfOneSubscriberAllSucceed() throws Exception {
        Path cfg = config();
        try (Server s = defaultServer(cfg)) {
            assertThat(s.running()).as(s.out + "" + s.err).isTrue();
            Run r =
                    client(
                            s.port(),
                            "--send",
                            "ccr-session",
                            "--count",
                            "100",
                            "--concurrency",
                            "10",
                            "--dest-host",
                            "ocs.example.net",
                            "--json");
            assertThat(r.exit()).as(r.all()).isZero();
            List<JsonNode> answers = new ArrayList<>();
            for (String l : r.out().lines().toList()) {
                JsonNode n = new ObjectMapper().readTree(l);
                if (n.has("command")) {
                    answers.add(n);
                }
            }
            assertThat(answers).hasSize(400);
            assertThat(answers).allMatch(n -> n.get("resultCode").asInt() == 2001, "2001");
        }
    }

    @Test
    void anOcsRuleAnswers4012ForOneSubscriber() throws Exception {
        Path cfg =
                config(
                        "ocs:",
                        "  default: {balance: {octets: 1000000000, seconds: 3600, units: 100}}",
                        "  rules:",
                        "    - {command: CCR, subscriber: \"41780000009\", result: 4012}");
        try (Server s =
                new Server(
                        "server",
                        "--listen",
                        "127.0.0.1:0",
                        "--origin-host",
                        "ocs.example.net",
                        "--apps",
                        "gy,rf",
                        "--config",
                        cfg.toString())) {
            assertThat(s.running()).as(s.out + "" + s.err).isTrue();
            assertThat(s.out.toString()).contains("OCS (Gy): balances from the configuration");
            Run empty = client(s.port(), "--send", "ccr-event", "--msisdn", "41780000009");
            assertThat(empty.exit()).as(empty.all()).isEqualTo(1);
            assertThat(empty.out()).contains("CCA 4012 DIAMETER_CREDIT_LIMIT_REACHED");
            Run other = client(s.port(), "--send", "ccr-event", "--msisdn", "41780000001");
            assertThat(other.exit()).as(other.all()).isZero();
            assertThat(other.out()).contains("CCA 2001 DIAMETER_SUCCESS");
            assertThat(outWhen(s, o -> o.contains("-> 4012")))
                    .contains("-> 4012 DIAMETER_CREDIT_LIMIT_REACHED");
        }
    }

    @Test
    void anApplicationWithoutSimulatorIsAnsweredWithTheUnsupportedResult() throws Exception {
        Path gx =
                Files.writeString(
                        tmp.resolve("gx-ccr.yaml"),
                        String.join(
                                "\n",
                                "command: CCR",
                                "application: gx",
                                "avps:",
                                "  Session-Id: ${session-id}",
                                "  Auth-Application-Id: 16777238",
                                "  CC-Request-Type: INITIAL_REQUEST",
                                "  CC-Request-Number: 0",
                                ""));
        try (Server s =
                new Server(
                        "server",
                        "--listen",
                        "127.0.0.1:0",
                        "--origin-host",
                        "pcrf.example.net",
                        "--apps",
                        "gy,gx",
                        "--unsupported-result",
                        "5012")) {
            assertThat(s.running()).as(s.out + "" + s.err).isTrue();
            assertThat(s.out.toString()).contains("other requests: 5012 DIAMETER_UNABLE_TO_COMPLY");
            Run r = client(s.port(), "--send", gx.toString(), "--json");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            JsonNode first = JSON.readTree(r.lines().get(0));
            assertThat(first.get("command").asText()).isEqualTo("CCR");
            assertThat(first.get("resultCode").asInt()).isEqualTo(5012);
            assertThat(first.get("resultName").asText()).isEqualTo("DIAMETER_UNABLE_TO_COMPLY");
            // Gy is still simulated on the same server.
            assertThat(client(s.port(), "--send", "ccr-event").exit()).isZero();
        }
    }

    @Test
    void aBadConfigurationExits2NamingFileAndLine() throws Exception {
        Path bad =
                Files.writeString(
                        tmp.resolve("bad.yaml"),
                        String.join(
                                "\n",
                                "ocs:",
                                "  default: {balance: {octets: 1000, seconds: 60, units: 1}}",
                                "pcrf:",
                                "  rules: []",
                                ""));
        try (Server s = defaultServer(bad)) {
            assertThat(s.running()).as("must not start").isFalse();
            assertThat(s.awaitExit()).isEqualTo(2);
            assertThat(s.out.toString()).isEmpty();
            assertThat(s.err.toString())
                    .contains(bad + ":3:1: pcrf: unknown key 'pcrf' — allowed keys: ocs, cdf, hss")
                    .doesNotContain("Exception");
        }
        try (Server s =
                new Server(
                        "server",
                        "--origin-host",
                        "ocs.example.net",
                        "--unsupported-result",
                        "4001")) {
            assertThat(s.awaitExit()).isEqualTo(2);
            assertThat(s.err.toString()).contains("--unsupported-result must be 3001 or 5012");
        }
    }

    @Test
    void aBusyPortExits2() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            try (Server s =
                    new Server(
                            "server",
                            "--listen",
                            "127.0.0.1:" + port,
                            "--origin-host",
                            "ocs.example.net",
                            "--apps",
                            "gy")) {
                assertThat(s.running()).as("must not start").isFalse();
                assertThat(s.awaitExit()).isEqualTo(2);
                assertThat(s.err.toString())
                        .contains("cannot listen on 127.0.0.1:" + port)
                        .doesNotContain("\tat ");
            }
        }
    }

    @Test
    void jsonOutputIsOneObjectPerAnswer() throws Exception {
        int port = freePort();
        List<String> lines;
        try (Server s =
                new Server(
                        "server",
                        "--listen",
                        "127.0.0.1:" + port,
                        "--origin-host",
                        "ocs.example.net",
                        "--apps",
                        "gy",
                        "--json")) {
            assertThat(s.running()).as(s.out + "" + s.err).isTrue();
            Run r = client(port, "--send", "ccr-session");
            assertThat(r.exit()).as(r.all()).isZero();
            s.close();
            lines = s.out.toString().lines().toList();
            assertThat(s.err.toString()).isEmpty();
        }
        // Four CCAs, then "server stopped".
        assertThat(lines).last().isEqualTo("server stopped");
        List<JsonNode> answers = new ArrayList<>();
        for (String l : lines.subList(0, lines.size() - 1)) {
            answers.add(JSON.readTree(l));
        }
        assertThat(answers).hasSize(4);
        String sid = answers.get(0).get("sessionId").asText();
        assertThat(sid).startsWith("client.example.com;");
        for (JsonNode n : answers) {
            assertThat(n.get("command").asText()).isEqualTo("CCR");
            assertThat(n.get("peer").asText()).isEqualTo("client.example.com");
            assertThat(n.get("sessionId").asText()).isEqualTo(sid);
            assertThat(n.get("resultCode").asInt()).isEqualTo(2001);
            assertThat(n.get("resultName").asText()).isEqualTo("DIAMETER_SUCCESS");
            assertThat(n.get("time").asText()).isNotBlank();
        }
    }
}
