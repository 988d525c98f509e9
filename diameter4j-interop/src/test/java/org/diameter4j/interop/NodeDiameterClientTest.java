package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.MessageTrace.CER;
import static org.diameter4j.interop.MessageTrace.DPR;
import static org.diameter4j.interop.MessageTrace.DWR;
import static org.diameter4j.interop.NodeDiameter.single;
import static org.diameter4j.interop.NodeDiameter.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.simulator.cdf.CdfConfig;
import org.diameter4j.simulator.cdf.CdfSimulator;
import org.diameter4j.simulator.ocs.Balance;
import org.diameter4j.simulator.ocs.OcsConfig;
import org.diameter4j.simulator.ocs.OcsSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-diameter ({@code src/test/node/client.js}) as the client of a diameter4j server built as
 * {@code d4j server --apps gy,rf} builds it (OCS and CDF simulators, any peer accepted, 3001 for
 * the rest): capabilities exchange (RFC 6733 §5.3), a watchdog (§5.5), 20 Gy sessions of
 * INITIAL/UPDATE/TERMINATE and one EVENT (RFC 4006), 3 accounting sessions of START/INTERIM/STOP
 * (RFC 6733 §9), a command Gy does not define (§7.1.3: 3001 with the E bit), and the disconnect
 * from either side (§5.4). Every answer must be decoded by node-diameter without an error.
 *
 * <p>Needs Node.js and {@code npm ci} in {@code src/test/node}; CI ({@code .ci/run}) does both.
 */
@Timeout(90)
class NodeDiameterClientTest {
    static final String SERVER = "srv.example.com";
    static final String CLIENT = "node-client.example.org";
    static final int GY_SESSIONS = 20;
    static final int RF_SESSIONS = 3;

    /** What client.js sends: CER, DWR, the Gy sessions and event, the ACRs, the unknown, DPR. */
    static final int REQUESTS = 1 + 1 + 3 * GY_SESSIONS + 1 + 3 * RF_SESSIONS + 1 + 1;

    @TempDir Path tmp;

    @BeforeEach
    void installed() {
        NodeDiameter.requireInstalled();
    }

    /** The in-process {@code d4j server}: the node, and its CDF (which owns a file). */
    record Server(DiameterNode node, CdfSimulator cdf, Path records) implements AutoCloseable {
        int port() {
            return node.listenAddresses().get(0).getPort();
        }

        @Override
        public void close() {
            node.close();
            cdf.close();
        }
    }

    /**
     * What {@code d4j server --origin-host srv.example.com --listen 127.0.0.1:0 --apps gy,rf}
     * builds (ServerCommand and Simulators of diameter4j-cli): the OCS with its default balance for
     * every subscriber, the CDF writing records to a file, any peer accepted, 3001 for commands no
     * simulator serves.
     */
    static Server d4jServer(Path dir, MessageTrace trace) {
        DiameterNode node =
                DiameterNode.start(
                        NodeConfig.builder(SERVER)
                                .acceptAnyPeer(true)
                                .unsupportedCommandResult(ResultCodes.DIAMETER_COMMAND_UNSUPPORTED)
                                .dictionary(Dictionary.standard())
                                .productName("d4j server")
                                .application(ApplicationId.auth(4))
                                .application(CdfSimulator.application())
                                .listen("127.0.0.1:0")
                                .build());
        node.addListener(NodeListener.messages(trace));
        // Simulators.DEFAULT_BALANCE of diameter4j-cli.
        OcsSimulator.register(
                node,
                OcsConfig.of(Map.of())
                        .withDefault(new Balance(100_000_000_000L, 36_000_000L, 100_000_000L)));
        Path records = dir.resolve("cdf-records.jsonl");
        CdfSimulator cdf = CdfSimulator.start(node, CdfConfig.builder(records).build());
        return new Server(node, cdf, records);
    }

    @Test
    void gyAndRfSessionsOfNodeDiameterAreAnsweredAndDecodedWithoutError() throws Exception {
        MessageTrace trace = new MessageTrace();
        try (Server server = d4jServer(tmp, trace)) {
            sessionsScenario(server, trace, tmp);
        }
    }

