package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.PeerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One item of {@code peers}: where the peer is (address and port, or a Diameter URI, RFC 6733
 * §4.3.1), its TLS mode and its timers, and the faults of each.
 */
class PeerEntryTest {
    @TempDir Path dir;

    private static final String NODE =
            """
            node:
              origin-host: a.example.com
              applications: [gy]
            """;
    private static final String NODE_WITH_TLS =
            NODE + "  tls: {certificate: cert.pem, key: key.pem, trust: ca.pem}\n";

    @BeforeEach
    void tlsFiles() throws Exception {
        for (String f : List.of("cert.pem", "key.pem", "ca.pem")) {
            Files.writeString(dir.resolve(f), "x");
        }
    }

    private NodeConfig load(String yaml) {
        return NodeConfigLoader.parse(yaml, "node.yaml", dir);
    }

    private List<String> faults(String yaml) {
        return catchThrowableOfType(NodeConfigException.class, () -> load(yaml)).problems();
    }

    @Test
    void anAddressTakesBracketsAndThePortDefaultsTo3868() {
        NodeConfig c =
                load(
                        NODE
                                + """
                        peers:
                          - destination-host: x.example.com
                            address: "[2001:db8::1]"
                          - destination-host: y.example.com
                            address: y.example.com
                            port: 3870
                          - destination-host: z.example.com
                        """);
        assertThat(c.peers().get(0).uri())
                .isEqualTo(new DiameterUri(false, "2001:db8::1", 3868, "tcp", "diameter", true));
        assertThat(c.peers().get(1).uri())
                .isEqualTo(new DiameterUri(false, "y.example.com", 3870, "tcp", "diameter", true));
        assertThat(c.peers().get(2).uri()).isNull(); // only accepts the peer's connections
    }

    @Test
    void aUriWithoutSchemeIsAaaAndAnAaasUriMeansTlsAtConnect() {
        NodeConfig c =
                load(
                        NODE_WITH_TLS
                                + """
                        peers:
                          - destination-host: x.example.com
                            uri: x.example.com:3870
                          - destination-host: y.example.com
                            uri: aaas://y.example.com
                        """);
        PeerConfig plain = c.peers().get(0);
        assertThat(plain.uri().secure()).isFalse();
        assertThat(plain.uri().port()).isEqualTo(3870);
        assertThat(plain.tls()).isNull();
        PeerConfig secure = c.peers().get(1);
        assertThat(secure.uri().secure()).isTrue();
        assertThat(secure.tls()).isSameAs(c.listenTls());
        assertThat(secure.inbandTls()).isFalse();
    }

    @Test
    void whereFaults() {
        assertThat(
                        faults(
                                NODE
                                        + """
                        peers:
                          - destination-host: w.example.com
                            address: 127.0.0.1
                            uri: aaa://127.0.0.1
                          - destination-host: x.example.com
                            uri: aaa://x.example.com
                            port: 3870
                          - destination-host: y.example.com
                            port: 3870
                          - destination-host: z.example.com
                            address: "z example.com"
                        """))
                .containsExactly(
                        "node.yaml:7:10: peers[0].uri: give either address (with port) or uri, not both",
                        "node.yaml:10:11: peers[1].port: the port goes into the uri (aaa://host:port) when uri is used",
                        "node.yaml:12:11: peers[2].port: a port without an address: add address (or uri)",
                        "node.yaml:14:14: peers[3].address: expected an IP address or a host name, got \"z example.com\"");
    }

    @Test
    void theTlsModeMustAgreeWithTheUri() {
        assertThat(
                        faults(
                                NODE_WITH_TLS
                                        + """
                        peers:
                          - destination-host: x.example.com
                            uri: aaas://x.example.com
                            tls: inband
                          - destination-host: y.example.com
                            uri: aaa://y.example.com
                            tls: at-connect
                          - destination-host: z.example.com
                            tls: inbnd
                        """))
                .containsExactly(
                        "node.yaml:8:10: peers[0].tls: the uri aaas://x.example.com is aaas:// (TLS at connect) but tls is inband",
                        "node.yaml:11:10: peers[1].tls: tls is at-connect but the uri aaa://y.example.com is aaa://: write aaas://",
                        "node.yaml:13:10: peers[2].tls: expected at-connect, inband or none, got \"inbnd\" (did you mean 'inband'?)");
    }

    @Test
    void tcAndTwDefaultToTheNodesAndCeaDpaTimeoutsAreThePeers() {
        NodeConfig c =
                load(
                        NODE
                                + """
                          tc: 12s
                          tw: 8s
                        peers:
                          - destination-host: x.example.com
                          - destination-host: y.example.com
                            tc: 3s
                            tw: 20s
                            cea-timeout: 4s
                            dpa-timeout: 1s
                        """);
        PeerConfig inherits = c.peers().get(0);
        assertThat(inherits.tc()).isEqualTo(Duration.ofSeconds(12));
        assertThat(inherits.tw()).isEqualTo(Duration.ofSeconds(8));
        assertThat(inherits.ceaTimeout()).isEqualTo(PeerConfig.DEFAULT_CEA_TIMEOUT);
        PeerConfig own = c.peers().get(1);
        assertThat(own.tc()).isEqualTo(Duration.ofSeconds(3));
        assertThat(own.tw()).isEqualTo(Duration.ofSeconds(20));
        assertThat(own.ceaTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(own.dpaTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aZeroTcIsRefusedWhereItIsWrittenOrAtThePeerThatInheritsIt() {
        assertThat(
                        faults(
                                NODE
                                        + """
                          tc: 0s
                          tw: 5s
                        peers:
                          - destination-host: x.example.com
                          - destination-host: y.example.com
                            tc: 0ms
                        """))
                .containsExactly(
                        "node.yaml:5:7: node.tw: Tw 5s is below the minimum of 6 s (RFC 3539 §3.4.1)",
                        "node.yaml:7:5: peers[0].tc: Tc must be positive",
                        "node.yaml:9:9: peers[1].tc: Tc must be positive");
    }

    @Test
    void bindIsAnIpAddressNotAHostName() {
        assertThat(
                        faults(
                                NODE
                                        + """
                        peers:
                          - destination-host: x.example.com
                            bind: localhost
                        """))
                .containsExactly(
                        "node.yaml:6:11: peers[0].bind: expected an IPv4 or IPv6 address, got \"localhost\"");
    }
}
