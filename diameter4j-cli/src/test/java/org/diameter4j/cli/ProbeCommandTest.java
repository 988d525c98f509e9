package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.testkit.TestPki;
import org.diameter4j.transport.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code d4j probe} in-process, through {@link Main#run}: every diagnosis is provoked with a real
 * fault on loopback — a closed port, an unresolvable name, a listener that never answers, a peer
 * that hangs up after the CER, a server with no common application, a server that does not know us,
 * a server with another Origin-Host, a peer that ignores the DWR, a TLS server we do not trust.
 *
 * <p>Not provoked: the TCP connect timeout ("tcp-timeout"). On loopback a SYN to a closed port is
 * refused at once; making it unanswered needs a firewall rule (root) or a blackholed route, which a
 * unit test cannot set up.
 */
@Timeout(30)
class ProbeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ME = "client.example.com";

    @TempDir Path tmp;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        String all() {
            return out + err;
        }
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
        assertThat(r.all())
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("internal error");
        return r;
    }

    static Run probe(String peer, String... more) {
        List<String> a = new ArrayList<>(List.of("probe", peer, "--origin-host", ME));
        a.addAll(List.of(more));
        return d4j(a.toArray(String[]::new));
    }

    static JsonNode probeJson(String peer, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of(more));
        a.add("--json");
        Run r = probe(peer, a.toArray(String[]::new));
        assertThat(r.lines()).as(r.all()).hasSize(1);
        JsonNode n = JSON.readTree(r.lines().get(0));
        assertThat(n.get("verdict").get("exitCode").asInt()).isEqualTo(r.exit());
        return n;
    }

    static NodeConfig.Builder server(String originHost) {
        return NodeConfig.builder(originHost)
                .listen("127.0.0.1:0")
                .productName("probe test server");
    }

    static String peerOf(DiameterNode node) {
        return "aaa://127.0.0.1:" + node.listenAddresses().get(0).getPort();
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyStepPassesAgainstADiameterServer() throws IOException {
        DiameterNode node =
                DiameterNode.start(
                        server("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .acceptAnyPeer(true)
                                .build());
        try {
            Run r = probe(peerOf(node), "--dest-host", "ocs.example.net");
            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.lines().get(0)).startsWith("Probing " + peerOf(node)).endsWith("as " + ME);
            List<String> ok = r.lines().stream().filter(l -> l.trim().startsWith("[ok]")).toList();
            assertThat(ok).hasSize(5);
            assertThat(ok.get(0)).contains("DNS").contains("127.0.0.1 (IP literal, no lookup)");
            assertThat(ok.get(1)).contains("TCP").contains("-> 127.0.0.1:");
            assertThat(ok.get(2))
                    .contains("CER/CEA")
                    .contains("CEA 2001 DIAMETER_SUCCESS from ocs.example.net")
                    .contains("product \"probe test server\"")
                    .contains("common applications")
                    .contains("auth 4");
            assertThat(ok.get(3)).contains("DWR/DWA").contains("DWA 2001");
            assertThat(ok.get(4)).contains("DPR/DPA").contains("DPA 2001");
            assertThat(r.out())
                    .doesNotContain("[FAIL]")
                    .contains("Verdict: OK")
                    .doesNotContain("Fix:");

            JsonNode j = probeJson(peerOf(node), "--dest-host", "ocs.example.net");
            assertThat(j.get("peer").asText()).contains("127.0.0.1");
            assertThat(j.get("steps")).hasSize(5);
            List<String> names = new ArrayList<>();
            for (JsonNode s : j.get("steps")) {
                names.add(s.get("name").asText());
                assertThat(s.get("ok").asBoolean()).as(s.toString()).isTrue();
                assertThat(s.get("ms").asDouble()).isGreaterThanOrEqualTo(0);
                assertThat(s.get("detail").asText()).isNotBlank();
            }
            assertThat(names).containsExactly("DNS", "TCP", "CER/CEA", "DWR/DWA", "DPR/DPA");
            JsonNode v = j.get("verdict");
            assertThat(v.get("passed").asBoolean()).isTrue();
            assertThat(v.get("cause").asText()).isEqualTo("ok");
            assertThat(v.get("exitCode").asInt()).isZero();
        } finally {
            node.close();
        }
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int port = closedPort();
        Run r = probe("127.0.0.1:" + port);
        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.out())
                .contains("[ok]")
                .contains("[FAIL] TCP")
                .contains("connect to 127.0.0.1:" + port + ": connection refused")
                .contains(
                        "Verdict: FAILED - Connection refused: nothing listens on 127.0.0.1:"
                                + port)
                .contains("Fix: Start the Diameter server, or check the port");
        JsonNode v = probeJson("127.0.0.1:" + port).get("verdict");
        assertThat(v.get("cause").asText()).isEqualTo("refused");
        assertThat(v.get("passed").asBoolean()).isFalse();
        assertThat(v.get("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void anUnresolvableNameIsADnsFailure() throws IOException {
        Run r = probe("aaa://no-such-host.invalid:3868", "--timeout", "3s");
        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.out())
                .contains("[FAIL] DNS")
                .contains("Verdict: FAILED - DNS failure")
                .contains("Fix: Check the spelling of the FQDN")
                .contains("give the peer's IP address instead")
                .doesNotContain("[FAIL] TCP");
        JsonNode j = probeJson("aaa://no-such-host.invalid:3868", "--timeout", "3s");
        assertThat(j.get("verdict").get("cause").asText()).isEqualTo("dns");
        assertThat(j.get("steps")).hasSize(1);
    }

    @Test
    void aListenerThatNeverAnswersIsNoCeaAndATimeout() throws IOException {
        try (RawPeer silent = new RawPeer(RawPeer.silent())) {
            long t0 = System.nanoTime();
            Run r = probe("127.0.0.1:" + silent.port(), "--timeout", "1s");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(8_000);
            assertThat(r.exit()).as(r.all()).isEqualTo(4);
            assertThat(r.out())
                    .containsPattern("\\[ok\\] +TCP ")
                    .contains("[FAIL] CER/CEA")
                    .contains("no CEA within 1 s")
                    .contains("Verdict: FAILED - Connected, but no CEA")
                    .contains("did not answer our CER within 1 s")
                    .contains("Fix: The port may not be a Diameter server")
                    .contains("is '" + ME + "' configured on it?");
            JsonNode v = probeJson("127.0.0.1:" + silent.port(), "--timeout", "1s").get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("no-cea");
            assertThat(v.get("exitCode").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aPeerThatClosesAfterTheCer() throws IOException {
        try (RawPeer rude =
                new RawPeer(
                        s -> {
                            // read the CER, then hang up without a CEA
                            RawPeer.read(s);
                        })) {
            Run r = probe("127.0.0.1:" + rude.port(), "--timeout", "3s");
            assertThat(r.exit()).as(r.all()).isEqualTo(3);
            assertThat(r.out())
                    .contains("[FAIL] CER/CEA")
                    .contains("the peer closed the connection after our CER")
                    .contains(
                            "Verdict: FAILED - The peer closed the connection right after our CER, without a CEA")
                    .contains("Fix: The peer most likely does not know us")
                    .contains("Origin-Host '" + ME + "'")
                    .contains("our address 127.0.0.1")
                    .contains("probe aaas://");
            JsonNode v = probeJson("127.0.0.1:" + rude.port(), "--timeout", "3s").get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("closed-after-cer");
            assertThat(v.get("exitCode").asInt()).isEqualTo(3);
        }
    }

    @Test
    void noCommonApplicationListsBothSides() throws IOException {
        DiameterNode node =
                DiameterNode.start(
                        server("hss.example.net")
                                .application(ApplicationId.vendorAuth(10415, 16777251))
                                .acceptAnyPeer(true)
                                .build());
        try {
            Run r = probe(peerOf(node), "--apps", "gy");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.out())
                    .contains("[FAIL] CER/CEA")
                    .contains("CEA 5010 DIAMETER_NO_COMMON_APPLICATION")
                    .contains("from hss.example.net");
            String verdict = line(r, "Verdict:");
            // ours: Gy (auth 4); theirs: S6a (auth 16777251, vendor 10415)
            assertThat(verdict)
                    .contains("No common application (5010)")
                    .contains("we offered")
                    .contains("auth 4")
                    .contains("16777251")
                    .doesNotContain("it did not say");
            assertThat(line(r, "Fix:")).contains("--apps");
            JsonNode v = probeJson(peerOf(node), "--apps", "gy").get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("no-common-application");
            assertThat(v.get("explanation").asText()).contains("auth 4").contains("16777251");
            assertThat(v.get("exitCode").asInt()).isEqualTo(1);
        } finally {
            node.close();
        }
    }

    @Test
    void aServerThatDoesNotKnowUsAnswers3010() throws IOException {
        DiameterNode node =
                DiameterNode.start(
                        server("ocs.example.net").application(ApplicationId.auth(4)).build());
        try {
            Run r = probe(peerOf(node), "--apps", "gy");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.out())
                    .contains("[FAIL] CER/CEA")
                    .contains("CEA 3010 DIAMETER_UNKNOWN_PEER")
                    .contains(
                            "Verdict: FAILED - The peer does not know us (3010 DIAMETER_UNKNOWN_PEER)")
                    .contains("is not configured here")
                    .contains("Fix: Ask the peer's operator to add Origin-Host '" + ME + "'")
                    .contains("(address 127.0.0.1)");
            JsonNode v = probeJson(peerOf(node), "--apps", "gy").get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("unknown-peer");
            assertThat(v.get("exitCode").asInt()).isEqualTo(1);
        } finally {
            node.close();
        }
    }

    @Test
    void anotherOriginHostThanExpected() throws IOException {
        DiameterNode node =
                DiameterNode.start(
                        server("ocs-b.example.net")
                                .application(ApplicationId.auth(4))
                                .acceptAnyPeer(true)
                                .build());
        try {
            Run r = probe(peerOf(node), "--dest-host", "ocs-a.example.net");
            assertThat(r.exit()).as(r.all()).isEqualTo(1);
            assertThat(r.out())
                    .contains("[FAIL] CER/CEA")
                    .contains("expected Origin-Host ocs-a.example.net")
                    .contains(
                            "Verdict: FAILED - The peer identifies itself as 'ocs-b.example.net', not 'ocs-a.example.net'")
                    .contains(
                            "Fix: Fix --dest-host (the peer's real Origin-Host is 'ocs-b.example.net')");
            JsonNode v = probeJson(peerOf(node), "--dest-host", "ocs-a.example.net").get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("origin-host-mismatch");
            assertThat(v.get("exitCode").asInt()).isEqualTo(1);
            // DiameterIdentity comparison is case-insensitive (RFC 6733 §5.6.4).
            assertThat(probe(peerOf(node), "--dest-host", "OCS-B.example.NET").exit()).isZero();
        } finally {
            node.close();
        }
    }

    @Test
    void aPeerThatIgnoresTheDwr() throws IOException {
        try (RawPeer deaf =
                new RawPeer(
                        s -> {
                            DiameterMessage cer = RawPeer.read(s);
                            RawPeer.write(s, RawPeer.cea(cer, "deaf.example.net"));
                            while (RawPeer.read(s) != null) {
                                // DWR and the rest: never answered
                            }
                        })) {
            Run r =
                    probe(
                            "127.0.0.1:" + deaf.port(),
                            "--timeout",
                            "1s",
                            "--dest-host",
                            "deaf.example.net");
            assertThat(r.exit()).as(r.all()).isEqualTo(4);
            assertThat(r.out())
                    .containsPattern("\\[ok\\] +CER/CEA ")
                    .contains("CEA 2001 DIAMETER_SUCCESS from deaf.example.net")
                    .contains("[FAIL] DWR/DWA")
                    .contains("no DWA within 1 s")
                    .contains(
                            "Verdict: FAILED - The peer completed the capabilities exchange but did not answer our DWR")
                    .contains("Fix: Its watchdog handling is broken (RFC 6733 §5.5)");
            JsonNode v = probeJson("127.0.0.1:" + deaf.port(), "--timeout", "1s").get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("dwr-unanswered");
            assertThat(v.get("exitCode").asInt()).isEqualTo(4);
        }
    }

    @Test
    void aaasWithoutTlsMaterialIsAUsageError() {
        Run r = probe("aaas://127.0.0.1:5658");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("aaas:// needs TLS material").contains("--tls-ca");
    }

    @Test
    void tlsHandshakeWithAnUntrustedServerFails() throws Exception {
        TestPki pki = TestPki.create(tmp.resolve("pki"), "diameter4j");
        TestPki other = pki.wrongCa();
        DiameterNode node =
                DiameterNode.start(
                        server("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .acceptAnyPeer(true)
                                .listen("aaas://127.0.0.1:0")
                                .listenTls(
                                        TlsConfig.pem(
                                                pki.server().certificateFile(),
                                                pki.server().key(),
                                                pki.ca()))
                                .build());
        try {
            String peer = "aaas://127.0.0.1:" + node.listenAddresses().get(1).getPort();
            Run r = probe(peer, "--tls-ca", other.ca().toString(), "--timeout", "3s");
            assertThat(r.exit()).as(r.all()).isEqualTo(3);
            assertThat(r.out())
                    .contains("[FAIL] TLS")
                    .contains("Verdict: FAILED - TLS handshake failure")
                    .contains("not signed by a CA we trust: see --tls-ca")
                    .contains("Fix: Check the certificates on both sides (trusted CA");
            JsonNode v =
                    probeJson(peer, "--tls-ca", other.ca().toString(), "--timeout", "3s")
                            .get("verdict");
            assertThat(v.get("cause").asText()).isEqualTo("tls");
            assertThat(v.get("exitCode").asInt()).isEqualTo(3);

            // The same server with the right CA and a client certificate: every step passes.
            Run good =
                    probe(
                            peer,
                            "--tls-ca",
                            pki.ca().toString(),
                            "--tls-cert",
                            pki.client().certificateFile().toString(),
                            "--tls-key",
                            pki.client().key().toString(),
                            "--dest-host",
                            "ocs.example.net");
            assertThat(good.exit()).as(good.all()).isZero();
            assertThat(good.out()).contains("TLS").contains("peer certificate CN=ocs.example.net");
        } finally {
            node.close();
        }
    }

    @Test
    void bindToAnAddressOfAnotherMachineIsAUsageError() {
        // 192.0.2.10: TEST-NET-1 (RFC 5737), never an address of this machine.
        Run r = probe("127.0.0.1:3868", "--bind", "192.0.2.10");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("--bind 192.0.2.10 is not an address of this machine")
                .contains("leave --bind out");
        Run name = probe("127.0.0.1:3868", "--bind", "localhost");
        assertThat(name.exit()).isEqualTo(2);
        assertThat(name.err()).contains("'localhost' is not an IP address");
    }

    private static String line(Run r, String prefix) {
        return r.lines().stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in:\n" + r.out()));
    }
}
