package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diameter4j.cli.D4jLauncherIT.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code d4j probe}'s diagnoses through the real {@code bin/d4j}, as separate processes (failsafe,
 * after {@code package}): the exit code and the verdict a user sees for a closed port, an
 * unresolvable name, a listener that never answers, a server ({@code bin/d4j server}) with no
 * common application, and a server with another Origin-Host. {@link ProbeCommandTest} covers every
 * diagnosis in-process.
 */
class D4jProbeIT {
    @TempDir Path tmp;

    @BeforeAll
    static void theJarIsFresh() throws IOException {
        D4jLauncherIT.theJarIsFresh();
    }

    static Result probe(String peer, String... more) throws IOException, InterruptedException {
        List<String> a =
                new ArrayList<>(List.of("probe", peer, "--origin-host", "probe.example.com"));
        a.addAll(List.of(more));
        return D4jServerIT.d4j(a.toArray(String[]::new));
    }

    /** The verdict of {@code probe ... --json}, whose exit code must match the process's. */
    static JsonNode verdict(Result r) throws IOException {
        assertThat(r.out().lines()).as(r.out() + r.err()).hasSize(1);
        JsonNode v = D4jServerIT.JSON.readTree(r.out()).get("verdict");
        assertThat(v.get("exitCode").asInt()).isEqualTo(r.exit());
        return v;
    }

    @Test
    @Timeout(90)
    void refusedExits3() throws Exception {
        int closed = D4jServerIT.freePort();
        Result r = probe("127.0.0.1:" + closed);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("[FAIL] TCP")
                .contains(
                        "Verdict: FAILED - Connection refused: nothing listens on 127.0.0.1:"
                                + closed)
                .contains("Fix: Start the Diameter server, or check the port");
        Result j = probe("127.0.0.1:" + closed, "--json");
        assertThat(j.exit()).as(j.out() + j.err()).isEqualTo(3);
        assertThat(verdict(j).get("cause").asText()).isEqualTo("refused");
    }

    @Test
    @Timeout(90)
    void dnsFailureExits3() throws Exception {
        Result r = probe("aaa://no-such-host.invalid:3868", "--timeout", "3s");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("[FAIL] DNS")
                .contains("Verdict: FAILED - DNS failure")
                .contains("Fix: Check the spelling of the FQDN")
                .doesNotContain("[FAIL] TCP");
        Result j = probe("aaa://no-such-host.invalid:3868", "--timeout", "3s", "--json");
        assertThat(j.exit()).as(j.out() + j.err()).isEqualTo(3);
        assertThat(verdict(j).get("cause").asText()).isEqualTo("dns");
    }

    @Test
    @Timeout(90)
    void aListenerThatNeverAnswersIsNoCeaExit4() throws Exception {
        try (RawPeer silent = new RawPeer(RawPeer.silent())) {
            String peer = "127.0.0.1:" + silent.port();
            Result r = probe(peer, "--timeout", "1s");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
            assertThat(r.out())
                    .containsPattern("\\[ok\\] +TCP ")
                    .contains("[FAIL] CER/CEA")
                    .contains("no CEA within 1 s")
                    .contains("Verdict: FAILED - Connected, but no CEA")
                    .contains("Fix: The port may not be a Diameter server");
            Result j = probe(peer, "--timeout", "1s", "--json");
            assertThat(j.exit()).as(j.out() + j.err()).isEqualTo(4);
            assertThat(verdict(j).get("cause").asText()).isEqualTo("no-cea");
        }
    }

    /**
     * One {@code bin/d4j server --apps s6a}: probed with {@code --apps gy}, then as another host.
     */
    @Test
    @Timeout(150)
    void againstAnS6aServerNoCommonApplicationAndOriginHostMismatchExit1() throws Exception {
        int port = D4jServerIT.freePort();
        String peer = "aaa://127.0.0.1:" + port;
        Process server =
                D4jServerIT.startServer(
                        tmp,
                        "server",
                        "--listen",
                        "127.0.0.1:" + port,
                        "--origin-host",
                        "hss.example.net",
                        "--apps",
                        "s6a");
        try {
            Result noApp = probe(peer, "--apps", "gy");
            assertThat(noApp.exit()).as(noApp.out() + noApp.err()).isEqualTo(1);
            assertThat(noApp.out())
                    .contains("[FAIL] CER/CEA")
                    .contains("CEA 5010 DIAMETER_NO_COMMON_APPLICATION")
                    .contains("from hss.example.net")
                    .contains("No common application (5010)")
                    .contains("16777251")
                    .contains("Fix:")
                    .contains("--apps");
            Result noAppJson = probe(peer, "--apps", "gy", "--json");
            assertThat(noAppJson.exit()).as(noAppJson.out() + noAppJson.err()).isEqualTo(1);
            assertThat(verdict(noAppJson).get("cause").asText()).isEqualTo("no-common-application");

            Result mismatch = probe(peer, "--dest-host", "hss-b.example.net");
            assertThat(mismatch.exit()).as(mismatch.out() + mismatch.err()).isEqualTo(1);
            assertThat(mismatch.out())
                    .contains("[FAIL] CER/CEA")
                    .contains("expected Origin-Host hss-b.example.net")
                    .contains(
                            "Verdict: FAILED - The peer identifies itself as 'hss.example.net', not 'hss-b.example.net'")
                    .contains("Fix: Fix --dest-host");
            Result mismatchJson = probe(peer, "--dest-host", "hss-b.example.net", "--json");
            assertThat(mismatchJson.exit())
                    .as(mismatchJson.out() + mismatchJson.err())
                    .isEqualTo(1);
            assertThat(verdict(mismatchJson).get("cause").asText())
                    .isEqualTo("origin-host-mismatch");

            // The right host and a common application: every step passes.
            Result ok = probe(peer, "--dest-host", "hss.example.net", "--apps", "s6a");
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("Verdict: OK");
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
                fail("bin/d4j server did not stop within 20 s of SIGTERM");
            }
        }
    }
}
