package org.diameter4j.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

/**
 * What {@code d4j server} prints about its traffic: answer lines within a budget per second, the
 * rest counted by Result-Code in one line a second, and never a wait on the event loop.
 */
class AnswerOutputTest {
    private static final Dictionary DICT = Dictionary.standard();
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private static DiameterMessage cca(long resultCode, String sessionId) {
        DiameterMessage m = new DiameterMessage(0, 272, 4, 1, 1);
        m.add(Avp.ofUtf8(263, 0, Avp.FLAG_MANDATORY, sessionId));
        m.add(Avp.ofUnsigned32(268, 0, Avp.FLAG_MANDATORY, resultCode));
        return m;
    }

    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 5 s: " + what + "\n" + text);
            }
            Thread.sleep(10);
        }
    }

    private long lines(String containing) {
        return text.toString().lines().filter(l -> l.contains(containing)).count();
    }

    @Test
    void belowTheBudgetEveryAnswerHasItsLine() throws Exception {
        try (AnswerOutput o = new AnswerOutput(out, DICT, false, false, 20, clock::get)) {
            for (int i = 0; i < 5; i++) {
                o.message("pgw.example.net", cca(2001, "s;" + i), false);
            }
            await(() -> lines("-> 2001 DIAMETER_SUCCESS") == 5, "5 answer lines");
        }
        assertThat(text.toString())
                .contains("pgw.example.net  CCR  s;0  -> 2001 DIAMETER_SUCCESS")
                .doesNotContain("not printed");
    }

    @Test
    void beyondTheBudgetTheRestIsCountedByResultCodeOnceASecond() throws Exception {
        try (AnswerOutput o = new AnswerOutput(out, DICT, false, false, 3, clock::get)) {
            for (int i = 0; i < 10; i++) {
                o.message("pgw.example.net", cca(2001, "s;" + i), false);
            }
            for (int i = 0; i < 4; i++) {
                o.message("pgw.example.net", cca(4012, "t;" + i), false);
            }
            clock.addAndGet(1000); // the second ends: its summary comes
            await(() -> lines("not printed") == 1, "a summary line");
        }
        assertThat(lines("-> 2001")).isEqualTo(3);
        assertThat(text.toString())
                .contains(
                        "11 more answers not printed (2001 DIAMETER_SUCCESS × 7,"
                                + " 4012 DIAMETER_CREDIT_LIMIT_REACHED × 4);"
                                + " at most 3 lines a second (--lines-per-second)");
    }

    @Test
    void aNewSecondHasANewBudget() throws Exception {
        try (AnswerOutput o = new AnswerOutput(out, DICT, false, false, 2, clock::get)) {
            for (int i = 0; i < 4; i++) {
                o.message("pgw.example.net", cca(2001, "a;" + i), false);
            }
            clock.addAndGet(1000);
            await(() -> lines("not printed") == 1, "the first second's summary");
            for (int i = 0; i < 4; i++) {
                o.message("pgw.example.net", cca(2001, "b;" + i), false);
            }
        }
        assertThat(lines("  CCR  a;")).isEqualTo(2);
        assertThat(lines("  CCR  b;")).isEqualTo(2);
        assertThat(lines("2 more answers not printed (2001 DIAMETER_SUCCESS × 2)")).isEqualTo(2);
    }

    @Test
    void requestsReceivedMessagesAndBaseProtocolAnswersAreNotPrinted() throws Exception {
        try (AnswerOutput o = new AnswerOutput(out, DICT, false, false, 20, clock::get)) {
            DiameterMessage ccr = new DiameterMessage(DiameterMessage.FLAG_REQUEST, 272, 4, 1, 1);
            o.message("pgw.example.net", ccr, false);
            o.message("pgw.example.net", cca(2001, "in;1"), true);
            DiameterMessage dwa = new DiameterMessage(0, 280, 0, 1, 1);
            dwa.add(Avp.ofUnsigned32(268, 0, Avp.FLAG_MANDATORY, 2001));
            o.message("pgw.example.net", dwa, false);
        }
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void withJsonEveryAnswerIsOneObjectAndNoneIsSkipped() throws Exception {
        try (AnswerOutput o = new AnswerOutput(out, DICT, true, false, 1, clock::get)) {
            for (int i = 0; i < 50; i++) {
                o.message("pgw.example.net", cca(2001, "j;" + i), false);
            }
        }
        assertThat(lines("\"resultCode\":2001")).isEqualTo(50);
        assertThat(text.toString())
                .contains("\"peer\":\"pgw.example.net\",\"command\":\"CCR\",\"sessionId\":\"j;0\"");
    }

    @Test
    void whenTheOutputCannotKeepUpTheEventLoopDoesNotWaitAndTheLossIsSaid() throws Exception {
        // A terminal that blocks: the printing thread is stuck on its first line.
        Object gate = new Object();
        StringWriter sink = new StringWriter();
        PrintWriter stuck =
                new PrintWriter(sink) {
                    private boolean first = true;

                    @Override
                    public void println(String x) {
                        synchronized (gate) {
                            if (first) {
                                first = false;
                                try {
                                    gate.wait(3_000);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }
                        super.println(x);
                    }
                };
        long took;
        try (AnswerOutput o = new AnswerOutput(stuck, DICT, true, false, 0, clock::get)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                o.message("pgw.example.net", cca(2001, "q;" + i), false);
            }
            took = System.nanoTime() - t0;
            synchronized (gate) {
                gate.notifyAll();
            }
        }
        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(2));
        assertThat(sink.toString())
                .containsPattern("\\d+ messages not printed: the output could not keep up");
    }
}
