package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.ErlangScenarios.assertClean;
import static org.diameter4j.interop.ErlangScenarios.assertServed;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rf accounting (RFC 6733 §9) between diameter4j and Erlang/OTP's {@code diameter} application,
 * with OTP's own RFC 6733 accounting dictionary ({@code diameter_gen_acct_rfc6733}), both roles.
 */
@Timeout(120)
class ErlangRfInteropTest {
    @TempDir Path tmp;

    /**
     * Erlang client, d4j server (its CDF): 3 sessions (ACR START, INTERIM, STOP, RFC 6733 §9.8.1),
     * 3 at a time, and an EVENT record; every ACA decoded by Erlang without an error, 2001.
     */
    @Test
    void erlangClientRunsAccountingSessionsAgainstD4jServer() throws Exception {
        ErlangScenarios.ClientRun run = ErlangScenarios.erlangClient(tmp, "rf", 0);
        assertClean(run, "rf-start", 3, "2001", "none");
        assertClean(run, "rf-interim", 3, "2001", "none");
        assertClean(run, "rf-stop", 3, "2001", "none");
        assertClean(run, "rf-event", 1, "2001", "none");
        assertThat(run.answers()).hasSize(10);
    }

    /** d4j client, Erlang server: 3 acr-session runs (START, INTERIM, STOP). */
    @Test
    @Disabled(
            "diameter4j bug (reported): d4j client's acr-session template (diameter4j-cli"
                    + " templates/acr-session.yaml) puts Service-Context-Id and Subscription-Id,"
                    + " both with the M bit, at the top of the ACR; RFC 6733 §9.7.1's ACR grammar"
                    + " names neither (TS 32.299 §6.2.2 has Service-Context-Id, and Subscription-Id"
                    + " only inside Service-Information): Erlang answers 5001")
    void d4jClientRunsAccountingSessionsAgainstErlangServer() throws Exception {
        ErlangScenarios.ServerRun run =
                ErlangScenarios.d4jClient(
                        tmp, List.of(List.of("--send", "acr-session", "--count", "3")));
        assertServed(run, "ACR", 9);
    }
}
