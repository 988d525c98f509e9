package org.diameter4j.testkit.mock;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.diameter4j.testkit.TestPki;

/** The TLS listener of a mock server: {@link TestPki}'s server certificate, no client auth. */
final class MockTls {
    private MockTls() {}

    static ServerSocket serverSocket(TestPki pki) throws IOException {
        try {
            char[] pw = "mock".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, pw);
            ks.setKeyEntry(
                    "server",
                    pki.server().privateKey(),
                    pw,
                    new Certificate[] {pki.server().certificate(), pki.caCertificate()});
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx.getServerSocketFactory().createServerSocket();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS from " + pki + ": " + e.getMessage(), e);
        }
    }
}
