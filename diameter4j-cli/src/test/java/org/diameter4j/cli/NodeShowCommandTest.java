package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code d4j node} in-process with seed 003's topology — two DRAs of realm-2.com on loopback
 * (preference 10 and 20) and a Gy default peer that is down — and {@code d4j show} against its
 * admin endpoint: the peers, one peer, statistics with clear, the routing table, and --json.
 */
@Timeout(60)
class NodeShowCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    final List<DiameterNode> dras = new ArrayList<>();

    record Run(int exit, String out, String err) {
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
        assertThat(r.all()).doesNotContain("\tat ").doesNotContain("internal error");
        return r;
    }

    /** {@code d4j node --config FILE} on a thread, ready when its admin endpoint serves. */
    static final class Node implements AutoCloseable {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread thread;
        final Started running;

        Node(String... args) throws InterruptedException {
            CompletableFuture<Started> started = new CompletableFuture<>();
            thread =
                    new Thread(
                            () -> {
                                try (PrintWriter o = new PrintWriter(out, true);
                                        PrintWriter e = new PrintWriter(err, true)) {
                                    exit.set(Main.run(args, o, e, started::complete));
                                } finally {
                                    started.complete(null); // ended without starting
                                }
                            },
                            "d4j-node-under-test");
            thread.setDaemon(true);
            thread.start();
            Started s;
            try {
                s = started.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                s = null;
            }
            running = s;
            if (running == null) {
                thread.join(5_000);
                fail("d4j node did not start: exit " + exit.get() + "\n" + out + err);
            }
        }

        String admin() {
            return running.adminUrl();
        }

        @Override
        public void close() throws InterruptedException {
            running.stop().countDown();
            thread.join(15_000);
            assertThat(thread.isAlive()).as("the node stopped within 15 s").isFalse();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A DRA of realm-2.com serving NASREQ and Gx, on a loopback port chosen by the OS. */
    DiameterNode dra(String host) {
        DiameterNode n =
                DiameterNode.start(
                        NodeConfig.builder(host)
                                .acceptAnyPeer(true)
                                .application(ApplicationId.auth(1))
                                .application(ApplicationId.vendorAuth(10415, 16777238))
                                .listen("127.0.0.1:0")
                                .build());
        dras.add(n);
        return n;
    }

    @AfterEach
    void stopDras() {
        dras.forEach(DiameterNode::close);
    }

    Path seed003(int dra1, int dra2, int ocs) throws IOException {
        return Files.writeString(
                tmp.resolve("bng-gx.yaml"),
                String.join(
                        "\n",
                        "node:",
                        "  origin-host: bng-gx.realm-1.com",
                        "  description: Authentication and Policy Management",
                        "  applications: [nasreq, gx, gy]",
                        "admin:",
                        "  listen: 127.0.0.1:0",
                        "peers:",
                        "  - index: 1",
                        "    address: 127.0.0.1",
                        "    port: " + dra1,
                        "    destination-host: dra-1.realm-2.com",
                        "    preference: 10",
                        "  - index: 2",
                        "    address: 127.0.0.1",
                        "    port: " + dra2,
                        "    destination-host: dra-2.realm-2.com",
                        "    preference: 20",
                        "  - index: 3",
                        "    address: 127.0.0.1",
                        "    port: " + ocs,
                        "    destination-host: ocs.realm-1.com",
                        "    default-peer: true",
                        ""));
    }

    @Test
    void showsSeed003TablesFromARunningNode() throws Exception {
        int p1 = dra("dra-1.realm-2.com").listenAddresses().get(0).getPort();
        int p2 = dra("dra-2.realm-2.com").listenAddresses().get(0).getPort();
        int down = freePort();
        Path yaml = seed003(p1, p2, down);

        try (Node node = new Node("node", "--config", yaml.toString())) {
            String admin = node.admin();
            assertThat(node.out.toString())
                    .contains("d4j node bng-gx.realm-1.com (realm realm-1.com)")
                    .contains("peer 1 dra-1.realm-2.com")
                    .contains("admin endpoint: " + admin);
            node.running.node().awaitReady("dra-1.realm-2.com", Duration.ofSeconds(10));
            node.running.node().awaitReady("dra-2.realm-2.com", Duration.ofSeconds(10));

            // show peers: both DRAs I-Open, the Gy default peer Closed.
            Run peers = d4j("show", "peers", "--admin", admin);
            assertThat(peers.exit()).as(peers.all()).isZero();
            assertThat(peers.out())
                    .containsSubsequence(
                            "Peers",
                            "Host identity                          Status        Default Preference Active",
                            "dra-1.realm-2.com                      I-Open        No      10         Yes",
                            "dra-2.realm-2.com                      I-Open        No      20         Yes",
                            "ocs.realm-1.com                        Closed        Yes     50         No",
                            "No. of peers: 3");

            // show peer: every field of seed 003.
            Run peer = d4j("show", "peer", "dra-1.realm-2.com", "--admin", admin);
            assertThat(peer.exit()).as(peer.all()).isZero();
            assertThat(peer.out())
                    .containsSubsequence(
                            "Peer \"dra-1.realm-2.com\"",
                            "Index                       : 1",
                            "Status                      : I-Open",
                            "Administrative state        : enabled",
                            "Active                      : Yes",
                            "Active applications         : nasreq gx",
                            "Last disconnect cause       : N/A",
                            "Preference                  : 10",
                            "Default peer                : No",
                            "Connection timer (s)        : N/A",
                            "Watchdog timer (s)          : ",
                            "Pending messages            : 0",
                            "Remote realm                : realm-2.com",
                            "Remote IP address           : 127.0.0.1",
                            "Remote TCP port             : " + p1,
                            "Remote Origin-State-Id      : ",
                            "Local host identity         : bng-gx.realm-1.com",
                            "Local realm                 : realm-1.com",
                            "Local IP address            : 127.0.0.1",
                            "Local TCP port              : ",
                            "Last management change      : ");
            assertThat(peer.out()).containsPattern("Watchdog timer \\(s\\)          : \\d+\n");
            assertThat(peer.out()).containsPattern("Remote Origin-State-Id      : \\d+\n");
            assertThat(peer.out()).containsPattern("Local TCP port              : \\d+\n");
            Run down3 = d4j("show", "peer", "ocs.realm-1.com", "--admin", admin);
            assertThat(down3.out())
                    .contains("Status                      : Closed")
                    .contains("Default peer                : Yes")
                    .containsPattern("Connection timer \\(s\\)        : \\d+\n")
                    .contains("Watchdog timer (s)          : N/A")
                    .contains("Remote realm                : (Not Specified)")
                    .contains("Local TCP port              : (Not Specified)");

            // show stats: the capabilities exchange counted; --clear: zeros and the time.
            Run stats = d4j("show", "stats", "dra-1.realm-2.com", "--admin", admin);
            assertThat(stats.exit()).as(stats.all()).isZero();
            assertThat(stats.out())
                    .containsSubsequence(
                            "Message                              Sent                 Received",
                            "Capabilities-Exchange-Request        1                    0",
                            "Capabilities-Exchange-Answer         0                    1",
                            "Disconnect-Peer-Request",
                            "Application message answer",
                            "Last cleared time: N/A");
            Run cleared = d4j("show", "stats", "dra-1.realm-2.com", "--clear", "--admin", admin);
            assertThat(cleared.exit()).as(cleared.all()).isZero();
            assertThat(cleared.out())
                    .contains("Capabilities-Exchange-Request        0                    0")
                    .contains("Capabilities-Exchange-Answer         0                    0")
                    .containsPattern(
                            "Last cleared time: \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d\n");
            assertThat(node.out.toString())
                    .contains("statistics of peer dra-1.realm-2.com cleared");

            // show routes: realm-2.com by preference, then index.
            Run routes = d4j("show", "routes", "--admin", admin);
            assertThat(routes.exit()).as(routes.all()).isZero();
            assertThat(routes.out())
                    .containsSubsequence(
                            "Routes",
                            "Realm-Name",
                            "           Application   Pref. Id  Server-Identifier",
                            "realm-2.com",
                            "           nasreq gx     10    1   dra-1.realm-2.com",
                            "realm-2.com",
                            "           nasreq gx     20    2   dra-2.realm-2.com",
                            "No. of routes: 2");

            // --json: the endpoint's JSON, for machines.
            JsonNode pj = JSON.readTree(d4j("show", "peers", "--admin", admin, "--json").out());
            assertThat(pj.get("node").asText()).isEqualTo("bng-gx.realm-1.com");
            assertThat(pj.get("peers")).hasSize(3);
            assertThat(pj.get("peers").get(0).get("hostIdentity").asText())
                    .isEqualTo("dra-1.realm-2.com");
            assertThat(pj.get("peers").get(0).get("status").asText()).isEqualTo("I-Open");
            assertThat(pj.get("peers").get(2).get("status").asText()).isEqualTo("Closed");
            assertThat(pj.get("peers").get(2).get("defaultPeer").asBoolean()).isTrue();
            JsonNode one =
                    JSON.readTree(
                            d4j("show", "peer", "dra-2.realm-2.com", "--admin", admin, "--json")
                                    .out());
            assertThat(one.get("preference").asInt()).isEqualTo(20);
            assertThat(one.get("remoteTcpPort").asInt()).isEqualTo(p2);
            assertThat(one.get("activeApplications").asText()).isEqualTo("nasreq gx");
            JsonNode sj =
                    JSON.readTree(
                            d4j("show", "stats", "dra-1.realm-2.com", "--admin", admin, "--json")
                                    .out());
            assertThat(sj.get("messages")).hasSize(8);
            assertThat(sj.get("messages").get(0).get("message").asText())
                    .isEqualTo("Capabilities-Exchange-Request");
            assertThat(sj.get("lastCleared").isNull()).isFalse();
            JsonNode rj = JSON.readTree(d4j("show", "routes", "--admin", admin, "--json").out());
            assertThat(rj.get("routes")).hasSize(2);
            assertThat(rj.get("routes").get(0).get("serverIdentifier").asText())
                    .isEqualTo("dra-1.realm-2.com");
            assertThat(rj.get("routes").get(1).get("preference").asInt()).isEqualTo(20);

            // An unknown peer: exit 2, naming the node's peers.
            Run unknown = d4j("show", "peer", "dra-9.realm-2.com", "--admin", admin);
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err())
                    .contains(
                            "unknown peer 'dra-9.realm-2.com': the node's peers are"
                                    + " dra-1.realm-2.com, dra-2.realm-2.com, ocs.realm-1.com");

            // The other resources: admin-state, debug, metrics, health.
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> off =
                    post(
                            http,
                            admin + "/peers/dra-2.realm-2.com/admin-state",
                            "{\"enabled\":false}");
            assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
            JsonNode offJ = JSON.readTree(off.body());
            assertThat(offJ.get("adminState").asText()).isEqualTo("disabled");
            assertThat(offJ.get("status").asText()).isEqualTo("Closed");
            assertThat(offJ.get("lastManagementChange").isNull()).isFalse();
            assertThat(d4j("show", "routes", "--admin", admin).out())
                    .contains("No. of routes: 1")
                    .doesNotContain("dra-2.realm-2.com");
            assertThat(
                            post(
                                            http,
                                            admin + "/peers/dra-2.realm-2.com/admin-state",
                                            "{\"enabled\":true}")
                                    .statusCode())
                    .isEqualTo(200);
            node.running.node().awaitReady("dra-2.realm-2.com", Duration.ofSeconds(10));
            assertThat(d4j("show", "peer", "dra-2.realm-2.com", "--admin", admin).out())
                    .contains("Status                      : I-Open")
                    .containsPattern("Last management change      : \\d\\d/\\d\\d/\\d{4} ");
            HttpResponse<String> debug =
                    post(http, admin + "/peers/dra-1.realm-2.com/debug", "{\"on\":true}");
            assertThat(JSON.readTree(debug.body()).get("debug").asBoolean()).isTrue();
            assertThat(
                            post(http, admin + "/peers/dra-1.realm-2.com/debug", "{\"on\":\"x\"}")
                                    .statusCode())
                    .isEqualTo(400);
            HttpResponse<String> metrics =
                    http.send(
                            HttpRequest.newBuilder(URI.create(admin + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse(""))
                    .startsWith("text/plain");
            assertThat(metrics.body()).contains("# TYPE").contains("dra-1.realm-2.com");
            JsonNode health =
                    JSON.readTree(
                            http.send(
                                            HttpRequest.newBuilder(URI.create(admin + "/health"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body());
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("peers").asInt()).isEqualTo(3);
            assertThat(
                            http.send(
                                            HttpRequest.newBuilder(URI.create(admin + "/nothing"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode())
                    .isEqualTo(404);
        }
    }

    static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stopsWithADprToEveryPeerAndLogsPeerEvents() throws Exception {
        DiameterNode dra1 = dra("dra-1.realm-2.com");
        List<Integer> dprs = new java.util.concurrent.CopyOnWriteArrayList<>();
        dra1.addListener(
                NodeListener.messages(
                        t -> {
                            if (t.received()
                                    && t.message().isRequest()
                                    && t.message().commandCode() == 282) {
                                dprs.add(1);
                            }
                        }));
        Path yaml =
                Files.writeString(
                        tmp.resolve("node.yaml"),
                        String.join(
                                "\n",
                                "node: {origin-host: bng-gx.realm-1.com, applications: [nasreq, gx]}",
                                "admin: {listen: 127.0.0.1:0}",
                                "peers:",
                                "  - {address: 127.0.0.1, port: "
                                        + dra1.listenAddresses().get(0).getPort()
                                        + ", destination-host: dra-1.realm-2.com}",
                                ""));
        Path log = tmp.resolve("node.log");
        Node node = new Node("node", "--config", yaml.toString(), "--log-file", log.toString());
        node.running.node().awaitReady("dra-1.realm-2.com", Duration.ofSeconds(10));
        node.close();
        assertThat(node.exit.get()).isZero();
        assertThat(dprs).as("DPRs received by dra-1").hasSize(1);
        assertThat(node.out.toString())
                .containsPattern("peer dra-1.realm-2.com \\S+ -> I-Open")
                .contains("stopping: DPR to 1 open peer")
                .endsWith("node stopped\n");
        assertThat(Files.readString(log))
                .contains("peer dra-1.realm-2.com")
                .contains("node stopped");
    }

    @Test
    void runsTheSimulatorsOfItsFile() throws Exception {
        Path yaml =
                Files.writeString(
                        tmp.resolve("ocs.yaml"),
                        String.join(
                                "\n",
                                "node:",
                                "  origin-host: ocs.realm-1.com",
                                "  applications: [gy]",
                                "  accept-any-peer: true",
                                "  listen: [\"127.0.0.1:0\"]",
                                "simulators:",
                                "  ocs:",
                                "admin: {listen: 127.0.0.1:0}",
                                ""));
        try (Node node = new Node("node", "--config", yaml.toString())) {
            assertThat(node.out.toString())
                    .contains("OCS (Gy)")
                    .contains("listening on 127.0.0.1 port ");
            int port = node.running.node().listenAddresses().get(0).getPort();
            Run client =
                    d4j(
                            "client",
                            "aaa://127.0.0.1:" + port,
                            "--origin-host",
                            "client.example.com",
                            "--send",
                            "ccr-event",
                            "--timeout",
                            "5s");
            assertThat(client.exit()).as(client.all()).isZero();
            assertThat(client.out()).contains("2001 DIAMETER_SUCCESS");
        }
    }

    @Test
    void aSecondDefaultPeerIsAConfigurationErrorWithItsLine() throws Exception {
        Path yaml =
                Files.writeString(
                        tmp.resolve("bad.yaml"),
                        String.join(
                                "\n",
                                "node:",
                                "  origin-host: bng-gx.realm-1.com",
                                "  applications: [nasreq, gx]",
                                "admin:",
                                "  listen: 127.0.0.1:0",
                                "simulators:",
                                "  cdf: {file: x.jsonl}",
                                "peers:",
                                "  - index: 1",
                                "    destination-host: dra-1.realm-2.com",
                                "    default-peer: true",
                                "  - index: 2",
                                "    destination-host: dra-2.realm-2.com",
                                "    default-peer: true",
                                ""));
        Run r = d4j("node", "--config", yaml.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        // The admin and simulators sections are read by d4j: the node's lines stay the file's.
        assertThat(r.err())
                .contains(
                        "bad.yaml:14:19: peers[1].default-peer: peer index 2 (dra-2.realm-2.com) and"
                                + " peer index 1 (dra-1.realm-2.com) at line 11 are both default-peer")
                .contains("at most one default peer");
        assertThat(r.all()).doesNotContain("Exception");

        // Once the node is right, the simulators are checked against its applications.
        Files.writeString(
                yaml,
                Files.readString(yaml)
                        .replace("    default-peer: true\n  - index: 2", "  - index: 2"));
        Run sims = d4j("node", "--config", yaml.toString());
        assertThat(sims.exit()).as(sims.all()).isEqualTo(2);
        assertThat(sims.err())
                .isEqualTo(
                        "d4j: bad.yaml:7:3: simulators.cdf: the CDF answers rf requests — add rf to"
                                + " node.applications\n");
    }

    @Test
    void badAdminAndSimulatorsSectionsNameTheirLines() throws Exception {
        Path yaml =
                Files.writeString(
                        tmp.resolve("bad.yaml"),
                        String.join(
                                "\n",
                                "node:",
                                "  origin-host: bng-gx.realm-1.com",
                                "  applications: [gy]",
                                "admin:",
                                "  listen: somewhere",
                                "  port: 3",
                                "simulators:",
                                "  pcrf: {}",
                                "peers:",
                                "  - destination-host: dra-1.realm-2.com",
                                "    preference: high",
                                ""));
        Run r = d4j("node", "--config", yaml.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err())
                .contains("bad.yaml:5:11: admin.listen: 'somewhere' is not HOST:PORT")
                .contains("bad.yaml:6:3: admin: unknown key 'port' — allowed keys: listen")
                .contains(
                        "bad.yaml:8:3: simulators: unknown key 'pcrf' — allowed keys: ocs, cdf, hss")
                .contains("bad.yaml:11:17: peers[0].preference");
        Run missing = d4j("node", "--config", tmp.resolve("none.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .contains("none.yaml: cannot read the configuration: no such file");
    }

    @Test
    void showWithoutANodeExits3() throws Exception {
        String url = "http://127.0.0.1:" + freePort();
        for (String[] args :
                List.of(
                        new String[] {"show", "peers", "--admin", url},
                        new String[] {"show", "stats", "x.example.com", "--clear", "--admin", url},
                        new String[] {"show", "routes", "--admin", url, "--json"})) {
            Run r = d4j(args);
            assertThat(r.exit()).as(r.all()).isEqualTo(3);
            assertThat(r.err())
                    .isEqualTo(
                            "d4j: cannot reach the node's admin endpoint at "
                                    + url
                                    + ": is `d4j node` running? (connection refused)\n");
            assertThat(r.out()).isEmpty();
        }
        Run usage = d4j("show", "peers", "--admin", "ftp://x");
        assertThat(usage.exit()).isEqualTo(2);
        Run nothing = d4j("show");
        assertThat(nothing.exit()).isEqualTo(2);
    }
}
