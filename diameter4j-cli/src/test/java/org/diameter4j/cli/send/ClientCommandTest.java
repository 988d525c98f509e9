package org.diameter4j.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.cli.Main;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.RequestHandler;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.testkit.grammar.SendsInvalidMessages;
import org.diameter4j.testkit.mock.MockDiameterServer;
import org.diameter4j.testkit.mock.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code d4j client} and {@code d4j bench} in-process against a loopback {@link DiameterNode}
 * server.
 */
@Timeout(30)
class ClientCommandTest {
    static final Dictionary D = Dictionary.standard();
    static final String OUT_OF_CREDIT = "41799999999";
    static final String SILENT = "41700000000";
    static final String UNKNOWN_IMSI = "001019999999999";
    static final ObjectMapper JSON = new ObjectMapper();
    static DiameterNode server;
    static String peer;

    @TempDir Path tmp;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeAll
    static void startServer() {
        server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .application(ApplicationId.acct(3))
                                .application(ApplicationId.vendorAuth(10415, 16777251))
                                .supportedVendorId(10415)
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .build());
        RequestHandler ok = (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001));
        server.handle(
                4,
                272,
                (req, ctx) -> {
                    String msisdn = msisdn(req);
                    if (SILENT.equals(msisdn)) {
                        return new CompletableFuture<>(); // never answers
                    }
                    if (OUT_OF_CREDIT.equals(msisdn)) {
                        return CompletableFuture.completedFuture(
                                ctx.errorAnswer(
                                        req,
                                        4012,
                                        "no credit left",
                                        D.grouped(
                                                "Subscription-Id",
                                                D.avp("Subscription-Id-Type", "END_USER_E164"),
                                                D.avp("Subscription-Id-Data", msisdn))));
                    }
                    return CompletableFuture.completedFuture(ctx.answer(req, 2001));
                });
        server.handle(3, 271, ok);
        server.handle(
                16777251,
                316,
                (req, ctx) ->
                        CompletableFuture.completedFuture(
                                UNKNOWN_IMSI.equals(D.get(req, "User-Name").asUtf8())
                                        ? ctx.experimentalAnswer(req, 10415, 5001)
                                        : ctx.answer(req, 2001)));
        server.handle(16777251, 318, ok);
        peer = "aaa://127.0.0.1:" + server.listenAddresses().get(0).getPort();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static String msisdn(DiameterMessage req) {
        Avp sub = D.get(req, "Subscription-Id");
        return sub == null ? null : D.get(sub, "Subscription-Id-Data").asUtf8();
    }

    static Run d4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(args, o, e);
        }
        Run r = new Run(exit, out.toString(), err.toString());
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("internal error");
        return r;
    }

    static Run client(String... more) {
        List<String> a =
                new ArrayList<>(List.of("client", peer, "--origin-host", "client.example.com"));
        a.addAll(List.of(more));
        return d4j(a.toArray(String[]::new));
    }

    static List<JsonNode> json(Run r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.lines()) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void everyKindSucceeds() {
        String[][] kinds = {
            {"ccr-event", "CCA"},
            {"ccr-session", "CCA"},
            {"acr-session", "ACA"},
            {"ulr", "ULA"},
            {"air", "AIA"},
            {"dwr", "DWA"}
        };
        for (String[] k : kinds) {
            Run r = client("--send", k[0]);
            assertThat(r.exit()).as(k[0] + ": " + r.out() + r.err()).isZero();
            assertThat(r.out())
                    .as(k[0])
                    .contains(k[1] + " 2001 DIAMETER_SUCCESS")
                    .contains("Summary:");
        }
        Run session = client("--send", "ccr-session");
        assertThat(session.out().lines().filter(l -> l.contains("CCA 2001")).count()).isEqualTo(4);
    }

    @Test
    void jsonLinesCarryTheAnswers() throws IOException {
        Run r = client("--send", "ccr-session", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = json(r);
        assertThat(lines).hasSize(5);
        String sid = lines.get(0).get("sessionId").asText();
        assertThat(sid).startsWith("client.example.com;");
        for (JsonNode n : lines.subList(0, 4)) {
            assertThat(n.get("command").asText()).isEqualTo("CCR");
            assertThat(n.get("answer").asText()).isEqualTo("CCA");
            assertThat(n.get("resultCode").asInt()).isEqualTo(2001);
            assertThat(n.get("resultName").asText()).isEqualTo("DIAMETER_SUCCESS");
            assertThat(n.get("sessionId").asText()).isEqualTo(sid);
            assertThat(n.get("latencyMs").asDouble()).isPositive();
        }
        JsonNode s = lines.get(4).get("summary");
        assertThat(s.get("requests").asInt()).isEqualTo(4);
        assertThat(s.get("byResultCode").get("2001").asInt()).isEqualTo(4);
        assertThat(s.get("latencyMs").has("p50")).isTrue();
        assertThat(s.get("latencyMs").has("p99")).isTrue();
        assertThat(s.get("latencyMs").has("max")).isTrue();
    }

    @Test
    void aNon2xxxAnswerExits1WithErrorMessageAndFailedAvp() throws IOException {
        Run r = client("--send", "ccr-event", "--msisdn", OUT_OF_CREDIT);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("CCA 4012 DIAMETER_CREDIT_LIMIT_REACHED")
                .contains("Error-Message: \"no credit left\"")
                .contains("Failed-AVP:")
                .contains("Subscription-Id-Data (444)");
        Run j = client("--send", "ccr-event", "--msisdn", OUT_OF_CREDIT, "--json");
        assertThat(j.exit()).isEqualTo(1);
        JsonNode first = json(j).get(0);
        assertThat(first.get("resultCode").asInt()).isEqualTo(4012);
        assertThat(first.get("errorMessage").asText()).isEqualTo("no credit left");
        assertThat(first.get("failedAvp").get(0).get("name").asText()).isEqualTo("Subscription-Id");
    }

    @Test
    void anExperimentalResultIsShownWithItsVendor() throws IOException {
        Run r = client("--send", "ulr", "--imsi", UNKNOWN_IMSI, "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode first = json(r).get(0);
        assertThat(first.get("command").asText()).isEqualTo("ULR");
        assertThat(first.get("resultCode").asInt()).isEqualTo(5001);
        assertThat(first.get("experimentalVendorId").asInt()).isEqualTo(10415);
        assertThat(json(r).get(1).get("summary").get("byResultCode").get("5001").asInt())
                .isEqualTo(1);
    }

    @Test
    void connectionRefusedExits3WithTheReason() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r =
                d4j(
                        "client",
                        "aaa://127.0.0.1:" + port,
                        "--origin-host",
                        "client.example.com",
                        "--send",
                        "dwr",
                        "--connect-timeout",
                        "5s");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.err()).contains("cannot connect to").containsIgnoringCase("refused");
    }

    @Test
    void anUnansweredRequestExits4() throws IOException {
        long t0 = System.nanoTime();
        Run r = client("--send", "ccr-event", "--msisdn", SILENT, "--timeout", "300ms", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(4);
        JsonNode first = json(r).get(0);
        assertThat(first.get("error").asText()).startsWith("timeout:");
        assertThat(first.get("resultCode").isNull()).isTrue();
        assertThat(json(r).get(1).get("summary").get("timeouts").asInt()).isEqualTo(1);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(8000);
    }

    @Test
    void badTemplatesExit2NamingFileAndLine() throws IOException {
        Path unknown =
                Files.writeString(
                        tmp.resolve("my.yaml"),
                        String.join(
                                "\n",
                                "command: CCR",
                                "application: gy",
                                "avps:",
                                "  Session-Id: ${session-id}",
                                "  Auth-Application-Id: 4",
                                "  Subscription-Id:",
                                "    Subscription-Id-Typ: END_USER_E164",
                                "    Subscription-Id-Data: ${msisdn}",
                                ""));
        Run r = client("--send", unknown.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains(
                        "my.yaml:7:5: avps.Subscription-Id.Subscription-Id-Typ: unknown AVP (did you mean Subscription-Id-Type?)");

        Path type =
                Files.writeString(
                        tmp.resolve("type.yaml"),
                        String.join(
                                "\n",
                                "command: CCR",
                                "application: 4",
                                "avps:",
                                "  Session-Id: ${session-id}",
                                "  CC-Request-Number: many",
                                ""));
        Run t = client("--send", type.toString());
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("type.yaml:5:22: avps.CC-Request-Number:").contains("'many'");

        Path syntax =
                Files.writeString(
                        tmp.resolve("syntax.yaml"),
                        String.join(
                                "\n",
                                "command: CCR",
                                "application: gy",
                                "avps:",
                                "  Session-Id: [unclosed",
                                "  CC-Request-Number: 1",
                                ""));
        Run s = client("--send", syntax.toString());
        assertThat(s.exit()).isEqualTo(2);
        assertThat(s.err()).contains("syntax.yaml:5:").contains("YAML syntax");

        Path json =
                Files.writeString(
                        tmp.resolve("t.json"),
                        "{\"command\": \"CCR\", \"application\": \"gy\",\n \"avps\": {\"Session-Id\": \"${session-id}\",\n"
                                + " \"Auth-Application-Id\": 4, \"CC-Request-Type\": \"EVENT_REQUEST\", \"CC-Request-Number\": \"${nope}\"}}");
        Run j = client("--send", json.toString());
        assertThat(j.exit()).isEqualTo(2);
        assertThat(j.err())
                .contains("t.json:3:85: avps.CC-Request-Number: unknown variable ${nope}");
    }

    @Test
    void aUserJsonTemplateIsSent() throws IOException {
        Path json =
                Files.writeString(
                        tmp.resolve("event.json"),
                        "{\"command\": \"Credit-Control-Request\", \"application\": \"gy\", \"avps\": {\"Session-Id\": \"${session-id}\","
                                + " \"Auth-Application-Id\": 4, \"Service-Context-Id\": \"32274@3gpp.org\","
                                + " \"CC-Request-Type\": \"EVENT_REQUEST\", \"CC-Request-Number\": \"${request-number}\","
                                + " \"Subscription-Id\": [{\"Subscription-Id-Type\": \"END_USER_E164\", \"Subscription-Id-Data\": \"${msisdn}\"}]}}");
        Run r = client("--send", json.toString(), "--trace", "--dest-host", "ocs.example.net");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(">>> sent to")
                .contains("<<< received from")
                .contains("CCR Credit-Control-Request")
                .contains("Destination-Host (293)")
                .contains(
                        "data [14] (DiameterIdentity) : 32274@3gpp.org"
                                .replace("DiameterIdentity", "UTF8String"))
                .contains("CCA 2001 DIAMETER_SUCCESS");
    }

    /**
     * Issue 9 §1: with --strict-send a request that breaks its grammar is not sent; the line names
     * the AVP and the rule, and how to send it anyway. Framed-IP-Address (M bit) is not in the CCR
     * grammar of RFC 4006 §3.1, which only its {@code *[ AVP ]} would admit.
     */
    @Test
    @SendsInvalidMessages("--strict-send=off sends the bad CCR on purpose")
    void strictSendRefusesARequestThatBreaksItsGrammar() throws IOException {
        Path bad =
                Files.writeString(
                        tmp.resolve("bad.yaml"),
                        """
                        command: CCR
                        application: gy
                        avps:
                          Session-Id: ${session-id}
                          Auth-Application-Id: 4
                          Service-Context-Id: 32274@3gpp.org
                          CC-Request-Type: EVENT_REQUEST
                          CC-Request-Number: 0
                          Framed-IP-Address: 10.0.0.1
                        """);
        Run r = client("--send", bad.toString(), "--strict-send", "--dest-host", "ocs.example.net");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.FAILED);
        assertThat(r.out())
                .contains("NOT SENT")
                .contains("Framed-IP-Address")
                .contains("--strict-send=off");
        Run sent =
                client(
                        "--send",
                        bad.toString(),
                        "--strict-send=off",
                        "--dest-host",
                        "ocs.example.net",
                        "--json");
        assertThat(sent.out()).as(sent.err()).contains("\"resultCode\":");
        Run usage = client("--send", "ccr-event", "--strict-send=always");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--strict-send: strict-send must be off, log or reject");
    }

    /** Issue 11 §6: one duration grammar; a bare number, once seconds here, is refused. */
    @Test
    void aTimeoutWithoutAUnitIsAUsageError() {
        Run r = client("--send", "dwr", "--timeout", "5");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--timeout: '5' is not a duration")
                .contains("a bare number has no unit");
    }

    /**
     * Seed 001's failures, from a server that misbehaves (testkit's mock server): the CER is never
     * answered, or the connection is closed on it. Both exit 3 and say what happened.
     */
    @Test
    void aServerWithoutCeaOrClosingOnTheCerExits3WithTheReason() throws IOException {
        try (MockDiameterServer mock =
                MockDiameterServer.builder()
                        .authApplication(4)
                        .start()
                        .policy(SocketPolicy.NO_CEA)) {
            Run r = sendEventTo(mock, "1s");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.CONNECT);
            assertThat(r.err()).as(r.err()).containsIgnoringCase("CEA");
            mock.policy(SocketPolicy.CLOSE_AFTER_CER);
            Run c = sendEventTo(mock, "2s");
            assertThat(c.exit()).as(c.out() + c.err()).isEqualTo(Main.CONNECT);
            assertThat(c.err()).as(c.err()).containsIgnoringCase("closed");
        }
    }

    private static Run sendEventTo(MockDiameterServer mock, String connectTimeout) {
        return d4j(
                "client",
                mock.uri(),
                "--origin-host",
                "client.example.com",
                "--send",
                "ccr-event",
                "--connect-timeout",
                connectTimeout);
    }

    @Test
    void countAndConcurrency() throws IOException {
        Run r = client("--send", "ccr-event", "--count", "20", "--concurrency", "5", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = json(r);
        assertThat(lines).hasSize(21);
        assertThat(
                        lines.subList(0, 20).stream()
                                .map(n -> n.get("sessionId").asText())
                                .distinct()
                                .count())
                .isEqualTo(20);
        assertThat(lines.get(20).get("summary").get("requests").asInt()).isEqualTo(20);
    }

    @Test
    void rateIsHonoured() throws IOException {
        Run r = client("--send", "ccr-event", "--count", "50", "--rate", "50", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = json(r);
        long ms = lines.get(50).get("summary").get("durationMs").asLong();
        // 50 starts at 50/s: the last one is due at 0.98 s.
        assertThat(ms).isBetween(700L, 1300L);
    }

    @Test
    void benchPrintsPercentilesAndJson() throws IOException {
        Run r =
                d4j(
                        "bench",
                        peer,
                        "--origin-host",
                        "bench.example.com",
                        "--duration",
                        "2s",
                        "--concurrency",
                        "16",
                        "--progress");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("answers/s")
                .contains("throughput")
                .contains("p99.9")
                .contains("errors: none");
        Run j =
                d4j(
                        "bench",
                        peer,
                        "--origin-host",
                        "bench.example.com",
                        "--duration",
                        "1s",
                        "--rate",
                        "200",
                        "--json");
        assertThat(j.exit()).as(j.out() + j.err()).isZero();
        JsonNode s = JSON.readTree(j.lines().get(j.lines().size() - 1)).get("summary");
        assertThat(s.get("mode").asText()).isEqualTo("open");
        assertThat(s.get("answers").asLong()).isBetween(140L, 260L);
        assertThat(s.get("throughput").asDouble()).isPositive();
        for (String p : List.of("p50", "p90", "p99", "p99.9", "max")) {
            assertThat(s.get("latencyMs").has(p)).as(p).isTrue();
        }
    }

    /** Issue 10: a warm-up loads the peer but is not in the figures. */
    @Test
    void benchWarmupIsNotCounted() throws IOException {
        Run j =
                d4j(
                        "bench",
                        peer,
                        "--origin-host",
                        "bench.example.com",
                        "--warmup",
                        "1s",
                        "--duration",
                        "1s",
                        "--rate",
                        "200",
                        "--json",
                        "--progress");
        assertThat(j.exit()).as(j.out() + j.err()).isZero();
        assertThat(j.out() + j.err()).contains("warm-up done: measuring from now");
        JsonNode s = JSON.readTree(j.lines().get(j.lines().size() - 1)).get("summary");
        assertThat(s.get("durationMs").asLong())
                .as("the measured second only")
                .isBetween(900L, 1900L);
        assertThat(s.get("answers").asLong())
                .as("one second at 200/s, not two")
                .isBetween(140L, 260L);
    }
}
