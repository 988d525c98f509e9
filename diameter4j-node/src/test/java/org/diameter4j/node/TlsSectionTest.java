package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.diameter4j.transport.TlsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code node.tls}: PEM files or key stores, their pairing, and the defaults. */
class TlsSectionTest {
    @TempDir Path dir;

    private static final String NODE =
            """
            node:
              origin-host: a.example.com
              applications: [gy]
            """;

    @BeforeEach
    void files() throws Exception {
        for (String f : List.of("cert.pem", "key.pem", "ca.pem", "own.p12", "trust.p12")) {
            Files.writeString(dir.resolve(f), "x");
        }
    }

    private TlsConfig tls(String tls) {
        return NodeConfigLoader.parse(NODE + tls, "node.yaml", dir).listenTls();
    }

    private List<String> faults(String tls) {
        return catchThrowableOfType(
                        NodeConfigException.class,
                        () -> NodeConfigLoader.parse(NODE + tls, "node.yaml", dir))
                .problems();
    }

    @Test
    void pemFilesRequireAClientCertificateAndKeepTheDefaultProtocols() {
        TlsConfig t = tls("  tls: {certificate: cert.pem, key: key.pem, trust: ca.pem}\n");
        assertThat(t.certificateChainPem()).isEqualTo(dir.resolve("cert.pem"));
        assertThat(t.privateKeyPem()).isEqualTo(dir.resolve("key.pem"));
        assertThat(t.trustCertificatesPem()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(t.requireClientCertificate()).isTrue();
        assertThat(t.protocols()).isEqualTo(TlsConfig.DEFAULT_PROTOCOLS);
    }

    @Test
    void keyStoresWithPasswordsAndChosenProtocols() {
        TlsConfig t =
                tls(
                        """
                          tls:
                            keystore: own.p12
                            keystore-password: secret
                            truststore: trust.p12
                            truststore-password: public
                            require-client-certificate: false
                            protocols: TLSv1.3
                        """);
        assertThat(t.keyStore()).isEqualTo(dir.resolve("own.p12"));
        assertThat(t.keyStorePassword()).isEqualTo("secret".toCharArray());
        assertThat(t.trustStore()).isEqualTo(dir.resolve("trust.p12"));
        assertThat(t.trustStorePassword()).isEqualTo("public".toCharArray());
        assertThat(t.requireClientCertificate()).isFalse();
        assertThat(t.protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void aCertificateWithoutItsKeyIsOneFaultAtTheSection() {
        assertThat(faults("  tls: {certificate: cert.pem, trust: ca.pem}\n"))
                .containsExactly(
                        "node.yaml:4:8: node.tls: certificate and key go together: set both (or a keystore)");
    }

    @Test
    void aMissingFileIsNotAlsoReportedAsAnUnpairedCertificate() {
        assertThat(faults("  tls: {certificate: nope.pem, key: key.pem}\n"))
                .containsExactly(
                        "node.yaml:4:22: node.tls.certificate: cannot read "
                                + dir.resolve("nope.pem")
                                + ": no such file");
    }

    @Test
    void whatTlsConfigRefusesIsReportedAtTheSection() {
        assertThat(faults("  tls: {certificate: cert.pem, key: key.pem, keystore: own.p12}\n"))
                .containsExactly(
                        "node.yaml:4:8: node.tls: TLS: set either the PEM certificate chain and key"
                                + " or a key store, not both");
    }
}
