package org.diameter4j.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds Netty {@link SslContext}s (JDK provider) from {@link TlsConfig}s (RFC 6733 §13). */
final class SslContexts {
    private SslContexts() {}

    /** A client context: presents its certificate when it has one, verifies the server. */
    static SslContext client(TlsConfig c) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (c.certificateChainPem() != null) {
                b.keyManager(c.certificateChainPem().toFile(), c.privateKeyPem().toFile());
            } else if (c.keyStore() != null) {
                b.keyManager(keyManagers(c));
            }
            return common(b, c).build();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw invalid(c, e);
        }
    }

    /** A server context: needs its own certificate; requires (or requests) the client's. */
    static SslContext server(TlsConfig c) {
        if (!c.hasOwnCertificate()) {
            throw new IllegalArgumentException(
                    "TLS: a server needs its own certificate: set"
                            + " certificateChainPem and privateKeyPem, or keyStore");
        }
        try {
            SslContextBuilder b =
                    c.certificateChainPem() != null
                            ? SslContextBuilder.forServer(
                                    c.certificateChainPem().toFile(), c.privateKeyPem().toFile())
                            : SslContextBuilder.forServer(keyManagers(c));
            b.clientAuth(c.requireClientCertificate() ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
            return common(b, c).build();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw invalid(c, e);
        }
    }

    private static SslContextBuilder common(SslContextBuilder b, TlsConfig c)
            throws IOException, GeneralSecurityException {
        if (c.trustCertificatesPem() != null) {
            b.trustManager(c.trustCertificatesPem().toFile());
        } else if (c.trustStore() != null) {
            KeyStore ts = KeyStore.getInstance(c.trustStore().toFile(), c.trustStorePassword());
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            b.trustManager(tmf);
        }
        // Peers are identified by Origin-Host at CER/CEA, not by the name used to reach them.
        return b.sslProvider(SslProvider.JDK)
                .protocols(c.protocols())
                .endpointIdentificationAlgorithm(null);
    }

    private static KeyManagerFactory keyManagers(TlsConfig c)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(c.keyStore().toFile(), c.keyStorePassword());
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, c.keyStorePassword());
        return kmf;
    }

    private static IllegalArgumentException invalid(TlsConfig c, Exception e) {
        if (e instanceof IllegalArgumentException iae
                && iae.getMessage() != null
                && iae.getMessage().startsWith("TLS: ")) {
            return iae;
        }
        return new IllegalArgumentException("TLS: cannot use " + c + ": " + e.getMessage(), e);
    }
}
