package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.ErlangScenarios.assertClean;
import static org.diameter4j.interop.ErlangScenarios.assertServed;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * S6a (TS 29.272) between diameter4j and Erlang/OTP's {@code diameter} application, with the
 * dictionary {@code src/test/resources/erlang/d4j_s6a.dia}, both roles.
 */
@Timeout(120)
class ErlangS6aInteropTest {
    @TempDir Path tmp;

    /**
     * Erlang client, d4j server (its HSS): AIR and ULR for the default subscriber (IMSI
     * 001010000000001): 2001, one E-UTRAN vector (TS 29.272 §7.2.6), the Subscription-Data with its
     * APN configuration (§7.2.4, §7.3.2); AIR and ULR for an unknown IMSI: Experimental-Result 5001
     * DIAMETER_ERROR_USER_UNKNOWN of vendor 10415 (§7.4.3). Every answer decoded by Erlang without
     * an error.
     */
    @Test
    void erlangClientRunsAirAndUlrAgainstD4jServer() throws Exception {
        ErlangScenarios.ClientRun run = ErlangScenarios.erlangClient(tmp, "s6a", 0);
        assertClean(run, "s6a-air", 1, "2001", "none");
        assertClean(run, "s6a-ulr", 1, "2001", "none");
        assertClean(run, "s6a-air-unknown", 1, "none", "10415:5001");
        assertClean(run, "s6a-ulr-unknown", 1, "none", "10415:5001");
        assertThat(run.answers()).hasSize(4);
        assertThat(run.answers().get(0).rest()).isEqualTo(" vectors=1");
        assertThat(run.answers().get(1).rest()).isEqualTo(" subscription_data=1");
    }

    /** d4j client, Erlang server: the air and ulr templates. */
    @Test
    void d4jClientSendsAirAndUlrToErlangServer() throws Exception {
        ErlangScenarios.ServerRun run =
                ErlangScenarios.d4jClient(
                        tmp,
                        List.of(
                                List.of("--send", "air", "--count", "2"),
                                List.of("--send", "ulr", "--count", "2")));
        assertServed(run, "AIR", 2);
        assertServed(run, "ULR", 2);
    }
}
