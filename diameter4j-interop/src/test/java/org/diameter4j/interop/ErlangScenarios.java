package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.MessageTrace.DPR;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.diameter4j.cli.Main;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.NodeListener;

/**
 * The two roles of the Erlang/OTP interop tests, shared by {@link ErlangGyInteropTest}, {@link
 * ErlangRfInteropTest} and {@link ErlangS6aInteropTest}:
 *
 * <ul>
 *   <li>{@link #erlangClient}: the Erlang client ({@code d4j_erl_client.escript}) against the node
 *       {@code d4j server} runs, in-process;
 *   <li>{@link #d4jClient}: {@code d4j client} (its {@link Main}, in-process) against the Erlang
 *       server ({@code d4j_erl_server.escript}).
 * </ul>
 */
final class ErlangScenarios {
    static final Dictionary D = Dictionary.standard();
    static final String SERVER = "d4j-server.example.net";
    static final Pattern ANS =
            Pattern.compile("ANS (\\S+) rc=(\\S+) exp=(\\S+) e=(\\S+) errors=(\\[[^\\]]*\\])(.*)");
    static final Pattern REQ =
            Pattern.compile("REQ (\\S+) app=(\\d+) errors=(\\[[^\\]]*\\])( .*)?");

    private ErlangScenarios() {}

    /** One answer the Erlang client got: its label, Result-Code, Experimental-Result, E bit. */
    record Answer(String label, String rc, String exp, boolean error, String errors, String rest) {}

    /** What the Erlang client printed and what our server traced. */
    record ClientRun(List<Answer> answers, ErlangOtp erlang, MessageTrace trace) {
        /** Answers by label, counted. */
        Map<String, Integer> counts() {
            Map<String, Integer> m = new TreeMap<>();
            answers.forEach(a -> m.merge(a.label(), 1, Integer::sum));
            return m;
        }
    }

    /**
     * Runs the Erlang client in {@code mode} against a d4j server and checks what every mode must
     * show: the capabilities exchange without decode errors in our CEA (RFC 6733 §5.3), the
     * transport removed with DPR/DPA (RFC 6733 §5.4: Erlang's DPR answered 2001 by us), a SUMMARY
     * line, nothing in Erlang's error log.
     */
    static ClientRun erlangClient(Path tmp, String mode, long idleMillis) throws Exception {
        Path beams = ErlangOtp.compile(tmp.resolve("erl"));
        MessageTrace trace = new MessageTrace();
        try (ErlangOtp.Server server = ErlangOtp.d4jServer(SERVER, tmp)) {
            server.node().addListener(NodeListener.messages(trace));
            try (ErlangOtp erl =
                    ErlangOtp.start(
                            beams,
                            "d4j_erl_client.escript",
                            String.valueOf(server.port()),
                            mode,
                            String.valueOf(idleMillis))) {
                erl.awaitExit(Duration.ofSeconds(40 + idleMillis / 1000));
                String log = erl.log();
                assertThat(erl.lines("UP"))
                        .as("capabilities exchange\n" + log)
                        .containsExactly("UP host=" + SERVER + " realm=example.net cea_errors=[]");
                assertThat(erl.lines()).as(log).contains("DOWN");
                List<Answer> answers = new ArrayList<>();
                for (String l : erl.lines("ANS")) {
                    Matcher m = ANS.matcher(l);
                    assertThat(m.matches()).as(l).isTrue();
                    answers.add(
                            new Answer(
                                    m.group(1),
                                    m.group(2),
                                    m.group(3),
                                    Boolean.parseBoolean(m.group(4)),
                                    m.group(5),
                                    m.group(6)));
                }
                assertThat(erl.lines("SUMMARY"))
                        .as(log)
                        .containsExactly(
                                "SUMMARY answers="
                                        + answers.size()
                                        + " clean="
                                        + answers.stream()
                                                .filter(a -> a.errors().equals("[]"))
                                                .count());
                assertThat(erl.errorReports()).as("Erlang's error log\n" + log).isEmpty();
                // RFC 6733 §5.4: remove_transport sent a DPR, we answered it with 2001.
                MessageTrace.Entry dpa = trace.await(DPR, false, false, Duration.ofSeconds(2));
                assertThat(D.get(dpa.message(), "Result-Code").asUnsigned32())
                        .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
                return new ClientRun(answers, erl, trace);
            }
        }
    }

