package org.diameter4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.diameter4j.testkit.TestPki.KeyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {
    @TempDir Path dir;

    @Test
    void ecCertificatesAreSignedByTheCaAndWrittenAsPem() throws Exception {
        TestPki pki = TestPki.create(dir, "unit");
        assertThat(pki.keyType()).isEqualTo(KeyType.EC);
        assertThat(pki.caCertificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=unit test CA");
        for (TestPki.Identity id : List.of(pki.server(), pki.client())) {
            id.certificate().verify(pki.caCertificate().getPublicKey());
            assertThat(id.privateKey().getAlgorithm()).isEqualTo("EC");
            assertThat(read(id.chain())).containsExactly(id.certificate(), pki.caCertificate());
            assertThat(read(id.certificateFile())).containsExactly(id.certificate());
            assertThat(Files.readString(id.key())).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(Files.readString(id.traditionalKey()))
                    .startsWith("-----BEGIN EC PRIVATE KEY-----");
            assertThat(id.certificate().getSubjectAlternativeNames())
                    .extracting(n -> (Object) n.get(1))
                    .containsExactly((Object) id.name(), "127.0.0.1", "0:0:0:0:0:0:0:1");
        }
        assertThat(pki.server().name()).isEqualTo("ocs.example.net");
        assertThat(pki.client().name()).isEqualTo("client.example.com");
        assertThat(read(pki.ca())).containsExactly(pki.caCertificate());
    }

    @Test
    void rsaWithATraditionalKeyForGnuTls() throws Exception {
        TestPki pki =
                TestPki.builder("fd.example.net")
                        .keyType(KeyType.RSA)
                        .serverName("fd.example.net")
                        .create(dir.resolve("sub"));
        assertThat(pki.server().privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(pki.server().certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=fd.example.net");
        pki.server().certificate().verify(pki.caCertificate().getPublicKey());
        assertThat(Files.readString(pki.server().traditionalKey()))
                .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    }

    @Test
    void theWrongCaSignsCertificatesOfTheSameNames() throws Exception {
        TestPki pki = TestPki.create(dir, "good");
        TestPki wrong = pki.wrongCa();
        assertThat(pki.wrongCa()).isSameAs(wrong);
        assertThat(wrong.ca()).isNotEqualTo(pki.ca()).exists();
        assertThat(wrong.server().name()).isEqualTo(pki.server().name());
        X509Certificate stranger = wrong.server().certificate();
        stranger.verify(wrong.caCertificate().getPublicKey());
        assertThatThrownBy(() -> stranger.verify(pki.caCertificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
        assertThat(pki.server().certificate().getSerialNumber())
                .isNotEqualTo(stranger.getSerialNumber());
    }

    private static List<X509Certificate> read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c)
                    .toList();
        }
    }
}
