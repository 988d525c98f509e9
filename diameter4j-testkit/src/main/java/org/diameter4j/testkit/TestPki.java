package org.diameter4j.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests: a CA ({@code CN=<name> test CA}), a server and a client
 * certificate signed by it, written as PEM files into a folder, and on demand a {@linkplain
 * #wrongCa() wrong CA} with certificates of the same names.
 *
 * <p>Both leaf certificates are valid for TLS server and client authentication (extended key usage
 * serverAuth and clientAuth), for their DNS name and the loopback addresses 127.0.0.1 and ::1, from
 * an hour ago for two days. Keys are EC P-256 (the default) or RSA 2048 ({@link KeyType}).
 *
 * <p>Files, in the folder given to {@link Builder#create(Path)} (created when missing), each name
 * starting with the PKI's name: {@code <name>-ca.pem}; per identity ({@code server}, {@code
 * client}) {@code <name>-<role>.pem} (the certificate), {@code <name>-<role>-chain.pem} (the
 * certificate, then the CA), {@code <name>-<role>-key.pem} (the private key, PKCS#8) and {@code
 * <name>-<role>-key-traditional.pem} (the private key as OpenSSL's traditional format: PKCS#1 for
 * RSA, SEC 1 for EC). Several PKIs with different names can share one folder.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** The key algorithm of every certificate of a PKI. */
    public enum KeyType {
        /** EC on P-256 (secp256r1), signed SHA256withECDSA. */
        EC,
        /** RSA 2048, signed SHA256withRSA: for GnuTLS-based peers such as freeDiameter. */
        RSA
    }

    /**
     * A certificate and its key, as objects and as PEM files.
     *
     * @param name the DNS name, also the subject's CN
     * @param certificate the certificate
     * @param privateKey its private key
     * @param certificateFile the certificate alone (PEM)
     * @param chain the certificate then the CA's (PEM): what a TLS endpoint presents
     * @param key the private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
     * @param traditionalKey the private key in OpenSSL's traditional format ({@code BEGIN RSA
     *     PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY})
     */
    public record Identity(
            String name,
            X509Certificate certificate,
            PrivateKey privateKey,
            Path certificateFile,
            Path chain,
            Path key,
            Path traditionalKey) {}

    /** Settings of a PKI; {@link #create(Path)} makes it. */
    public static final class Builder {
        private final String name;
        private KeyType keyType = KeyType.EC;
        private String serverName = "ocs.example.net";
        private String clientName = "client.example.com";

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** EC (the default) or RSA. */
        public Builder keyType(KeyType type) {
            this.keyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** The server certificate's DNS name and CN; default {@code ocs.example.net}. */
        public Builder serverName(String dnsName) {
            this.serverName = Objects.requireNonNull(dnsName, "dnsName");
            return this;
        }

        /** The client certificate's DNS name and CN; default {@code client.example.com}. */
        public Builder clientName(String dnsName) {
            this.clientName = Objects.requireNonNull(dnsName, "dnsName");
            return this;
        }

        /** Generates the keys and certificates and writes their PEM files into {@code dir}. */
        public TestPki create(Path dir) {
            return new TestPki(this, dir);
        }
    }

    private final Builder settings;
    private final Path dir;
    private final KeyPair caKeys;
    private final X500Name caName;
    private final X509Certificate caCertificate;
    private final Path ca;
    private final Identity server;
    private final Identity client;
    private TestPki wrongCa;

    /**
     * An EC PKI named {@code name} in {@code dir}: server {@code ocs.example.net}, client {@code
     * client.example.com}.
     */
    public static TestPki create(Path dir, String name) {
        return builder(name).create(dir);
    }

    /** The settings of a PKI named {@code name} (its CA is {@code CN=<name> test CA}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    private TestPki(Builder settings, Path dir) {
        this.settings = settings;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            caKeys = keyPair(settings.keyType);
            caName = new X500Name("CN=" + settings.name + " test CA");
            X509v3CertificateBuilder b = builder(caName, caName, caKeys);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            caCertificate = sign(b, caKeys, settings.keyType);
            ca = write(file("ca.pem"), pem("CERTIFICATE", caCertificate.getEncoded()));
            server = leaf("server", settings.serverName);
            client = leaf("client", settings.clientName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test PKI into " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the test PKI: " + e, e);
        }
    }

    /** The PKI's name, the prefix of its files. */
    public String name() {
        return settings.name;
    }

    public KeyType keyType() {
        return settings.keyType;
    }

    /** The CA certificate's PEM file: the trust anchor to give both sides. */
    public Path ca() {
        return ca;
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** The server's certificate (CN and DNS name {@link Builder#serverName}). */
    public Identity server() {
        return server;
    }

    /** The client's certificate (CN and DNS name {@link Builder#clientName}). */
    public Identity client() {
        return client;
    }

    /**
     * Another PKI, {@code <name>-wrong}, in the same folder with the same names and key type but a
     * CA of its own: its certificates are not trusted by this PKI's CA, nor this PKI's by its CA.
     * Made on the first call.
     */
    public synchronized TestPki wrongCa() {
        if (wrongCa == null) {
            wrongCa =
                    builder(settings.name + "-wrong")
                            .keyType(settings.keyType)
                            .serverName(settings.serverName)
                            .clientName(settings.clientName)
                            .create(dir);
        }
        return wrongCa;
    }

    @Override
    public String toString() {
        return "TestPki[" + settings.name + ", " + settings.keyType + ", " + dir + "]";
    }

    private Identity leaf(String role, String dnsName)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair keys = keyPair(settings.keyType);
        X509v3CertificateBuilder b = builder(caName, new X500Name("CN=" + dnsName), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(
                        settings.keyType == KeyType.EC
                                ? KeyUsage.digitalSignature | KeyUsage.keyAgreement
                                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
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
                            new GeneralName(GeneralName.dNSName, dnsName),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.iPAddress, "::1")
                        }));
        X509Certificate cert = sign(b, caKeys, settings.keyType);
        String certPem = pem("CERTIFICATE", cert.getEncoded());
        Path certificateFile = write(file(role + ".pem"), certPem);
        Path chain =
                write(
                        file(role + "-chain.pem"),
                        certPem + pem("CERTIFICATE", caCertificate.getEncoded()));
        Path key =
                write(file(role + "-key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        Path traditional =
                write(file(role + "-key-traditional.pem"), traditionalPem(keys.getPrivate()));
        return new Identity(
                dnsName, cert, keys.getPrivate(), certificateFile, chain, key, traditional);
    }

    private Path file(String suffix) {
        return dir.resolve(settings.name.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + suffix);
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

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer, KeyType type)
            throws OperatorCreationException, GeneralSecurityException {
        String algorithm = type == KeyType.EC ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter()
                .getCertificate(
                        b.build(new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate())));
    }

    private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
        if (type == KeyType.EC) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
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

    private static String traditionalPem(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(key);
        }
        return out.toString();
    }

    private static Path write(Path p, String text) throws IOException {
        return Files.writeString(p, text, StandardCharsets.US_ASCII);
    }
}
