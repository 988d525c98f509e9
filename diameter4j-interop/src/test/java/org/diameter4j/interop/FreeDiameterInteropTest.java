package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.interop.MessageTrace.CER;
import static org.diameter4j.interop.MessageTrace.DPR;
import static org.diameter4j.interop.MessageTrace.DWR;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeListener;
import org.diameter4j.node.PeerView;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.MessageKind;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * diameter4j against freeDiameter 1.2 ({@code freeDiameterd}, Debian {@code freediameterd} and
 * {@code freediameter-extensions}) over plain TCP on loopback: the base protocol of RFC 6733
 * (CER/CEA §5.3, DWR/DWA §5.5 with RFC 3539's watchdog, DPR/DPA §5.4) in both roles, and how
 * freeDiameter answers a Gy (DCCA, RFC 4006) request it has no application for.
 *
 * <p>Skipped when freeDiameterd is not installed; CI ({@code .ci/run}) installs it.
 */
@Timeout(60)
class FreeDiameterInteropTest {
    static final Dictionary D = Dictionary.standard();
    static final String FD_HOST = "fd.example.net";
    static final String FD_REALM = "example.net";
    static final String CLIENT = "client.example.com";
    static final String SERVER = "srv.example.com";
    static final int GY = 4;

    @TempDir Path tmp;

    @BeforeEach
    void installed() {
        FreeDiameter.assumeInstalled();
    }

    /**
     * freeDiameter as the server of test (a) and (d): TwTimer 6 s (the minimum it accepts, RFC 3539
     * §3.4.1), our client a configured peer (freeDiameter refuses unknown peers with 3010). It also
     * tries to connect to the client at a port where nobody listens: refused, harmless.
     */
    static FreeDiameter.Config serverConfig() {
        return FreeDiameter.config(FD_HOST, FD_REALM)
                .twTimer(6)
                .tcTimer(30)
                .extension("dict_nasreq", null) // dict_dcca depends on it
                .extension("dict_dcca", null)
                .connectPeer(CLIENT, FreeDiameter.freePort());
    }

    /**
     * Our client. Its Tw is 10 s rather than 6 s, on purpose: RFC 3539 restarts the watchdog timer
     * at every message received, on both sides, so with equal Tw (6 ± 2 s each) which side sends
     * the DWR is a coin flip at every round, and "both directions within 15 s" fails about half of
     * the time. With freeDiameter's 6 s (it fires 4–8 s after the last message) below our 10 s
     * (8–12 s), freeDiameter's DWR always comes first; our own DWR is sent at once when the peer
     * reconnects, the watchdog then being in REOPEN (RFC 3539 §3.4.1, Appendix A).
     */
    static DiameterNode client(int fdPort, MessageTrace trace) {
        DiameterNode node =
                DiameterNode.start(
                        NodeConfig.builder(CLIENT)
                                .application(ApplicationId.auth(GY))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:" + fdPort)
                                                .destinationHost(FD_HOST)
                                                .tw(Duration.ofSeconds(10))
                                                .tc(Duration.ofSeconds(1))
                                                .enabled(false) // started once the trace is in
                                                // place, to see the CER
                                                .build())
                                .build());
        node.addListener(NodeListener.messages(trace));
        node.setAdminState(FD_HOST, true);
        return node;
    }

    // ---- (a) our client, freeDiameter server --------------------------------------------------

    @Test
    void clientExchangesCapabilitiesWatchdogsAndDisconnectWithFreeDiameter() throws Exception {
        try (FreeDiameter fd = FreeDiameter.start(serverConfig(), tmp.resolve("fd"))) {
            clientScenario(fd, new MessageTrace());
        }
    }

    /**
     * CER/CEA; freeDiameter's DWR answered; DPR/DPA (peer stop); reconnection, where our watchdog
     * in REOPEN sends its DWR at once and freeDiameter answers it; node.close(): DPR/DPA.
     */
    static MessageTrace clientScenario(FreeDiameter fd, MessageTrace trace) throws Exception {
        DiameterNode node = client(fd.port(), trace);
        try {
            // RFC 6733 §5.3: CER/CEA.
            PeerView peer = node.awaitReady(FD_HOST, Duration.ofSeconds(10));
            assertThat(peer.status()).isEqualTo(PeerState.I_OPEN);
            assertThat(peer.remote().productName()).isEqualTo("freeDiameter");
            assertThat(peer.remote().originHost()).isEqualTo(FD_HOST);
            assertThat(peer.remote().originRealm()).isEqualTo(FD_REALM);
            // freeDiameter relays by default: it advertises the Relay application only.
            assertThat(peer.remote().applications()).contains(ApplicationId.relay());
            assertThat(trace.has(CER, true, false)).as("CER sent").isTrue();
            DiameterMessage cea = trace.await(CER, false, true, Duration.ofSeconds(1)).message();
            assertThat(D.get(cea, "Result-Code").asUnsigned32())
                    .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
            fd.awaitLogLine(
                    l ->
                            l.contains("'STATE_CLOSED'")
                                    && l.contains("'STATE_OPEN'")
                                    && l.contains(CLIENT),
                    Duration.ofSeconds(5),
                    "the peer going to STATE_OPEN");

            // RFC 6733 §5.5 / RFC 3539: freeDiameter's watchdog fires first (4–8 s); we answer.
            trace.await(DWR, true, true, Duration.ofSeconds(12));
            MessageTrace.Entry dwa = trace.await(DWR, false, false, Duration.ofSeconds(2));
            assertThat(D.get(dwa.message(), "Result-Code").asUnsigned32())
                    .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
            fd.awaitLogLine(
                    l -> l.contains("RCV from '" + CLIENT + "'") && l.contains("0/280 f:----"),
                    Duration.ofSeconds(3),
                    "our DWA received");
            assertThat(trace.has(DWR, true, false))
                    .as("no DWR of ours yet (Tw 10 s > 6 s)")
                    .isFalse();

            // RFC 6733 §5.4: DPR/DPA on peer stop, then back to Closed without reconnecting.
            node.setAdminState(FD_HOST, false, DisconnectCause.REBOOTING).get(10, TimeUnit.SECONDS);
            assertThat(node.peer(FD_HOST).status()).isEqualTo(PeerState.CLOSED);
            trace.await(DPR, true, false, Duration.ofSeconds(1));
            trace.await(DPR, false, true, Duration.ofSeconds(1));
            fd.awaitLogLine(
                    l -> l.contains("sent a DPR with cause: REBOOTING"),
                    Duration.ofSeconds(3),
                    "our DPR with cause REBOOTING");

            // Reconnection: freeDiameter accepts the same peer again; our watchdog is in REOPEN and
            // sends a DWR right away (RFC 3539 Appendix A, DOWN -> REOPEN).
            long cers = trace.count(CER, true, false);
            node.setAdminState(FD_HOST, true);
            node.awaitReady(FD_HOST, Duration.ofSeconds(15));
            assertThat(trace.count(CER, true, false)).isEqualTo(cers + 1);
            trace.await(DWR, true, false, Duration.ofSeconds(3));
            MessageTrace.Entry theirDwa = trace.await(DWR, false, true, Duration.ofSeconds(3));
            assertThat(D.get(theirDwa.message(), "Result-Code").asUnsigned32())
                    .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
            assertThat(D.get(theirDwa.message(), "Origin-Host").asUtf8()).isEqualTo(FD_HOST);
        } finally {
            node.close();
        }
        // RFC 6733 §5.4: close() sent a second DPR and got its DPA before returning.
        assertThat(trace.count(DPR, true, false)).as("DPRs sent\n" + trace).isEqualTo(2);
        assertThat(trace.count(DPR, false, true)).as("DPAs received\n" + trace).isEqualTo(2);
        assertThat(trace.entries()).noneMatch(e -> e.received() && e.message().isError());
        assertThat(fd.log())
                .doesNotContain("PARSING ERROR")
                .doesNotContain("DROPPED")
                .doesNotContain("FAILOVER");
        return trace;
    }

    // ---- (b) freeDiameter client, our server --------------------------------------------------

    @Test
    void freeDiameterConnectsToOurServerAndDisconnectsWhenStopped() throws Exception {
        MessageTrace trace = new MessageTrace();
        try (DiameterNode server =
                DiameterNode.start(
                        NodeConfig.builder(SERVER)
                                .application(ApplicationId.auth(GY))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(false)
                                // freeDiameter's identity as a peer without URI: it may connect, we
                                // never do.
                                .peer(
                                        PeerConfig.builder()
                                                .destinationHost(FD_HOST)
                                                .tw(Duration.ofSeconds(30))
                                                .build())
                                .build())) {
            server.addListener(NodeListener.messages(trace));
            int port = server.listenAddresses().get(0).getPort();
            FreeDiameter.Config c =
                    FreeDiameter.config(FD_HOST, FD_REALM)
                            .twTimer(6)
                            .tcTimer(5)
                            .connectPeer(SERVER, port);
            try (FreeDiameter fd = FreeDiameter.start(c, tmp.resolve("fd"))) {
                PeerView peer = server.awaitReady(FD_HOST, Duration.ofSeconds(15));
                assertThat(peer.status()).isEqualTo(PeerState.R_OPEN);
                assertThat(peer.dynamic()).isFalse();
                assertThat(peer.remote().productName()).isEqualTo("freeDiameter");
                DiameterMessage cer = trace.await(CER, true, true, Duration.ofSeconds(1)).message();
                assertThat(D.get(cer, "Origin-Host").asUtf8()).isEqualTo(FD_HOST);
                DiameterMessage cea =
                        trace.await(CER, false, false, Duration.ofSeconds(1)).message();
                assertThat(D.get(cea, "Result-Code").asUnsigned32())
                        .isEqualTo(ResultCodes.DIAMETER_SUCCESS);
                fd.awaitLogLine(
                        l -> l.contains("'STATE_OPEN'") && l.contains(SERVER),
                        Duration.ofSeconds(5),
                        "the peer going to STATE_OPEN");
                // freeDiameter sent one CER: traced and counted once (a regression seen while Peer
                // was being changed: acceptResponder() and the R_ACCEPT action both counted and
                // traced it).
                assertThat(
                                fd.log()
                                        .lines()
                                        .filter(
                                                l ->
                                                        l.contains("SND to '" + SERVER + "'")
                                                                && l.contains(
                                                                        "'Capabilities-Exchange-Request'")))
                        .hasSize(1);
                assertThat(trace.count(CER, true, true))
                        .as("CERs traced as received\n" + trace)
                        .isEqualTo(1);
                assertThat(server.statistics(FD_HOST).received(MessageKind.CER))
                        .as("CERs counted")
                        .isEqualTo(1);
                assertThat(server.statistics(FD_HOST).sent(MessageKind.CEA))
                        .as("CEAs counted")
                        .isEqualTo(1);

                // freeDiameter's watchdog (6 s, ours 30 s): it sends the DWR, we answer.
                trace.await(DWR, true, true, Duration.ofSeconds(10));
                trace.await(DWR, false, false, Duration.ofSeconds(2));
                fd.awaitLogLine(
                        l -> l.contains("RCV from '" + SERVER + "'") && l.contains("0/280 f:----"),
                        Duration.ofSeconds(3),
                        "our DWA received");

                // SIGTERM: freeDiameter says goodbye with a DPR (REBOOTING), we answer with a DPA.
                assertThat(fd.terminate(Duration.ofSeconds(20)))
                        .as("freeDiameterd exits on SIGTERM")
                        .isTrue();
                trace.await(DPR, true, true, Duration.ofSeconds(1));
                trace.await(DPR, false, false, Duration.ofSeconds(1));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (server.peer(FD_HOST).status() != PeerState.CLOSED
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(server.peer(FD_HOST).status()).isEqualTo(PeerState.CLOSED);
                assertThat(server.peer(FD_HOST).lastDisconnectCause())
                        .isEqualTo(DisconnectCause.REBOOTING.displayName());
                assertThat(server.peer(FD_HOST))
                        .as("a configured peer stays in the table")
                        .isNotNull();
                assertThat(fd.log())
                        .containsPattern("RCV from '" + SERVER + "': .*0/282 f:----")
                        .doesNotContain("PARSING ERROR");
            }
        }
    }

    // ---- (c) Gy request freeDiameter has no application for -----------------------------------

    /**
     * freeDiameter (Debian's build has no test_app.fdx and no extension that serves DCCA; dict_dcca
     * only defines the dictionary) answers a CCR it cannot serve with an E-bit answer in the
     * "generic error format" (RFC 6733 §7.2):
     *
     * <ul>
     *   <li>with Destination-Host = freeDiameter, local delivery of an application it did not
     *       register: 3007 DIAMETER_APPLICATION_UNSUPPORTED;
     *   <li>without Destination-Host, it acts as a relay (Relay application, the default): the only
     *       peer is the sender, so "No remaining suitable candidate": 3002
     *       DIAMETER_UNABLE_TO_DELIVER.
     * </ul>
     */
    @Test
    void gyRequestIsAnsweredWithAWellFormedProtocolError() throws Exception {
        MessageTrace trace = new MessageTrace();
        try (FreeDiameter fd = FreeDiameter.start(serverConfig(), tmp.resolve("fd"));
                DiameterNode node = client(fd.port(), trace)) {
            node.awaitReady(FD_HOST, Duration.ofSeconds(10));

            DiameterMessage local = ccr(node).add(D.avp("Destination-Host", FD_HOST));
            DiameterMessage a = node.send(local).get(10, TimeUnit.SECONDS);
            System.out.println(
                    "freeDiameter's answer to a CCR with Destination-Host:\n"
                            + new MessageDump(D).format(a));
            assertErrorAnswer(local, a, ResultCodes.DIAMETER_APPLICATION_UNSUPPORTED);

            DiameterMessage relayed = ccr(node);
            DiameterMessage b = node.send(relayed).get(10, TimeUnit.SECONDS);
            System.out.println(
                    "freeDiameter's answer to a CCR without Destination-Host:\n"
                            + new MessageDump(D).format(b));
            assertErrorAnswer(relayed, b, ResultCodes.DIAMETER_UNABLE_TO_DELIVER);

            fd.awaitLogLine(
                    l -> l.contains("'Application unsupported'"),
                    Duration.ofSeconds(2),
                    "the 3007 reason");
            fd.awaitLogLine(
                    l -> l.contains("No remaining suitable candidate"),
                    Duration.ofSeconds(2),
                    "the 3002 reason");
        }
    }

    static DiameterMessage ccr(DiameterNode node) {
        return D.request("CCR", GY)
                .add(D.avp("Session-Id", node.newSessionId()))
                .add(D.avp("Auth-Application-Id", GY))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(D.avp("CC-Request-Number", 0));
    }

    /**
     * RFC 6733 §7.2: E bit, same command and application, same ids, our Session-Id, the
     * Result-Code.
     */
    static void assertErrorAnswer(
            DiameterMessage request, DiameterMessage answer, long resultCode) {
        assertThat(answer.isRequest()).isFalse();
        assertThat(answer.isError()).as("E bit of " + answer).isTrue();
        // Not asserted: the P bit. RFC 6733 §6.2 wants the request's P bit in the answer;
        // freeDiameter
        // 1.2.1's "generic error format" answers leave it clear (its log: "f:--E-"). Our stack
        // accepts the answer all the same.
        assertThat(answer.commandCode()).isEqualTo(272);
        assertThat(answer.applicationId()).isEqualTo(GY);
        assertThat(answer.hopByHop()).isEqualTo(request.hopByHop());
        assertThat(answer.endToEnd()).isEqualTo(request.endToEnd());
        assertThat(D.get(answer, "Session-Id").asUtf8())
                .isEqualTo(D.get(request, "Session-Id").asUtf8());
        assertThat(D.get(answer, "Result-Code").asUnsigned32())
                .as(D.resultCodeName(resultCode))
                .isEqualTo(resultCode);
        assertThat(D.get(answer, "Origin-Host").asUtf8()).isEqualTo(FD_HOST);
        assertThat(D.get(answer, "Origin-Realm").asUtf8()).isEqualTo(FD_REALM);
        assertThat(answer.find(293)).as("no Destination-Host in an answer").isNull();
        assertThat(answer.find(283)).as("no Destination-Realm in an answer").isNull();
    }
}
