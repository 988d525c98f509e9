package org.diameter4j.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA with server and client certificates (EC P-256), written as PEM files into a folder. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate chain file (leaf, then CA) and its PKCS#8 key file. */
    record Identity(Path chain, Path key, X509Certificate certificate) {}

    final Path caPem;
    final Identity server;
    final Identity client;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    TestPki(Path dir, String name) throws Exception {
        caKeys = keyPair();
        X500Name caName = new X500Name("CN=" + name + " test CA");
        X509v3CertificateBuilder b = builder(caName, caName, caKeys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(
                Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca = sign(b, caKeys);
        caPem = write(dir.resolve(name + "-ca.pem"), pem("CERTIFICATE", ca.getEncoded()));
        server = leaf(dir, name, "server.example.net");
        client = leaf(dir, name, "client.example.net");
    }

    private Identity leaf(Path dir, String name, String cn) throws Exception {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder b =
                builder(new X500Name("CN=" + name + " test CA"), new X500Name("CN=" + cn), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(
                Extension.extendedKeyUsage,
                false,
                new ExtendedKeyUsage(
                        new KeyPurposeId[] {
                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                        }));
        b.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(
                        new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, cn),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.iPAddress, "::1")
                        }));
        X509Certificate cert = sign(b, caKeys);
        String prefix = name + "-" + cn.substring(0, cn.indexOf('.'));
        Path chain =
                write(
                        dir.resolve(prefix + ".pem"),
                        pem("CERTIFICATE", cert.getEncoded())
                                + pem("CERTIFICATE", ca.getEncoded()));
        Path key =
                write(
                        dir.resolve(prefix + "-key.pem"),
                        pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return new Identity(chain, key, cert);
    }

    TlsConfig serverTls() {
        return TlsConfig.pem(server.chain(), server.key(), caPem);
    }

    TlsConfig clientTls() {
        return TlsConfig.pem(client.chain(), client.key(), caPem);
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(
                                new JcaContentSignerBuilder("SHA256withECDSA")
                                        .build(issuer.getPrivate())));
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }

    private static Path write(Path p, String text) throws IOException {
        return Files.writeString(p, text, StandardCharsets.US_ASCII);
    }
}
