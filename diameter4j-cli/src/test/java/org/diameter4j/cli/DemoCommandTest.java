package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code d4j demo} in-process: the README's first command for a newcomer. */
class DemoCommandTest {

    @Test
    @Timeout(30)
    void theDemoRunsTheGyDialogueInUnder20Seconds() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(new String[] {"demo"}, o, e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String text = out.toString();

        assertThat(exit).as(text + err).isZero();
        assertThat(ms).as("demo duration in ms").isLessThan(20_000);
        assertThat(err.toString()).isEmpty();
        assertThat(text)
                .containsSubsequence(
                        "An OCS simulator (ocs.demo.example) listens on 127.0.0.1:",
                        "1. The Gy client (pgw.demo.example) connects",
                        "2. A data session",
                        "-> CCR INITIAL_REQUEST",
                        "<- CCA INITIAL_REQUEST  2001 DIAMETER_SUCCESS",
                        "-> CCR TERMINATION_REQUEST",
                        "3. The SMS event charge of seed 001",
                        "-> CCR EVENT_REQUEST",
                        "<- CCA EVENT_REQUEST  2001 DIAMETER_SUCCESS",
                        "4. The same SMS for 41780000009",
                        "<- CCA EVENT_REQUEST  4012 DIAMETER_CREDIT_LIMIT_REACHED",
                        "5. The client closes: Disconnect-Peer-Request",
                        "Done in ",
                        "every answer was the one expected.")
                .doesNotContain("!! expected")
                .doesNotContain("Exception");
    }
}
