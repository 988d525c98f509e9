package org.diameter4j.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.cli.Main;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.testkit.TestPki;
import org.diameter4j.transport.TlsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code d4j client} over TLS at connect ({@code aaas://}, RFC 6733 §13) in-process against a
 * loopback {@link DiameterNode} TLS listener that requires a client certificate, with the testkit's
 * certificates.
 */
@Timeout(30)
class ClientTlsTest {
    @TempDir static Path dir;

    static TestPki pki;
    static DiameterNode server;
    static String peer;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void startServer() {
        pki = TestPki.create(dir, "client-tls");
        server =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("aaas://127.0.0.1:0")
                                .listenTls(
                                        TlsConfig.pem(
                                                pki.server().chain(), pki.server().key(), pki.ca()))
                                .acceptAnyPeer(true)
                                .build());
        server.handle(
                4, 272, (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001)));
        peer = "aaas://127.0.0.1:" + server.listenAddresses().get(0).getPort();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static Run client(Path ca, String... more) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "client",
                                peer,
                                "--origin-host",
                                "client.example.com",
                                "--send",
                                "ccr-event",
                                "--connect-timeout",
                                "5s",
                                "--tls-ca",
                                ca.toString(),
                                "--tls-cert",
                                pki.client().chain().toString(),
                                "--tls-key",
                                pki.client().key().toString()));
        a.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(a.toArray(String[]::new), o, e);
        }
        Run r = new Run(exit, out.toString(), err.toString());
        assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("internal error");
        return r;
    }

    @Test
    void mutualTlsWithTheRightCaSucceeds() {
        Run r = client(pki.ca());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("CCA 2001 DIAMETER_SUCCESS").contains("Summary:");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aServerSignedByAnotherCaExits3NamingTls() {
        Run r = client(pki.wrongCa().ca());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("DIAMETER_SUCCESS");
        assertThat(r.err()).contains("cannot connect to").contains("TLS");
    }
}
