package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diameter4j.cli.D4jLauncherIT.Result;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/d4j} as separate processes (failsafe, after {@code package}): {@code demo};
 * {@code server} in the background with {@code client} for every KIND and {@code probe} against it,
 * then SIGTERM; and every exit code 0, 1, 2, 3 and 4.
 */
class D4jServerIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EMPTY = "41780000009";

    @TempDir Path tmp;

    @BeforeAll
    static void theJarIsFresh() throws IOException {
        D4jLauncherIT.theJarIsFresh();
    }

    static Result d4j(String... args) throws IOException, InterruptedException {
        Result r = D4jLauncherIT.d4j(args);
        assertThat(r.err()).as("stderr").doesNotContain("building").doesNotContain("\tat ");
        return r;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    @Timeout(60)
    void demoExits0InUnder20Seconds() throws Exception {
        long t0 = System.nanoTime();
        Result r = d4j("demo");
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(ms).as("bin/d4j demo, ms").isLessThan(20_000);
        assertThat(r.out())
                .containsSubsequence(
                        "1. ",
                        "2. ",
                        "3. ",
                        "4. ",
                        "4012 DIAMETER_CREDIT_LIMIT_REACHED",
                        "5. ",
                        "every answer was the one expected.");
    }

    @Test
    @Timeout(150)
    void serverClientProbeThenSigterm() throws Exception {
        Path cfg =
                Files.write(
                        tmp.resolve("server.yaml"),
                        List.of(
                                "ocs:",
                                "  default: {balance: {octets: 1000000000, seconds: 3600, units: 100}}",
                                "  rules:",
                                "    - {command: CCR, subscriber: \"" + EMPTY + "\", result: 4012}",
                                "cdf: {file: " + tmp.resolve("records.jsonl") + "}"));
        int port = freePort();
        String peer = "aaa://127.0.0.1:" + port;
        Path out = tmp.resolve("server.out");
        Path err = tmp.resolve("server.err");
        Process server =
                startServer(
                        tmp,
                        "server",
                        "--listen",
                        "127.0.0.1:" + port,
                        "--origin-host",
                        "ocs.example.net",
                        "--config",
                        cfg.toString());
        try {
            assertThat(D4jLauncherIT.read(out))
                    .contains("listening on 127.0.0.1 port " + port)
                    .contains("OCS (Gy): balances from the configuration");

            // Every KIND: exit 0.
            for (String kind :
                    List.of("ccr-event", "ccr-session", "acr-session", "ulr", "air", "dwr")) {
                Result r = client(peer, "--send", kind);
                assertThat(r.exit()).as(kind + ": " + r.out() + r.err()).isZero();
                assertThat(r.out())
                        .as(kind)
                        .contains(" 2001 DIAMETER_SUCCESS")
                        .contains("Summary:");
            }

            // --json: one object per answer, then the summary.
            Result j = client(peer, "--send", "ccr-event", "--count", "3", "--json");
            assertThat(j.exit()).as(j.out() + j.err()).isZero();
            List<JsonNode> lines = new ArrayList<>();
            for (String l : j.out().lines().toList()) {
                lines.add(JSON.readTree(l));
            }
            assertThat(lines).hasSize(4);
            for (JsonNode n : lines.subList(0, 3)) {
                assertThat(n.get("command").asText()).isEqualTo("CCR");
                assertThat(n.get("resultCode").asInt()).isEqualTo(2001);
                assertThat(n.get("resultName").asText()).isEqualTo("DIAMETER_SUCCESS");
                assertThat(n.get("sessionId").asText()).startsWith("client.example.com;");
                assertThat(n.get("latencyMs").asDouble()).isPositive();
            }
            JsonNode summary = lines.get(3).get("summary");
            assertThat(summary.get("requests").asInt()).isEqualTo(3);
            assertThat(summary.get("byResultCode").get("2001").asInt()).isEqualTo(3);
            assertThat(summary.get("latencyMs").has("p50")).isTrue();
            assertThat(summary.get("latencyMs").has("p99")).isTrue();

            // Exit 1: a non-2xxx answer (the OCS rule), and a probe with a Diameter-level cause.
            Result empty = client(peer, "--send", "ccr-event", "--msisdn", EMPTY);
            assertThat(empty.exit()).as(empty.out() + empty.err()).isEqualTo(1);
            assertThat(empty.out()).contains("CCA 4012 DIAMETER_CREDIT_LIMIT_REACHED");
            Result mismatch =
                    d4j(
                            "probe",
                            peer,
                            "--origin-host",
                            "probe.example.com",
                            "--dest-host",
                            "ocs-b.example.net");
            assertThat(mismatch.exit()).as(mismatch.out() + mismatch.err()).isEqualTo(1);
            assertThat(mismatch.out())
                    .contains(
                            "The peer identifies itself as 'ocs.example.net', not 'ocs-b.example.net'");

            // The probe walks every step: exit 0.
            Result probe =
                    d4j(
                            "probe",
                            peer,
                            "--origin-host",
                            "probe.example.com",
                            "--dest-host",
                            "ocs.example.net");
            assertThat(probe.exit()).as(probe.out() + probe.err()).isZero();
            assertThat(probe.out().lines().filter(l -> l.trim().startsWith("[ok]"))).hasSize(5);
            assertThat(probe.out()).contains("Verdict: OK");

            // A peer still connected when the server gets SIGTERM receives a DPR.
            try (Socket watcher = new Socket(InetAddress.getLoopbackAddress(), port)) {
                watcher.setSoTimeout(15_000);
                LocalIdentity me =
                        new LocalIdentity(
                                "watcher.example.com",
                                null,
                                0,
                                "watcher",
                                null,
                                List.of(),
                                List.of(ApplicationId.auth(4)),
                                null,
                                false);
                DiameterMessage cer = Capabilities.cer(me, watcher.getLocalAddress(), false);
                cer.hopByHop(1).endToEnd(1);
                RawPeer.write(watcher, cer);
                DiameterMessage cea = RawPeer.read(watcher);
                assertThat(cea.commandCode()).isEqualTo(257);
                assertThat(cea.find(268).asUnsigned32()).isEqualTo(2001);

                server.destroy(); // SIGTERM
                DiameterMessage dpr;
                do {
                    dpr = RawPeer.read(watcher);
                    assertThat(dpr).as("a DPR before the connection closes").isNotNull();
                } while (!(dpr.isRequest() && dpr.commandCode() == 282));
                assertThat(dpr.find(264).asUtf8()).isEqualTo("ocs.example.net");
                DiameterMessage dpa = dpr.answer();
                dpa.add(Avp.ofUnsigned32(268, 0, Avp.FLAG_MANDATORY, 2001));
                dpa.add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, me.originHost()));
                dpa.add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, me.originRealm()));
                RawPeer.write(watcher, dpa);
            }
            assertThat(server.waitFor(20, TimeUnit.SECONDS))
                    .as("the server exits after SIGTERM")
                    .isTrue();
            // 143 = 128 + SIGTERM: how a JVM ends on SIGTERM once its shutdown hooks have run.
            assertThat(server.exitValue()).isIn(0, 143);
            assertThat(D4jLauncherIT.read(out))
                    .contains("peer watcher.example.com")
                    .endsWith("server stopped\n");
            assertThat(D4jLauncherIT.read(err)).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(Files.readAllLines(tmp.resolve("records.jsonl"))).hasSize(3);
        } finally {
            if (server.isAlive()) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Timeout(120)
    void exitCodes2And3And4() throws Exception {
        // 2: usage — aaas:// without TLS material; a server on a busy port.
        Result usage = d4j("probe", "aaas://127.0.0.1:5658", "--origin-host", "probe.example.com");
        assertThat(usage.exit()).as(usage.out() + usage.err()).isEqualTo(2);
        assertThat(usage.err()).contains("aaas:// needs TLS material");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r =
                    d4j(
                            "server",
                            "--listen",
                            "127.0.0.1:" + busy.getLocalPort(),
                            "--origin-host",
                            "ocs.example.net",
                            "--apps",
                            "gy");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }

        // 3: cannot connect — nothing listens; a probe and a client.
        int closed = freePort();
        Result refused = d4j("probe", "127.0.0.1:" + closed, "--origin-host", "probe.example.com");
        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(3);
        assertThat(refused.out())
                .contains("Connection refused: nothing listens on 127.0.0.1:" + closed);
        Result client = client("aaa://127.0.0.1:" + closed, "--send", "dwr");
        assertThat(client.exit()).as(client.out() + client.err()).isEqualTo(3);
        assertThat(client.err()).containsIgnoringCase("refused");

        // 4: timeout — a listener that accepts and never answers.
        try (RawPeer silent = new RawPeer(RawPeer.silent())) {
            Result r =
                    d4j(
                            "probe",
                            "127.0.0.1:" + silent.port(),
                            "--origin-host",
                            "probe.example.com",
                            "--timeout",
                            "1s",
                            "--json");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            JsonNode v = JSON.readTree(r.out()).get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("no-cea");
            assertThat(v.get("exitCode").asInt()).isEqualTo(4);
        }
    }

    /**
     * Starts {@code bin/d4j args} (a {@code server}) in the background, its output in {@code
     * dir/server.out} and {@code dir/server.err}, and waits (at most 20 s) until it accepts peers;
     * the caller stops it.
     */
    static Process startServer(Path dir, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("server.out");
        Path err = dir.resolve("server.err");
        Process server =
                D4jLauncherIT.launcher(args)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(D4jLauncherIT.nullDevice()))
                        .start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!D4jLauncherIT.read(out).contains("any peer accepted")) {
            if (!server.isAlive() || System.currentTimeMillis() > deadline) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
                fail(
                        "bin/d4j server did not start: "
                                + D4jLauncherIT.read(out)
                                + D4jLauncherIT.read(err));
            }
            Thread.sleep(50);
        }
        return server;
    }

    static Result client(String peer, String... more) throws IOException, InterruptedException {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "client",
                                peer,
                                "--origin-host",
                                "client.example.com",
                                "--connect-timeout",
                                "5s",
                                "--timeout",
                                "5s"));
        a.addAll(List.of(more));
        return d4j(a.toArray(String[]::new));
    }
}
