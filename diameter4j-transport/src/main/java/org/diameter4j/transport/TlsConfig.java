package org.diameter4j.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * TLS settings for Diameter over TLS/TCP (RFC 6733 §13: TLS right after the TCP connect, the "aaas"
 * scheme) and for in-band TLS after CER/CEA (RFC 3588 §13, the Inband-Security-Id AVP value TLS).
 *
 * <p>Own identity: a PEM certificate chain with its PEM private key (PKCS#8, unencrypted), or a key
 * store (PKCS#12 or JKS) — or none, for a client that presents no certificate. Trust: a PEM bundle
 * of CA certificates or a trust store; with neither, the JDK's default trust store.
 *
 * <p>Mutual authentication (RFC 6733 §13: "mutual authentication ... MUST be used") is on in the
 * factories: a server requires a client certificate. Hostname verification is off: Diameter peers
 * are identified by the Origin-Host they send in CER/CEA (RFC 6733 §5.3, §13), which the peer layer
 * checks against {@link Connection#peerCertificates()}; the certificate chain itself is always
 * verified against the trust material.
 *
 * <p>Files are checked when the record is built ("TLS: cannot read certificate chain /x.pem: no
 * such file"); their contents when a {@link Transport} first uses the settings.
 *
 * @param certificateChainPem own certificate chain, PEM; with {@code privateKeyPem}
 * @param privateKeyPem own private key, PEM (PKCS#8)
 * @param keyStore own key and chain in a PKCS#12 or JKS store, instead of the two PEM files
 * @param keyStorePassword the key store's password (also used for the key)
 * @param trustCertificatesPem CA certificates to verify the peer with, PEM
 * @param trustStore CA certificates in a PKCS#12 or JKS store, instead of the PEM bundle
 * @param trustStorePassword the trust store's password, may be null
 * @param requireClientCertificate as a server: reject clients without a certificate
 * @param protocols enabled protocol versions; null = TLSv1.3, TLSv1.2
 */
public record TlsConfig(
        Path certificateChainPem,
        Path privateKeyPem,
        Path keyStore,
        char[] keyStorePassword,
        Path trustCertificatesPem,
        Path trustStore,
        char[] trustStorePassword,
        boolean requireClientCertificate,
        List<String> protocols) {

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsConfig {
        if ((certificateChainPem == null) != (privateKeyPem == null)) {
            throw new IllegalArgumentException(
                    "TLS: certificateChainPem and privateKeyPem go together: set both or neither");
        }
        if (certificateChainPem != null && keyStore != null) {
            throw new IllegalArgumentException(
                    "TLS: set either the PEM certificate chain and key or a key store, not both");
        }
        if (trustCertificatesPem != null && trustStore != null) {
            throw new IllegalArgumentException(
                    "TLS: set either a PEM trust bundle or a trust store, not both");
        }
        protocols = protocols == null ? DEFAULT_PROTOCOLS : List.copyOf(protocols);
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("TLS: protocols must not be empty");
        }
        checkReadable("certificate chain", certificateChainPem);
        checkReadable("private key", privateKeyPem);
        checkReadable("key store", keyStore);
        checkReadable("trust certificates", trustCertificatesPem);
        checkReadable("trust store", trustStore);
    }

    /** Own chain and key in PEM, trusted CAs in PEM (may be null: JDK default); mutual auth on. */
    public static TlsConfig pem(Path chain, Path key, Path trust) {
        return new TlsConfig(chain, key, null, null, trust, null, null, true, null);
    }

    /**
     * Own key in a key store, trusted CAs in a trust store (may be null: JDK default); mutual auth
     * on.
     */
    public static TlsConfig keyStore(Path ks, char[] pw, Path ts, char[] tsPw) {
        return new TlsConfig(null, null, ks, pw, null, ts, tsPw, true, null);
    }

    /** No own certificate (a client that does not authenticate), trusted CAs in PEM. */
    public static TlsConfig trustOnly(Path trust) {
        return new TlsConfig(null, null, null, null, trust, null, null, true, null);
    }

    public TlsConfig withRequireClientCertificate(boolean require) {
        return new TlsConfig(
                certificateChainPem,
                privateKeyPem,
                keyStore,
                keyStorePassword,
                trustCertificatesPem,
                trustStore,
                trustStorePassword,
                require,
                protocols);
    }

    public TlsConfig withProtocols(List<String> enabled) {
        return new TlsConfig(
                certificateChainPem,
                privateKeyPem,
                keyStore,
                keyStorePassword,
                trustCertificatesPem,
                trustStore,
                trustStorePassword,
                requireClientCertificate,
                enabled);
    }

    /** True when a certificate of its own is configured (needed to be a server). */
    public boolean hasOwnCertificate() {
        return certificateChainPem != null || keyStore != null;
    }

    /** Passwords are not shown. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TlsConfig[");
        if (certificateChainPem != null) {
            b.append("chain=").append(certificateChainPem).append(", key=").append(privateKeyPem);
        } else if (keyStore != null) {
            b.append("keyStore=").append(keyStore);
        } else {
            b.append("no own certificate");
        }
        b.append(", trust=")
                .append(
                        trustCertificatesPem != null
                                ? trustCertificatesPem
                                : trustStore != null ? trustStore : "JDK default");
        return b.append(", requireClientCertificate=")
                .append(requireClientCertificate)
                .append(", protocols=")
                .append(protocols)
                .append(']')
                .toString();
    }

    private static void checkReadable(String what, Path p) {
        if (p == null) {
            return;
        }
        String why =
                !Files.exists(p)
                        ? "no such file"
                        : Files.isDirectory(p)
                                ? "is a directory"
                                : !Files.isReadable(p) ? "permission denied" : null;
        if (why != null) {
            throw new IllegalArgumentException("TLS: cannot read " + what + " " + p + ": " + why);
        }
    }
}
