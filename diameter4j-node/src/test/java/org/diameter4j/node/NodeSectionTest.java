package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.StrictSend;
import org.junit.jupiter.api.Test;

/**
 * {@code node}: the applications a node needs, and its limits — the answer to an unsupported
 * command (RFC 6733 §7.1.3), message size, duplicate detection, busy back-off, strict sending, I/O
 * threads.
 */
class NodeSectionTest {
    private static NodeConfig load(String yaml) {
        return NodeConfigLoader.parse(yaml, "node.yaml", Path.of("."));
    }

    private static List<String> faults(String yaml) {
        return catchThrowableOfType(NodeConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void aNodeWithoutApplicationsMustBeARelay() {
        assertThat(faults("node:\n  origin-host: a.example.com\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "node.yaml:2:3: node.applications: at least one application is required, e.g."
                                + " [gy] (known names: nasreq, gy, ro, rf, gx, s6a, relay, or auth:<id>");
        NodeConfig relay = load("node:\n  origin-host: a.example.com\n  relay: true\n");
        assertThat(relay.relay()).isTrue();
    }

    @Test
    void limitsAreTakenAsWritten() {
        NodeConfig c =
                load(
                        """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  unsupported-result: 3001
                  max-message-length: 4096
                  duplicate-window: 2m
                  duplicate-capacity: 10
                  busy-backoff: 750ms
                  strict-send: log
                  io-threads: 3
                """);
        assertThat(c.unsupportedCommandResult()).isEqualTo(3001);
        assertThat(c.maxMessageLength()).isEqualTo(4096);
        assertThat(c.duplicateWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.duplicateCapacity()).isEqualTo(10);
        assertThat(c.busyBackoff()).isEqualTo(Duration.ofMillis(750));
        assertThat(c.strictSend()).isEqualTo(StrictSend.LOG);
        assertThat(c.ioThreads()).isEqualTo(3);
    }

    @Test
    void limitsOutOfRangeAreFaults() {
        assertThat(
                        faults(
                                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  max-message-length: 19
                  strict-send: loud
                  io-threads: 1025
                """))
                .containsExactly(
                        "node.yaml:4:23: node.max-message-length: expected a number from 20 to 2147483647, got 19",
                        "node.yaml:5:16: node.strict-send: strict-send must be off, log or reject, not 'loud'",
                        "node.yaml:6:15: node.io-threads: expected a number from 0 to 1024, got 1025");
    }

    @Test
    void aVendorIdWiderThan32BitsIsAnUnknownApplication() {
        // Vendor-Id is Unsigned32 (RFC 6733 §5.3.3): the registry refuses what does not fit.
        assertThat(
                        faults(
                                """
                node:
                  origin-host: a.example.com
                  applications: ["vendor:4294967296:auth:1", "vendor:4294967295:acct:7"]
                """))
                .singleElement()
                .asString()
                .startsWith(
                        "node.yaml:3:18: node.applications[0]: unknown application"
                                + " \"vendor:4294967296:auth:1\"; known names:");
        assertThat(
                        load("""
                node:
                  origin-host: a.example.com
                  applications: ["vendor:4294967295:acct:7"]
                """)
                                .identity()
                                .applications())
                .containsExactly(new ApplicationId(7, -1, true));
    }
}