    /**
     * Runs client.js against the server and asserts everything it reports; returns the script's
     * events.
     */
    static List<JsonNode> sessionsScenario(Server server, MessageTrace trace, Path tmp)
            throws Exception {
        long t0 = System.nanoTime();
        List<JsonNode> events;
        try (NodeDiameter client =
                NodeDiameter.start(
                        tmp,
                        "client.js",
                        "--port",
                        String.valueOf(server.port()),
                        "--origin-host",
                        CLIENT,
                        "--destination-realm",
                        "example.com",
                        "--gy",
                        String.valueOf(GY_SESSIONS),
                        "--rf",
                        String.valueOf(RF_SESSIONS),
                        "--event",
                        "1",
                        "--unknown",
                        "1",
                        "--concurrency",
                        "5",
                        "--end",
                        "dpr")) {
            int exit = client.awaitExit(Duration.ofSeconds(60));
            String transcript = client.transcript();
            assertThat(client.events("error")).as("node-diameter errors\n" + transcript).isEmpty();
            assertThat(client.unparsed()).as("stdout lines that are not JSON").isEmpty();
            assertThat(exit).as("client.js exit code\n" + transcript).isZero();
            events = client.events();

            // Every request answered once, by kind.
            Map<String, Integer> answers = new TreeMap<>();
            for (JsonNode a : client.events("answer")) {
                answers.merge(a.path("kind").asText(), 1, Integer::sum);
            }
            assertThat(answers)
                    .as("answers by kind")
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.ofEntries(
                                    Map.entry("CER", 1),
                                    Map.entry("DWR", 1),
                                    Map.entry("CCR-I", GY_SESSIONS),
                                    Map.entry("CCR-U", GY_SESSIONS),
                                    Map.entry("CCR-T", GY_SESSIONS),
                                    Map.entry("CCR-E", 1),
                                    Map.entry("ACR-START", RF_SESSIONS),
                                    Map.entry("ACR-INTERIM", RF_SESSIONS),
                                    Map.entry("ACR-STOP", RF_SESSIONS),
                                    Map.entry("UNKNOWN", 1),
                                    Map.entry("DPR", 1)));
            JsonNode summary = client.events("summary").get(0);
            assertThat(summary.path("requests").asInt()).isEqualTo(REQUESTS);
            assertThat(summary.path("answers").asInt()).isEqualTo(summary.path("requests").asInt());

            for (JsonNode a : client.events("answer")) {
                assertAnswer(a);
            }
            System.out.printf(
                    "node-diameter client: %d requests, %d answers decoded without error in %d ms%n",
                    summary.path("requests").asInt(),
                    summary.path("answers").asInt(),
                    (System.nanoTime() - t0) / 1_000_000);
        }

