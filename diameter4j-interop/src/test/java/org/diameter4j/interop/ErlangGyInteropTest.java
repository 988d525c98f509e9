package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.ErlangScenarios.assertClean;
import static org.diameter4j.interop.ErlangScenarios.assertServed;
import static org.diameter4j.interop.MessageTrace.DWR;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.diameter4j.codec.ResultCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gy (RFC 4006 credit control as TS 32.299 profiles it) between diameter4j and Erlang/OTP's {@code
 * diameter} application, both roles, judged by Erlang's strict decoder (strict_mbit,
 * strict_arities) with the dictionary {@code src/test/resources/erlang/d4j_gy.dia}. Also the base
 * protocol around it: CER/CEA (RFC 6733 §5.3), Erlang's DWR answered by us (RFC 6733 §5.5, RFC
 * 3539), our DWR answered by Erlang, DPR/DPA both ways (RFC 6733 §5.4).
 */
@Timeout(120)
class ErlangGyInteropTest {
    @TempDir Path tmp;

    /**
     * Erlang client, d4j server: 20 sessions (CCR INITIAL, UPDATE, TERMINATE), 5 at a time, and an
     * EVENT CCR (RFC 4006 §5, §6.3); every CCA decoded by Erlang without an error, 2001, quota
     * granted in a Multiple-Services-Credit-Control (§8.16, §8.17). Then 9 s idle: Erlang's
     * watchdog (Tw 6 s ± 2 s) sends a DWR, we answer it.
     */
    @Test
    void erlangClientRunsGySessionsAgainstD4jServer() throws Exception {
        ErlangScenarios.ClientRun run = ErlangScenarios.erlangClient(tmp, "gy", 9_000);
        assertClean(run, "gy-initial", 20, "2001", "none");
        assertClean(run, "gy-update", 20, "2001", "none");
        assertClean(run, "gy-terminate", 20, "2001", "none");
        assertClean(run, "gy-event", 1, "2001", "none");
        assertThat(run.answers()).hasSize(61);
        assertThat(run.answers())
                .filteredOn(a -> a.label().equals("gy-initial") || a.label().equals("gy-update"))
                .allMatch(a -> a.rest().equals(" mscc=1 gsu=1"), "one MSCC with a grant");
        // RFC 3539 §3.4: Erlang's DWR, our DWA 2001.
        run.trace().await(DWR, true, true, Duration.ofSeconds(1));
        MessageTrace.Entry dwa = run.trace().await(DWR, false, false, Duration.ofSeconds(1));
        assertThat(ErlangScenarios.D.get(dwa.message(), "Result-Code").asUnsigned32())
                .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
    }

    /**
     * RFC 6733 §7.1.3: a command nobody implements gets 3001 DIAMETER_COMMAND_UNSUPPORTED with the
     * E bit, in the answer-message format of §7.2, which Erlang must decode without errors.
     */
    @Test
    void erlangClientGetsA3001ForAnUnsupportedCommand() throws Exception {
        ErlangScenarios.ClientRun run = ErlangScenarios.erlangClient(tmp, "gy-unsupported", 0);
        assertClean(run, "gy-unsupported", 1, "3001", "none");
        assertThat(run.answers().get(0).error()).as("E bit").isTrue();
    }

    /**
     * d4j client, Erlang server: 20 ccr-session runs (4 CCRs each: INITIAL, 2 UPDATE, TERMINATE), 5
     * at a time, the ccr-event CCR (with TS 32.299 Service-Information), and a DWR of ours (RFC
     * 6733 §5.5.1) answered by Erlang; Erlang decodes every request without an error; d4j client
     * closes with DPR/DPA each time.
     */
    @Test
    void d4jClientRunsGySessionsAgainstErlangServer() throws Exception {
        ErlangScenarios.ServerRun run =
                ErlangScenarios.d4jClient(
                        tmp,
                        List.of(
                                List.of(
                                        "--send",
                                        "ccr-session",
                                        "--count",
                                        "20",
                                        "--concurrency",
                                        "5"),
                                List.of("--send", "ccr-event"),
                                List.of("--send", "dwr")));
        List<String> dwa = run.json().stream().filter(l -> l.contains("\"DWR\"")).toList();
        ErlangScenarios.ServerRun ccrs =
                new ErlangScenarios.ServerRun(
                        run.requests(),
                        run.json().stream().filter(l -> !l.contains("\"DWR\"")).toList(),
                        run.exitCode(),
                        run.erlang());
        assertServed(ccrs, "CCR", 81);
        assertThat(dwa).as("our DWR answered\n" + run.json()).hasSize(1);
        assertThat(dwa.get(0)).contains("\"resultCode\":2001");
    }
}