    /** Every answer decoded by Erlang without a single error, with the expected results. */
    static void assertClean(ClientRun run, String label, int count, String rc, String exp) {
        List<Answer> mine = run.answers().stream().filter(a -> a.label().equals(label)).toList();
        assertThat(mine).as(label + " answers\n" + run.erlang().log()).hasSize(count);
        for (Answer a : mine) {
            assertThat(a.errors()).as("Erlang's decode errors in " + a).isEqualTo("[]");
            assertThat(a.rc()).as("Result-Code of " + a).isEqualTo(rc);
            assertThat(a.exp()).as("Experimental-Result of " + a).isEqualTo(exp);
        }
    }

    /** What the Erlang server printed and what d4j client printed (--json). */
    record ServerRun(List<String> requests, List<String> json, int exitCode, ErlangOtp erlang) {}

    /**
     * Runs {@code d4j client --json} with {@code args} against the Erlang server; every request
     * gets its own Origin-Host (Erlang puts a peer that reconnects with a known identity in REOPEN,
     * RFC 3539 §3.4.1, and answers nothing until three DWA came back).
     */
    static ServerRun d4jClient(Path tmp, List<List<String>> runs) throws Exception {
        Path beams = ErlangOtp.compile(tmp.resolve("erl"));
        int port = FreeDiameter.freePort();
        try (ErlangOtp erl =
                ErlangOtp.start(beams, "d4j_erl_server.escript", String.valueOf(port), "30000")) {
            erl.awaitLine(l -> l.startsWith("LISTENING"), Duration.ofSeconds(20), "LISTENING");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!FreeDiameter.listening(port) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> json = new ArrayList<>();
            int exit = 0;
            int n = 0;
            for (List<String> args : runs) {
                List<String> cmd = new ArrayList<>();
                cmd.add("client");
                cmd.add("aaa://127.0.0.1:" + port);
                cmd.add("--origin-host");
                cmd.add("d4j-client-" + (++n) + ".example.com");
                cmd.add("--json");
                cmd.addAll(args);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int rc =
                        Main.run(
                                cmd.toArray(String[]::new),
                                new PrintWriter(out, true),
                                new PrintWriter(err, true));
                exit = Math.max(exit, rc);
                json.addAll(out.toString().lines().toList());
                assertThat(err.toString()).as("d4j client's errors for " + cmd).isEmpty();
                // d4j client closed its node: DPR/DPA, then Erlang reports the peer down.
                final int downs = n;
                erl.awaitLine(
                        l -> erl.lines().stream().filter("DOWN"::equals).count() >= downs,
                        Duration.ofSeconds(10),
                        "DOWN after DPR number " + downs);
            }
            assertThat(erl.lines("UP"))
                    .as(erl.log())
                    .hasSize(runs.size())
                    .allMatch(l -> l.endsWith(" cer_errors=[]"));
            assertThat(erl.errorReports()).as("Erlang's error log\n" + erl.log()).isEmpty();
            return new ServerRun(erl.lines("REQ"), json, exit, erl);
        }
    }

    /** Every request decoded by Erlang without errors, and answered 2001 to d4j client. */
    static void assertServed(ServerRun run, String command, int count) {
        List<String> mine =
                run.requests().stream().filter(l -> l.startsWith("REQ " + command + " ")).toList();
        assertThat(mine)
                .as(
                        "requests Erlang received\n"
                                + run.erlang().log()
                                + "\nd4j client printed\n"
                                + String.join("\n", run.json()))
                .hasSize(count);
        for (String l : mine) {
            Matcher m = REQ.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            assertThat(m.group(3)).as("Erlang's decode errors in " + l).isEqualTo("[]");
        }
        List<String> answers =
                run.json().stream()
                        .filter(l -> l.contains("\"command\":\"" + command + "\""))
                        .toList();
        assertThat(answers).as("d4j client's answers").hasSize(count);
        assertThat(answers)
                .as("d4j client's answers")
                .allMatch(l -> l.contains("\"resultCode\":2001"));
        assertThat(run.exitCode()).as("d4j client's exit code\n" + run.json()).isZero();
    }
}
