package org.diameter4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each example's run method, on loopback, ports chosen by the OS. */
@Timeout(60)
class ExamplesTest {
    private static final Dictionary D = Dictionary.standard();

    /** A PrintStream tests can read back. */
    static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void gyClientByNameAgainstTheTerminatorGets5012ByName() {
        Output server = new Output();
        Output client = new Output();
        try (DiameterNode terminator =
                TerminatorServer.start(
                        server.out, "127.0.0.1:0", "terminator.example.net", List.of())) {
            int port = terminator.listenAddresses().get(0).getPort();
            int exit =
                    LoadBalancedGyClient.run(
                            client.out,
                            "localhost", // resolved by the stack, like an NLB's FQDN
                            port,
                            "terminator.example.net",
                            "client01.diameter.eseye.net",
                            Duration.ofSeconds(10));
            assertThat(exit).isEqualTo(1);
        }
        assertThat(client.text())
                .contains("connecting to aaa://localhost:")
                .contains("ready: terminator.example.net")
                .contains(
                        "sending CCR (EVENT_REQUEST, SMS) Session-Id client01.diameter.eseye.net;")
                .contains("CCA Result-Code 5012 DIAMETER_UNABLE_TO_COMPLY")
                .contains("Error-Message: command 272 of application 4 is not supported here")
                .contains("closing: DPR to terminator.example.net");
        assertThat(server.text())
                .contains("listening on 127.0.0.1:")
                .contains("advertising the Relay application")
                .contains("-> CEA to client01.diameter.eseye.net")
                .contains("<- CCR from client01.diameter.eseye.net (application 4, command 272)")
                .contains("-> CCA to client01.diameter.eseye.net")
                .contains("Result-Code 5012 DIAMETER_UNABLE_TO_COMPLY");
    }

    @Test
    void terminatorAdvertisingAListOfApplications() {
        Output server = new Output();
        Output client = new Output();
        try (DiameterNode terminator =
                TerminatorServer.start(
                        server.out,
                        "127.0.0.1:0",
                        "terminator.example.net",
                        List.of(ApplicationId.auth(4), ApplicationId.acct(3)))) {
            int port = terminator.listenAddresses().get(0).getPort();
            int exit =
                    LoadBalancedGyClient.run(
                            client.out,
                            "localhost",
                            port,
                            "terminator.example.net",
                            "client.example.com",
                            Duration.ofSeconds(10));
            assertThat(exit).isEqualTo(1);
        }
        assertThat(server.text()).contains("advertising [auth 4, acct 3]");
        assertThat(client.text()).contains("CCA Result-Code 5012 DIAMETER_UNABLE_TO_COMPLY");
    }

    @Test
    void gyClientAgainstAGyServerAnswering2001() {
        Output client = new Output();
        CompletableFuture<DiameterMessage> received = new CompletableFuture<>();
        try (DiameterNode ocs =
                DiameterNode.start(
                        NodeConfig.builder("ocs.diameter.eseye.com")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .build())) {
            ocs.handle(
                    4,
                    272,
                    (ccr, ctx) -> {
                        received.complete(ccr);
                        // answer() repeats Auth-Application-Id, CC-Request-Type and
                        // CC-Request-Number from the CCR (RFC 4006 §3.2 names them in the CCA)
                        DiameterMessage cca = ctx.answer(ccr, 2001);
                        return CompletableFuture.completedFuture(cca);
                    });
            int port = ocs.listenAddresses().get(0).getPort();
            int exit =
                    LoadBalancedGyClient.run(
                            client.out,
                            "localhost",
                            port,
                            "ocs.diameter.eseye.com",
                            "client01.diameter.eseye.net",
                            Duration.ofSeconds(10));
            assertThat(exit).isEqualTo(0);
        }
        assertThat(client.text())
                .contains("ready: ocs.diameter.eseye.com")
                .contains("realm diameter.eseye.com")
                .contains("CCA Result-Code 2001 DIAMETER_SUCCESS")
                .doesNotContain("Error-Message");
        // The CCR the server got is seed 001's, with what the node filled in.
        DiameterMessage ccr = received.join();
        assertThat(D.get(ccr, "Service-Context-Id").asUtf8()).isEqualTo("32274@3gpp.org");
        assertThat(D.get(ccr, "Origin-Host").asUtf8()).isEqualTo("client01.diameter.eseye.net");
        assertThat(D.get(ccr, "Origin-Realm").asUtf8()).isEqualTo("diameter.eseye.net");
        assertThat(D.get(ccr, "Destination-Realm").asUtf8()).isEqualTo("diameter.eseye.com");
        assertThat(D.get(ccr, "Destination-Host").asUtf8()).isEqualTo("ocs.diameter.eseye.com");
        var sms = D.get(D.get(ccr, "Service-Information"), "SMS-Information");
        var recipient = D.get(D.get(sms, "Recipient-Info"), "Recipient-Address");
        assertThat(D.get(recipient, "Address-Data").asUtf8()).isEqualTo("41780000002");
    }

    @Test
    void gyClientSaysWhyThePeerIsNotReady() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        Output client = new Output();
        int exit =
                LoadBalancedGyClient.run(
                        client.out,
                        "localhost",
                        closedPort,
                        "ocs.example.net",
                        "client.example.com",
                        Duration.ofSeconds(2));
        assertThat(exit).isEqualTo(3);
        assertThat(client.text()).contains("not ready: peer ocs.example.net").contains("refused");
    }

    @Test
    void mmeAndHssUpdateLocationForKnownAndUnknownImsi() {
        Output out = new Output();
        List<Long> codes = MmeHssPair.run(out.out, "001010123456789", "001019999999999");
        assertThat(codes).containsExactly(2001L, 5001L);
        assertThat(out.text())
                .contains("MME -> ULR User-Name 001010123456789")
                .contains("MME <- ULA Result-Code 2001 DIAMETER_SUCCESS")
                .contains("ULA-Flags 1")
                .contains(
                        "Subscription-Data: Subscriber-Status SERVICE_GRANTED, MSISDN 41780000001")
                .contains(
                        "MME <- ULA Experimental-Result-Code 5001 DIAMETER_ERROR_USER_UNKNOWN"
                                + " (vendor 10415)");
    }

    @Test
    void plmnIdAndTbcdEncodings() {
        assertThat(MmeHssPair.plmnId("001", "01")).containsExactly(0x00, 0xf1, 0x10);
        assertThat(MmeHssPair.plmnId("310", "410")).containsExactly(0x13, 0x00, 0x14);
        assertThat(MmeHssPair.fromTbcd(MmeHssPair.tbcd("41780000001"))).isEqualTo("41780000001");
    }
}