        // Our side: one CER, one DWR, one DPR from node-diameter, each answered.
        assertThat(trace.count(CER, true, true)).as("CERs received\n" + trace).isEqualTo(1);
        assertThat(trace.count(DWR, true, true)).as("DWRs received").isEqualTo(1);
        assertThat(trace.count(DPR, true, true)).as("DPRs received").isEqualTo(1);
        assertThat(trace.count(DPR, false, false)).as("DPAs sent").isEqualTo(1);
        // The CDF wrote one record per ACR (TS 32.299 §6.1.2: START, INTERIM, STOP).
        assertThat(Files.readAllLines(server.records())).hasSize(3 * RF_SESSIONS);
        return events;
    }

    /** One answer as node-diameter decoded it: header, result, the AVPs of its grammar once. */
    static void assertAnswer(JsonNode event) {
        String kind = event.path("kind").asText();
        JsonNode m = event.path("message");
        String what = kind + " answer " + m;
        assertThat(m.path("request").asBoolean()).as(what).isFalse();
        // RFC 6733 §3: Origin-Host, Origin-Realm and Result-Code exactly once in every answer here.
        assertThat(single(m, "Origin-Host").asText()).as(what).isEqualTo(SERVER);
        assertThat(single(m, "Origin-Realm").asText()).as(what).isEqualTo("example.com");
        String result = single(m, "Result-Code").asText();
        if (kind.equals("UNKNOWN")) {
            // RFC 6733 §7.1.3, §7.2: E bit, Result-Code 3001, the request's Session-Id.
            assertThat(m.path("error").asBoolean()).as("E bit of " + what).isTrue();
            assertThat(result).as(what).isEqualTo("DIAMETER_COMMAND_UNSUPPORTED");
            assertThat(m.path("commandCode").asInt()).isEqualTo(8388635);
            assertThat(single(m, "Session-Id").asText())
                    .isEqualTo(event.path("sessionId").asText());
            return;
        }
        assertThat(m.path("error").asBoolean()).as("E bit of " + what).isFalse();
        assertThat(result).as(what).isEqualTo("DIAMETER_SUCCESS");
        if (kind.startsWith("CCR")) {
            // RFC 4006 §3.2: <CCA> ::= < Session-Id > { Result-Code } { Origin-Host }
            // { Origin-Realm } { Auth-Application-Id } { CC-Request-Type } { CC-Request-Number } …
            assertThat(m.path("proxiable").asBoolean()).as("P bit of " + what).isTrue();
            assertThat(NodeDiameter.avps(m).get(0).get(0).asText())
                    .as("Session-Id first in " + what)
                    .isEqualTo("Session-Id");
            assertThat(single(m, "Session-Id").asText())
                    .isEqualTo(event.path("sessionId").asText());
            assertThat(single(m, "Auth-Application-Id").asText())
                    .as(what)
                    .isEqualTo("Diameter Credit Control");
            String type =
                    switch (kind) {
                        case "CCR-I" -> "INITIAL_REQUEST";
                        case "CCR-U" -> "UPDATE_REQUEST";
                        case "CCR-T" -> "TERMINATION_REQUEST";
                        default -> "EVENT_REQUEST";
                    };
            assertThat(single(m, "CC-Request-Type").asText()).as(what).isEqualTo(type);
            int number = kind.equals("CCR-U") ? 1 : kind.equals("CCR-T") ? 2 : 0;
            assertThat(single(m, "CC-Request-Number").asInt()).as(what).isEqualTo(number);
            if (!kind.equals("CCR-T")) {
                // RFC 4006 §8.16, §8.17: a granted quota per MSCC of the request.
                JsonNode mscc = single(m, "Multiple-Services-Credit-Control");
                JsonNode gsu = single(mscc, "Granted-Service-Unit");
                String unit =
                        kind.equals("CCR-E") ? "CC-Service-Specific-Units" : "CC-Total-Octets";
                assertThat(Long.parseLong(single(gsu, unit).asText())).as(what).isPositive();
                assertThat(single(mscc, "Rating-Group").asInt())
                        .isEqualTo(kind.equals("CCR-E") ? 200 : 100);
            }
        } else if (kind.startsWith("ACR")) {
            // RFC 6733 §9.7.2: <ACA> ::= < Session-Id > { Result-Code } { Origin-Host }
            // { Origin-Realm } { Accounting-Record-Type } { Accounting-Record-Number }
            // [ Acct-Application-Id ] …
            assertThat(single(m, "Session-Id").asText())
                    .isEqualTo(event.path("sessionId").asText());
            String type =
                    switch (kind) {
                        case "ACR-START" -> "Start Record";
                        case "ACR-INTERIM" -> "Interim Record";
                        default -> "Stop Record";
                    };
            assertThat(single(m, "Accounting-Record-Type").asText()).as(what).isEqualTo(type);
            int number = kind.equals("ACR-START") ? 0 : kind.equals("ACR-INTERIM") ? 1 : 2;
            assertThat(single(m, "Accounting-Record-Number").asInt()).as(what).isEqualTo(number);
            assertThat(values(m, "Acct-Application-Id")).as(what).hasSizeLessThanOrEqualTo(1);
        } else {
            // CEA, DWA (RFC 6733 §5.3.2, §5.5.2): no Session-Id.
            assertThat(values(m, "Session-Id")).as(what).isEmpty();
        }
    }

    /**
     * RFC 6733 §5.4 the other way: the server is stopped while node-diameter is connected; it sends
     * DPR (REBOOTING), node-diameter answers DPA, the connection closes.
     */
    @Test
    void ourServerDisconnectsAndNodeDiameterAnswersTheDpr() throws Exception {
        MessageTrace trace = new MessageTrace();
        Server server = d4jServer(tmp, trace);
        try (NodeDiameter client =
                NodeDiameter.start(
                        tmp,
                        "client.js",
                        "--port",
                        String.valueOf(server.port()),
                        "--gy",
                        "1",
                        "--rf",
                        "0",
                        "--event",
                        "0",
                        "--unknown",
                        "0",
                        "--end",
                        "peer-dpr")) {
            client.await(
                    e -> e.path("event").asText().equals("waiting"),
                    Duration.ofSeconds(20),
                    "waiting");
            server.close(); // DPR to every peer, waits for the DPAs
            JsonNode dpr = client.await("received", "Disconnect-Peer", true, Duration.ofSeconds(5));
            assertThat(single(dpr.path("message"), "Disconnect-Cause").asText())
                    .isEqualTo("REBOOTING");
            assertThat(single(dpr.path("message"), "Origin-Host").asText()).isEqualTo(SERVER);
            client.await("sent", "Disconnect-Peer", false, Duration.ofSeconds(5));
            assertThat(client.awaitExit(Duration.ofSeconds(10))).as(client.transcript()).isZero();
            assertThat(client.events("error")).as(client.transcript()).isEmpty();
            assertThat(client.events("closed")).hasSize(1);
        } finally {
            server.close();
        }
        MessageTrace.Entry dpa = trace.await(DPR, false, true, Duration.ofSeconds(2));
        assertThat(Dictionary.standard().get(dpa.message(), "Result-Code").asUnsigned32())
                .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
        assertThat(trace.count(DPR, true, false)).as("DPRs sent\n" + trace).isEqualTo(1);
    }

    /**
     * Wireshark's Diameter dissector on the bytes of {@link
     * #gyAndRfSessionsOfNodeDiameterAreAnsweredAndDecodedWithoutError}'s exchange, captured on
     * loopback: no malformed frame, no expert error, every command in both directions.
     */
    @Test
    void wiresharkFindsNoMalformedFrameNorExpertErrorInTheExchange() throws Exception {
        RequiredTool.require("tshark", "apt-get install tshark");
        Path pcap = tmp.resolve("node.pcapng");
        MessageTrace trace = new MessageTrace();
        int port;
        try (Server server = d4jServer(tmp, trace)) {
            port = server.port();
            try (Tshark capture = Tshark.captureLoopback(port, pcap, 60)) {
                sessionsScenario(server, trace, tmp);
                Thread.sleep(500); // let the last segments reach the file
                capture.assertStillCapturing();
            }
        }
        List<Tshark.Pdu> pdus = Tshark.diameterPdus(pcap, port);
        Map<String, Integer> byCommand = new TreeMap<>();
        Set<String> seen = new TreeSet<>();
        for (Tshark.Pdu p : pdus) {
            String name = p.commandCode() + (p.request() ? "R" : "A");
            byCommand.merge(name, 1, Integer::sum);
            seen.add(name);
        }
        System.out.println("tshark decoded " + pdus.size() + " Diameter PDUs: " + byCommand);
        assertThat(pdus).as("every request and answer of the exchange").hasSize(2 * REQUESTS);
        assertThat(byCommand)
                .containsEntry("272R", 3 * GY_SESSIONS + 1)
                .containsEntry("272A", 3 * GY_SESSIONS + 1)
                .containsEntry("271R", 3 * RF_SESSIONS)
                .containsEntry("271A", 3 * RF_SESSIONS)
                .containsEntry("8388635A", 1);
        assertThat(seen).contains("257R", "257A", "280R", "280A", "282R", "282A");
        Tshark.assertNoMalformedFrameNorExpertError(pcap, port);
    }
}
