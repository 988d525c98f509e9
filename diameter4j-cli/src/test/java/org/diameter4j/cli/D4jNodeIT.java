package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.diameter4j.cli.D4jLauncherIT.Result;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/d4j node} as a process (failsafe, after {@code package}) with a DRA on
 * loopback, {@code bin/d4j show} against it, then SIGTERM: the node sends DPR and exits 0.
 */
class D4jNodeIT {
    @TempDir Path tmp;

    @BeforeAll
    static void theJarIsFresh() throws IOException {
        D4jLauncherIT.theJarIsFresh();
    }

    @Test
    @Timeout(90)
    void nodeShowThenSigtermSendsDprAndExits0() throws Exception {
        List<String> dprs = new CopyOnWriteArrayList<>();
        try (DiameterNode dra =
                DiameterNode.start(
                        NodeConfig.builder("dra-1.realm-2.com")
                                .acceptAnyPeer(true)
                                .application(ApplicationId.auth(1))
                                .application(ApplicationId.vendorAuth(10415, 16777238))
                                .listen("127.0.0.1:0")
                                .build())) {
            dra.addListener(
                    NodeListener.messages(
                            t -> {
                                if (t.received()
                                        && t.message().isRequest()
                                        && t.message().commandCode() == 282) {
                                    dprs.add(t.message().find(264).asUtf8());
                                }
                            }));
            int adminPort = D4jServerIT.freePort();
            String admin = "http://127.0.0.1:" + adminPort;
            Path yaml =
                    Files.writeString(
                            tmp.resolve("node.yaml"),
                            String.join(
                                    "\n",
                                    "node:",
                                    "  origin-host: bng-gx.realm-1.com",
                                    "  applications: [nasreq, gx]",
                                    "admin: {listen: 127.0.0.1:" + adminPort + "}",
                                    "peers:",
                                    "  - index: 1",
                                    "    address: 127.0.0.1",
                                    "    port: " + dra.listenAddresses().get(0).getPort(),
                                    "    destination-host: dra-1.realm-2.com",
                                    "    preference: 10",
                                    ""));
            Path out = tmp.resolve("node.out");
            Path err = tmp.resolve("node.err");
            Process node =
                    D4jLauncherIT.launcher("node", "--config", yaml.toString())
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(D4jLauncherIT.nullDevice()))
                            .start();
            try {
                long deadline = System.currentTimeMillis() + 20_000;
                while (!D4jLauncherIT.read(out).contains("admin endpoint: " + admin)) {
                    if (!node.isAlive() || System.currentTimeMillis() > deadline) {
                        fail(
                                "bin/d4j node did not start: "
                                        + D4jLauncherIT.read(out)
                                        + D4jLauncherIT.read(err));
                    }
                    Thread.sleep(50);
                }
                deadline = System.currentTimeMillis() + 20_000;
                while (!D4jLauncherIT.read(out).contains("-> I-Open")) {
                    if (System.currentTimeMillis() > deadline) {
                        fail("the peer did not open: " + D4jLauncherIT.read(out));
                    }
                    Thread.sleep(50);
                }
                Result peers = D4jServerIT.d4j("show", "peers", "--admin", admin);
                assertThat(peers.exit()).as(peers.out() + peers.err()).isZero();
                assertThat(peers.out())
                        .contains(
                                "dra-1.realm-2.com                      I-Open        No      10         Yes")
                        .contains("No. of peers: 1");
                Result json = D4jServerIT.d4j("show", "routes", "--admin", admin, "--json");
                assertThat(json.exit()).isZero();
                assertThat(
                                new ObjectMapper()
                                        .readTree(json.out())
                                        .get("routes")
                                        .get(0)
                                        .get("realm")
                                        .asText())
                        .isEqualTo("realm-2.com");

                node.destroy(); // SIGTERM
                assertThat(node.waitFor(20, TimeUnit.SECONDS))
                        .as("the node exits after SIGTERM")
                        .isTrue();
                assertThat(node.exitValue()).as(D4jLauncherIT.read(err)).isZero();
                assertThat(dprs).as("DPRs seen by dra-1").containsExactly("bng-gx.realm-1.com");
                assertThat(D4jLauncherIT.read(out))
                        .contains("stopping: DPR to 1 open peer")
                        .endsWith("node stopped\n");
                assertThat(D4jLauncherIT.read(err))
                        .doesNotContain("Exception")
                        .doesNotContain("\tat ");
            } finally {
                if (node.isAlive()) {
                    node.destroyForcibly();
                    node.waitFor(10, TimeUnit.SECONDS);
                }
            }
            // No node any more: show exits 3.
            Result gone = D4jServerIT.d4j("show", "peers", "--admin", admin);
            assertThat(gone.exit()).isEqualTo(3);
            assertThat(gone.err())
                    .contains(
                            "cannot reach the node's admin endpoint at "
                                    + admin
                                    + ": is `d4j node` running? (connection refused)");
        }
    }
}
