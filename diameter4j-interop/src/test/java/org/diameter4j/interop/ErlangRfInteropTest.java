package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.ErlangScenarios.assertClean;
import static org.diameter4j.interop.ErlangScenarios.assertServed;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rf accounting (RFC 6733 §9, TS 32.299 §6.2) between diameter4j and Erlang/OTP's {@code diameter}
 * application, both roles. Erlang uses {@code d4j_rf.dia}: the ACR and ACA grammars of TS 32.299,
 * which name Service-Context-Id and Service-Information (with Subscription-Id inside), so a strict
 * decoder ({@code strict_mbit}) accepts what an Rf CTF really sends.
 */
@Timeout(120)
class ErlangRfInteropTest {
    private static final Pattern SCI_AND_MSISDN =
            Pattern.compile(" sci=32251@3gpp\\.org subscription=\\d+");
    @TempDir Path tmp;

    /**
     * Erlang client, d4j server (its CDF): 5 sessions (ACR START, INTERIM, STOP, RFC 6733 §9.8.1),
     * 5 at a time, each with Service-Context-Id and the subscriber in Service-Information, and an
     * EVENT record; every ACA decoded by Erlang without an error, 2001.
     */
    @Test
    void erlangClientRunsAccountingSessionsAgainstD4jServer() throws Exception {
        ErlangScenarios.ClientRun run = ErlangScenarios.erlangClient(tmp, "rf", 0);
        assertClean(run, "rf-start", 5, "2001", "none");
        assertClean(run, "rf-interim", 5, "2001", "none");
        assertClean(run, "rf-stop", 5, "2001", "none");
        assertClean(run, "rf-event", 1, "2001", "none");
        assertThat(run.answers()).hasSize(16);
    }

    /** d4j client, Erlang server: 3 acr-session runs (START, INTERIM, STOP). */
    @Test
    void d4jClientRunsAccountingSessionsAgainstErlangServer() throws Exception {
        ErlangScenarios.ServerRun run =
                ErlangScenarios.d4jClient(
                        tmp, List.of(List.of("--send", "acr-session", "--count", "3")));
        assertServed(run, "ACR", 9);
        assertThat(run.requests())
                .filteredOn(l -> l.startsWith("REQ ACR "))
                .as("Erlang decoded Service-Context-Id and the MSISDN inside Service-Information")
                .allMatch(l -> SCI_AND_MSISDN.matcher(l).find());
    }
}
