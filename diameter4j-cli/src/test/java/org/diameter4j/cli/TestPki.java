package org.diameter4j.cli;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA with a server certificate (ocs.example.net, 127.0.0.1) and a client certificate
 * (client.example.com), as PEM files in a folder.
 */
final class TestPki {
    final Path ca;
    final Path serverCert;
    final Path serverKey;
    final Path clientCert;
    final Path clientKey;

    TestPki(Path dir, String caName) throws Exception {
        Files.createDirectories(dir);
        KeyPair caKeys = keys();
        X500Name issuer = new X500Name("CN=" + caName);
        ca =
                pem(
                        dir.resolve("ca.pem"),
                        "CERTIFICATE",
                        sign(issuer, caKeys, issuer, caKeys, true, null));
        KeyPair s = keys();
        serverCert =
                pem(
                        dir.resolve("server.pem"),
                        "CERTIFICATE",
                        sign(
                                new X500Name("CN=ocs.example.net"),
                                s,
                                issuer,
                                caKeys,
                                false,
                                "ocs.example.net"));
        serverKey = pem(dir.resolve("server.key"), "PRIVATE KEY", s.getPrivate().getEncoded());
        KeyPair c = keys();
        clientCert =
                pem(
                        dir.resolve("client.pem"),
                        "CERTIFICATE",
                        sign(
                                new X500Name("CN=client.example.com"),
                                c,
                                issuer,
                                caKeys,
                                false,
                                "client.example.com"));
        clientKey = pem(dir.resolve("client.key"), "PRIVATE KEY", c.getPrivate().getEncoded());
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static byte[] sign(
            X500Name subject,
            KeyPair subjectKeys,
            X500Name issuer,
            KeyPair issuerKeys,
            boolean isCa,
            String dns)
            throws Exception {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b =
                new JcaX509v3CertificateBuilder(
                        issuer,
                        BigInteger.valueOf(now).add(BigInteger.valueOf(System.nanoTime() & 0xffff)),
                        new Date(now - 60_000),
                        new Date(now + 86_400_000L),
                        subject,
                        subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        b.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(
                        isCa
                                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                : KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        if (dns != null) {
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(
                            new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, dns),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                            }));
        }
        X509Certificate cert =
                new JcaX509CertificateConverter()
                        .getCertificate(
                                b.build(
                                        new JcaContentSignerBuilder("SHA256withECDSA")
                                                .build(issuerKeys.getPrivate())));
        return cert.getEncoded();
    }

    private static Path pem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(
                file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }
}
