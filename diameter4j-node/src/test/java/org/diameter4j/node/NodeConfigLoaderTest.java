package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML loader: a good file, and each fault with its file and line (M-16, seed 003). */
class NodeConfigLoaderTest {
    @TempDir Path dir;

    private NodeConfig load(String yaml) throws Exception {
        Path f = dir.resolve("node.yaml");
        Files.writeString(f, yaml);
        return NodeConfigLoader.load(f);
    }

    private void fails(String yaml, String... expected) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(NodeConfigException.class)
                .satisfies(
                        e -> {
                            for (String s : expected) {
                                assertThat(e.getMessage()).contains(s);
                            }
                        });
    }

    /**
     * Seed 003's node "bng-gx.realm-1.com", with loopback local addresses so it builds anywhere.
     */
    static final String GOOD =
            """
            node:
              origin-host: bng-gx.realm-1.com
              description: Authentication and Policy Management
              vendor-id: 6527
              product-name: SR-OS
              firmware-revision: 191001
              origin-state-id: 1574235027
              supported-vendor-ids: [3561, 6527, 10415, 13019]
              applications: [nasreq, gx, "auth:4", "acct:3", "vendor:10415:auth:16777251", relay]
              listen: ["aaa://127.0.0.1:0", "[::1]:0"]
              local-addresses: [127.0.0.1, "::1"]
              accept-any-peer: false
              request-timeout: 500ms
              cer-timeout: 2m
              tc: 20s
              unsupported-result: 5012
              max-message-length: 65536
            peers:
              - index: 1
                address: 2001:db8:2:6::1
                destination-host: dra-1.realm-2.com
                preference: 10
              - index: 2
                address: 172.16.7.2
                port: 3869
                destination-host: dra-2.realm-2.com
                preference: 20
                admin-state: disable
                default-peer: true
                tc: 5s
                tw: 6s
                bind: 127.0.0.1
              - index: 3
                uri: aaa://ocs.realm-1.com:3868;transport=tcp
                destination-host: ocs.realm-1.com
            """;

    @Test
    void goodFileBuildsTheWholeConfiguration() throws Exception {
        NodeConfig c = load(GOOD);
        assertThat(c.identity().originHost()).isEqualTo("bng-gx.realm-1.com");
        assertThat(c.identity().originRealm())
                .isEqualTo("realm-1.com"); // derived after the first dot
        assertThat(c.identity().vendorId()).isEqualTo(6527);
        assertThat(c.identity().productName()).isEqualTo("SR-OS");
        assertThat(c.identity().firmwareRevision()).isEqualTo(191001L);
        assertThat(c.identity().originStateId()).isEqualTo(1574235027L);
        assertThat(c.identity().supportedVendorIds()).containsExactly(3561, 6527, 10415, 13019);
        assertThat(c.identity().applications())
                .containsExactly(
                        ApplicationId.auth(1),
                        ApplicationId.vendorAuth(10415, 16777238),
                        ApplicationId.auth(4),
                        ApplicationId.acct(3),
                        ApplicationId.vendorAuth(10415, 16777251),
                        ApplicationId.relay());
        assertThat(c.listen()).hasSize(2);
        assertThat(c.listen().get(1).host()).isEqualTo("::1");
        assertThat(c.localAddresses())
                .containsExactly(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.cerTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.unsupportedCommandResult()).isEqualTo(5012);
        assertThat(c.maxMessageLength()).isEqualTo(65536);
        assertThat(c.peers()).hasSize(3);

        PeerConfig p1 = c.peers().get(0);
        assertThat(p1.index()).isEqualTo(1);
        assertThat(p1.uri())
                .isEqualTo(
                        new DiameterUri(false, "2001:db8:2:6::1", 3868, "tcp", "diameter", true));
        assertThat(p1.preference()).isEqualTo(10);
        assertThat(p1.enabled()).isTrue();
        assertThat(p1.defaultPeer()).isFalse();
        assertThat(p1.tc()).isEqualTo(Duration.ofSeconds(20)); // node-wide Tc
        assertThat(p1.tw()).isEqualTo(PeerConfig.DEFAULT_TW);

        PeerConfig p2 = c.peers().get(1);
        assertThat(p2.uri().port()).isEqualTo(3869);
        assertThat(p2.enabled()).isFalse();
        assertThat(p2.defaultPeer()).isTrue();
        assertThat(p2.tc()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p2.tw()).isEqualTo(Duration.ofSeconds(6));
        assertThat(p2.bindAddress().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.defaultPeer()).isSameAs(p2);

        PeerConfig p3 = c.peers().get(2);
        assertThat(p3.uri().host()).isEqualTo("ocs.realm-1.com");
        assertThat(p3.preference()).isEqualTo(PeerConfig.DEFAULT_PREFERENCE);
    }

    @Test
    void defaultsApplyWhenLeftOut() throws Exception {
        NodeConfig c =
                load(
                        """
                node:
                  origin-host: bng-gy.realm-1.com
                  origin-realm: other-realm.com
                  applications: gy
                """);
        assertThat(c.identity().originRealm()).isEqualTo("other-realm.com");
        assertThat(c.identity().applications()).containsExactly(ApplicationId.auth(4));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.cerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.unsupportedCommandResult()).isEqualTo(3001);
        assertThat(c.acceptAnyPeer()).isFalse();
        assertThat(c.peers()).isEmpty();
        assertThat(c.listen()).isEmpty();
    }

    @Test
    void wrongTypeNamesLineAndPath() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                peers:
                  - destination-host: x.example.com
                    address: 127.0.0.1
                  - destination-host: y.example.com
                    address: 127.0.0.1
                    preference: high
                """,
                "node.yaml:9:17: peers[1].preference: expected a number, got \"high\"");
    }

    @Test
    void unknownKeysAreErrorsWithDidYouMean() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  orign-realm: example.com
                  applications: [gy]
                  frobnicate: 1
                peers:
                  - destination-host: x.example.com
                    prefrence: 10
                """,
                "node.yaml:3:3: node: unknown key 'orign-realm' (did you mean 'origin-realm'?)",
                "node.yaml:5:3: node: unknown key 'frobnicate' — allowed keys: origin-host,",
                "node.yaml:8:5: peers[0]: unknown key 'prefrence' (did you mean 'preference'?)");
    }

    @Test
    void secondDefaultPeerNamesBothPeers() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                peers:
                  - index: 1
                    destination-host: dra-1.realm-2.com
                    default-peer: true
                  - index: 2
                    destination-host: dra-2.realm-2.com
                    default-peer: true
                """,
                "node.yaml:10:19: peers[1].default-peer: peer index 2 (dra-2.realm-2.com) and peer index 1 "
                        + "(dra-1.realm-2.com) at line 7 are both default-peer: at most one default peer");
    }

    @Test
    void duplicateIndexAndDestinationHost() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                peers:
                  - index: 1
                    destination-host: dra-1.realm-2.com
                  - index: 1
                    destination-host: DRA-1.realm-2.com
                """,
                "node.yaml:7:12: peers[1].index: index 1 is already used by the peer at line 5",
                "node.yaml:8:23: peers[1].destination-host: destination-host DRA-1.realm-2.com is already used by the peer at line 6");
    }

    @Test
    void twBelowSixSecondsIsRefused() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                peers:
                  - destination-host: x.example.com
                    tw: 5s
                """,
                "node.yaml:6:9: peers[0].tw: Tw 5s is below the minimum of 6 s (RFC 3539 §3.4.1)");
    }

    @Test
    void unknownApplicationListsTheKnownOnes() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy, gxx, "auth:x"]
                """,
                "node.yaml:3:22: node.applications[1]: unknown application \"gxx\" (did you mean 'gx'?); known names: "
                        + "nasreq, gy, ro, rf, gx, s6a, relay",
                "node.yaml:3:27: node.applications[2]: unknown application \"auth:x\"");
    }

    @Test
    void missingRequiredValues() {
        fails(
                """
                node:
                  applications: [gy]
                peers:
                  - address: 127.0.0.1
                """,
                "node.yaml:2:3: node.origin-host: required",
                "node.yaml:4:5: peers[0].destination-host: required");
    }

    @Test
    void badDurationsBooleansAndEnums() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  request-timeout: 10
                  accept-any-peer: maybe
                  unsupported-result: 3002
                peers:
                  - destination-host: x.example.com
                    admin-state: up
                    tls: tls
                """,
                "node.yaml:4:20: node.request-timeout: '10' is not a duration: write a number and its"
                        + " unit, 500ms, 10s, 1.5s, 2m or 1h (a bare number has no unit)",
                "node.yaml:5:20: node.accept-any-peer: expected true or false, got \"maybe\"",
                "node.yaml:6:23: node.unsupported-result: expected 3001",
                "node.yaml:9:18: peers[0].admin-state: expected enable or disable, got \"up\"",
                "node.yaml:10:10: peers[0].tls: expected at-connect, inband or none, got \"tls\"");
    }

    @Test
    void tlsFilesResolveAgainstTheYamlFolderAndMissingOnesAreNamed() throws Exception {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  tls: {certificate: cert.pem, key: key.pem, trust: ca.pem}
                """,
                "node.yaml:4:22: node.tls.certificate: cannot read "
                        + dir.resolve("cert.pem")
                        + ": no such file");
        Files.writeString(dir.resolve("cert.pem"), "x");
        Files.writeString(dir.resolve("key.pem"), "x");
        Files.writeString(dir.resolve("ca.pem"), "x");
        NodeConfig c =
                load(
                        """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  listen: "aaas://127.0.0.1:0"
                  tls: {certificate: cert.pem, key: key.pem, trust: ca.pem}
                peers:
                  - destination-host: x.example.com
                    address: 127.0.0.1
                    tls: at-connect
                  - destination-host: y.example.com
                    address: 127.0.0.1
                    tls: inband
                """);
        assertThat(c.listenTls().certificateChainPem()).isEqualTo(dir.resolve("cert.pem"));
        assertThat(c.peers().get(0).uri().secure()).isTrue();
        assertThat(c.peers().get(0).uri().port()).isEqualTo(5658);
        assertThat(c.peers().get(1).inbandTls()).isTrue();
        assertThat(c.peers().get(1).tls()).isNotNull();
    }

    @Test
    void tlsPeerWithoutNodeTlsAndAaasListenerWithoutTls() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  listen: ["aaas://127.0.0.1:0"]
                peers:
                  - destination-host: x.example.com
                    uri: aaas://x.example.com
                """,
                "node.yaml:4:12: node.listen[0]: aaas://127.0.0.1:0 listens with TLS (aaas://) but node.tls is not configured",
                "node.yaml:6:5: peers[0].tls: tls at-connect needs node.tls");
    }

    @Test
    void localAddressThatIsNotOnThisMachineIsRefused() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  local-addresses: [198.51.100.77]
                """,
                "node.yaml:4:21: node.local-addresses[0]: node.local-addresses[0] 198.51.100.77 is not an address of this machine");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeys() {
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy
                """,
                "node.yaml:4:1: YAML syntax:");
        fails(
                """
                node:
                  origin-host: a.example.com
                  origin-host: b.example.com
                  applications: [gy]
                """,
                "node.yaml:3:3: node.origin-host: given twice (first at line 2)");
    }

    @Test
    void dictionaryFileErrorsCarryBothFiles() throws Exception {
        Files.writeString(
                dir.resolve("my-vendor.dict"),
                "vendor 99999 Acme\navp Acme-Thing 1 Unsigned32 M vendor Acme\n");
        NodeConfig c =
                load(
                        """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  dictionaries: [my-vendor.dict]
                """);
        assertThat(c.dictionary().findAvp("Acme-Thing")).isNotNull();
        Files.writeString(dir.resolve("bad.dict"), "avp Broken 1 NoSuchType M\n");
        fails(
                """
                node:
                  origin-host: a.example.com
                  applications: [gy]
                  dictionaries: [bad.dict]
                """,
                "node.yaml:4:18: node.dictionaries[0]:",
                "bad.dict");
    }
}
