package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.KeyStore.PrivateKeyEntry;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.testkit.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LeakCheck.class)
class TlsConfigTest {
    @TempDir static Path dir;

    static TestPki pki;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir, "config");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("x.pem");
        assertThatThrownBy(() -> TlsConfig.pem(missing, pki.server().key(), pki.ca()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TLS: cannot read certificate chain " + missing + ": no such file");
        assertThatThrownBy(() -> TlsConfig.pem(pki.server().chain(), pki.server().key(), dir))
                .hasMessage("TLS: cannot read trust certificates " + dir + ": is a directory");
    }

    @Test
    void defaults() {
        TlsConfig c = TlsConfig.pem(pki.server().chain(), pki.server().key(), pki.ca());
        assertThat(c.requireClientCertificate()).isTrue();
        assertThat(c.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(c.hasOwnCertificate()).isTrue();
        assertThat(TlsConfig.trustOnly(pki.ca()).hasOwnCertificate()).isFalse();
    }

    @Test
    void inconsistentSettingsAreRefused() {
        assertThatThrownBy(
                        () ->
                                new TlsConfig(
                                        pki.server().chain(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        true,
                                        null))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> TlsConfig.trustOnly(pki.ca()).withProtocols(List.of()))
                .hasMessageContaining("protocols must not be empty");
    }

    @Test
    void passwordsAreNotShown() {
        TlsConfig c = TlsConfig.keyStore(pki.ca(), "secret".toCharArray(), null, null);
        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void badPemContentIsReportedWhenUsed() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        TlsConfig c = TlsConfig.pem(junk, pki.server().key(), pki.ca());
        try (Transport t = Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT))) {
            var f =
                    t.listen(
                            new InetSocketAddress("127.0.0.1", 0),
                            TransportProtocol.TCP,
                            c,
                            x -> new RecordingHandler());
            assertThatThrownBy(f::get)
                    .cause()
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("TLS: cannot use")
                    .hasMessageContaining("junk.pem");
        }
    }

    @Test
    void keyStoresWork() throws Exception {
        char[] pw = "changeit".toCharArray();
        Path serverKs = pkcs12(pki.server(), pw, "server.p12");
        Path clientKs = pkcs12(pki.client(), pw, "client.p12");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", readCerts(pki.ca())[0]);
        Path ts = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(ts)) {
            trust.store(out, pw);
        }
        try (Transport t = Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT))) {
            RecordingHandler server = new RecordingHandler();
            Listener l =
                    t.listen(
                                    new InetSocketAddress("127.0.0.1", 0),
                                    TransportProtocol.TCP,
                                    TlsConfig.keyStore(serverKs, pw, ts, pw),
                                    x -> server)
                            .get(5, TimeUnit.SECONDS);
            Connection c =
                    t.connect(
                                    l.localAddress(),
                                    null,
                                    TransportProtocol.TCP,
                                    TlsConfig.keyStore(clientKs, pw, ts, pw),
                                    null,
                                    new RecordingHandler())
                            .get(5, TimeUnit.SECONDS);
            assertThat(c.peerCertificates().get(0)).isEqualTo(pki.server().certificate());
            c.send(Messages.dwr(9));
            assertThat(server.next().hopByHop()).isEqualTo(9);
        }
    }

    private static Path pkcs12(TestPki.Identity id, char[] pw, String name) throws Exception {
        String pem = Files.readString(id.key());
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key =
                KeyFactory.getInstance("EC")
                        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setEntry(
                "me",
                new PrivateKeyEntry(key, readCerts(id.chain())),
                new KeyStore.PasswordProtection(pw));
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, pw);
        }
        return p;
    }

    private static Certificate[] readCerts(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .toArray(Certificate[]::new);
        }
    }
}
