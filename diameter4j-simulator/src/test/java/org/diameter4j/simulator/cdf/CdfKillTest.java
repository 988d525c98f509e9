package org.diameter4j.simulator.cdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.simulator.cdf.RfNodes.acr;
import static org.diameter4j.simulator.cdf.RfNodes.records;
import static org.diameter4j.simulator.cdf.RfNodes.resultCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.DiameterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Durability: the CDF runs in a separate JVM; after its ACA the process is killed with SIGKILL
 * ({@link Process#destroyForcibly()}), restarted on the same file, and the acknowledged records are
 * there exactly once, a partial line left by the "crash" is cut off, and the client's
 * retransmission (T flag) is acknowledged without being written again.
 */
@Timeout(120)
class CdfKillTest {
    @TempDir Path dir;

    private Process running;

    @AfterEach
    void kill() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the CDF process; returns its port. */
    private int startCdf(Path file, FsyncPolicy policy, int run) throws Exception {
        Path out = dir.resolve("cdf-" + run + ".out");
        Path err = dir.resolve("cdf-" + run + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb =
                new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-cp",
                        cp,
                        CdfProcessMain.class.getName(),
                        file.toString(),
                        policy.name().toLowerCase(Locale.ROOT));
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        running = pb.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                    if (line.startsWith("LISTENING ")) {
                        return Integer.parseInt(line.substring(10).trim());
                    }
                }
            }
            if (!running.isAlive()) {
                throw new AssertionError(
                        "the CDF process exited with "
                                + running.exitValue()
                                + ": "
                                + Files.readString(err));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the CDF process did not start in 30 s: " + Files.readString(err));
    }

    private void killCdf() throws InterruptedException {
        running.destroyForcibly();
        assertThat(running.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = FsyncPolicy.class,
            names = {"ALWAYS", "NEVER"})
    void anAcknowledgedRecordSurvivesKill9AndARetransmissionIsNotWrittenAgain(FsyncPolicy policy)
            throws Exception {
        Path file = dir.resolve("durable-" + policy + ".jsonl");
        String sid = "pgw.example.com;3999;" + policy.ordinal();

        int port = startCdf(file, policy, 1);
        DiameterNode client = RfNodes.client("pgw.example.com", port);
        try {
            assertThat(
                            resultCode(
                                    client.send(acr(sid, "START_RECORD", 0))
                                            .get(10, TimeUnit.SECONDS)))
                    .isEqualTo(2001);
            DiameterMessage interim = acr(sid, "INTERIM_RECORD", 1);
            interim.endToEnd(0xabcdef);
            assertThat(resultCode(client.send(interim).get(10, TimeUnit.SECONDS))).isEqualTo(2001);
            // Acknowledged: now the CDF dies without a chance to flush or close anything.
            killCdf();
        } finally {
            client.close();
        }
        assertThat(records(file, sid))
                .extracting(r -> r.get("Accounting-Record-Number"))
                .containsExactly(0L, 1L);

        // The machine "crashed" in the middle of writing a record that was never acknowledged.
        String partial = "{\"time\":\"2026-11-22T06:00:00Z\",\"peer\":\"pgw.exa";
        Files.writeString(file, partial, StandardOpenOption.APPEND);

        port = startCdf(file, policy, 2);
        assertThat(Files.readString(dir.resolve("cdf-2.out")))
                .contains("RECOVERED 2 TRUNCATED " + partial.length());
        assertThat(Files.readString(dir.resolve("cdf-2.err"))).contains("cut short");
        client = RfNodes.client("pgw.example.com", port);
        try {
            // The client did not trust the first ACA (say it was lost) and retransmits with the T
            // flag.
            DiameterMessage again = acr(sid, "INTERIM_RECORD", 1);
            again.endToEnd(0xabcdef);
            again.setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
            DiameterMessage aca = client.send(again).get(10, TimeUnit.SECONDS);
            assertThat(resultCode(aca)).isEqualTo(2001);
            assertThat(
                            resultCode(
                                    client.send(acr(sid, "STOP_RECORD", 2))
                                            .get(10, TimeUnit.SECONDS)))
                    .isEqualTo(2001);
            killCdf();
        } finally {
            client.close();
        }

        List<Map<String, Object>> recs = records(file, sid);
        assertThat(recs)
                .extracting(r -> r.get("Accounting-Record-Number"))
                .containsExactly(0L, 1L, 2L);
        assertThat(recs.get(1).get("retransmitted")).isEqualTo(false);
        assertThat(Files.readString(file)).endsWith("\n").doesNotContain("pgw.exa\"");
        for (String line : Files.readAllLines(file)) {
            assertThat(RecordLog.keyOf(line)).as(line).isNotNull();
        }
    }
}
