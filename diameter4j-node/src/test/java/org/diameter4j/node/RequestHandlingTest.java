package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.diameter4j.node.TestNet.D;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.InvalidMessageException;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerDisconnectedException;
import org.diameter4j.peer.RequestTimeoutException;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.testkit.grammar.SendsInvalidMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Answers to application requests, errors and timeouts over loopback (RFC 6733 §6, §7; M-09, M-12).
 */
@Timeout(20)
class RequestHandlingTest {

    static DiameterMessage ccr(DiameterNode client) {
        return D.request("CCR", 4)
                .add(D.avp("Session-Id", client.newSessionId()))
                .add(D.avp("Origin-Host", client.identity().originHost()))
                .add(D.avp("Origin-Realm", client.identity().originRealm()))
                .add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Type", "EVENT_REQUEST"))
                .add(D.avp("CC-Request-Number", 0));
    }

    private static DiameterNode server(int unsupportedResult, RequestHandler ccrHandler) {
        DiameterNode s =
                DiameterNode.start(
                        NodeConfig.builder("ocs.example.net")
                                .application(ApplicationId.auth(4))
                                .listen("127.0.0.1:0")
                                .acceptAnyPeer(true)
                                .unsupportedCommandResult(unsupportedResult)
                                .build());
        if (ccrHandler != null) {
            s.handle(4, 272, ccrHandler);
        }
        return s;
    }

    private static DiameterNode client(int port) {
        return client(port, StrictSend.REJECT);
    }

    /** A client that sends what it is given: OFF to put a broken request on the wire. */
    private static DiameterNode client(int port, StrictSend strict) {
        DiameterNode c =
                DiameterNode.start(
                        NodeConfig.builder("client.example.com")
                                .strictSend(strict)
                                .application(ApplicationId.auth(4))
                                .application(ApplicationId.vendorAuth(10415, 16777251))
                                .peer(
                                        PeerConfig.connectTo("aaa://127.0.0.1:" + port)
                                                .destinationHost("ocs.example.net")
                                                .build())
                                .build());
        c.awaitReady("ocs.example.net", Duration.ofSeconds(5));
        return c;
    }

    private static DiameterMessage request(DiameterNode client, int code, long app) {
        return DiameterMessage.request(code, app, true)
                .add(D.avp("Session-Id", client.newSessionId()))
                .add(D.avp("Auth-Application-Id", app));
    }

    private static long resultCode(DiameterMessage a) {
        return D.get(a, "Result-Code").asUnsigned32();
    }

    /** RFC 6733 §7.1.3 (M-12): an unsupported command gets 3001 with the E bit. */
    @Test
    void unsupportedCommandIs3001WithTheEBit() throws Exception {
        try (DiameterNode server = server(3001, null);
                DiameterNode client = client(port(server))) {
            DiameterMessage a =
                    client.send("ocs.example.net", request(client, 9999, 4), Duration.ofSeconds(5))
                            .get(5, TimeUnit.SECONDS);
            assertThat(resultCode(a)).isEqualTo(3001);
            assertThat(a.isError()).isTrue();
            assertThat(a.commandCode()).isEqualTo(9999);
            assertThat(a.isRequest()).isFalse();
        }
    }

    /**
     * Seed 002's terminator answers 5012 DIAMETER_UNABLE_TO_COMPLY (a permanent failure: no E bit,
     * §7.1.5).
     */
    @Test
    void unsupportedCommandIs5012WhenConfigured() throws Exception {
        try (DiameterNode server = server(5012, null);
                DiameterNode client = client(port(server))) {
            DiameterMessage a =
                    client.send("ocs.example.net", request(client, 9999, 4), Duration.ofSeconds(5))
                            .get(5, TimeUnit.SECONDS);
            assertThat(resultCode(a)).isEqualTo(5012);
            assertThat(a.isError()).isFalse();
        }
    }

    /**
     * RFC 6733 §7.1.3: 3007 DIAMETER_APPLICATION_UNSUPPORTED for an application the server does not
     * have.
     */
    @Test
    void unknownApplicationIs3007() throws Exception {
        // A bare ULR (no Auth-Session-State, User-Name …): the server must refuse it for its
        // application (§6.1, 3007) before it looks at the grammar, so it is sent as it is.
        try (DiameterNode server = server(3001, null);
                DiameterNode client = client(port(server), StrictSend.OFF)) {
            DiameterMessage a =
                    client.send(
                                    "ocs.example.net",
                                    request(client, 316, 16777251),
                                    Duration.ofSeconds(5))
                            .get(5, TimeUnit.SECONDS);
            assertThat(resultCode(a)).isEqualTo(3007);
            assertThat(a.isError()).isTrue();
        }
    }

    /**
     * RFC 6733 §7.1.5, §7.5: a CCR without CC-Request-Type is 5005 DIAMETER_MISSING_AVP with
     * Failed-AVP.
     */
    @Test
    void grammarViolationIs5005WithFailedAvp() throws Exception {
        RequestHandler ok = (req, ctx) -> CompletableFuture.completedFuture(ctx.answer(req, 2001));
        try (DiameterNode server = server(3001, ok);
                DiameterNode client = client(port(server), StrictSend.OFF)) {
            DiameterMessage a = client.send(ccrWithoutType(client)).get(5, TimeUnit.SECONDS);
            assertThat(resultCode(a)).isEqualTo(5005);
            assertThat(a.isError()).isFalse();
            Avp failed = D.get(a, "Failed-AVP");
            assertThat(failed).as("Failed-AVP").isNotNull();
            assertThat(failed.children().find(D.avp("CC-Request-Type", "EVENT_REQUEST").code()))
                    .isNotNull();
        }
    }

    private static DiameterMessage ccrWithoutType(DiameterNode client) {
        return D.request("CCR", 4)
                .add(D.avp("Session-Id", client.newSessionId()))
                .add(D.avp("Auth-Application-Id", 4))
                .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                .add(D.avp("CC-Request-Number", 0));
    }

    /**
     * strict-send reject (issue 9): the same broken CCR is not sent at all; the caller learns which
     * AVP and which rule, and what the peer would have answered; the server sees nothing.
     */
    @Test
    @SendsInvalidMessages("proves that strict-send refuses an invalid request")
    void strictSendRefusesAnInvalidRequestNamingTheAvpAndTheRule() throws Exception {
        java.util.concurrent.atomic.AtomicInteger handled =
                new java.util.concurrent.atomic.AtomicInteger();
        RequestHandler ok =
                (req, ctx) -> {
                    handled.incrementAndGet();
                    return CompletableFuture.completedFuture(ctx.answer(req, 2001));
                };
        try (DiameterNode server = server(3001, ok);
                DiameterNode client = client(port(server), StrictSend.REJECT)) {
            CompletableFuture<DiameterMessage> f = client.send(ccrWithoutType(client));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("CC-Request-Type")
                    .hasMessageContaining("§3.2");
            InvalidMessageException e =
                    (InvalidMessageException) catchThrowable(() -> f.get()).getCause();
            assertThat(e.violations()).first().extracting(v -> v.resultCode()).isEqualTo(5005);
            // The next (valid) request still goes through: nothing was written for the bad one.
            assertThat(resultCode(client.send(ccr(client)).get(5, TimeUnit.SECONDS)))
                    .isEqualTo(2001);
            assertThat(handled).hasValue(1);
        }
    }

    /** M-09, M-24: a request timeout reaches the caller, naming the peer and the command. */
    @Test
    void requestTimeoutReachesTheCaller() throws Exception {
        RequestHandler never = (req, ctx) -> new CompletableFuture<>();
        try (DiameterNode server = server(3001, never);
                DiameterNode client = client(port(server))) {
            long start = System.nanoTime();
            CompletableFuture<DiameterMessage> f = client.send(ccr(client), Duration.ofMillis(300));
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(RequestTimeoutException.class)
                    .hasMessageContaining("ocs.example.net")
                    .hasMessageContaining(D.commandName(4, 272, true));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isBetween(250L, 2_000L);
        }
    }

    /** A request pending on a peer that shuts down (DPR, then close) fails; it never hangs. */
    @Test
    void pendingRequestFailsWhenTheServerShutsDown() throws Exception {
        RequestHandler never = (req, ctx) -> new CompletableFuture<>();
        DiameterNode server = server(3001, never);
        try (DiameterNode client = client(port(server))) {
            CompletableFuture<DiameterMessage> f = client.send(ccr(client), Duration.ofSeconds(30));
            TestNet.await(
                    Duration.ofSeconds(2),
                    () -> "request not pending",
                    () -> client.peer("ocs.example.net").pendingMessages() == 1);
            server.close();
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(PeerDisconnectedException.class)
                    .hasMessageContaining("ocs.example.net");
        } finally {
            server.close();
        }
    }

    /** A request pending on a connection that is dropped (no DPR) fails with the reason. */
    @Test
    void pendingRequestFailsWhenTheConnectionDrops() throws Exception {
        try (TestNet.RawPeer raw = new TestNet.RawPeer("ocs.example.net", true);
                DiameterNode client =
                        DiameterNode.start(
                                NodeConfig.builder("client.example.com")
                                        .application(ApplicationId.auth(4))
                                        .peer(
                                                PeerConfig.connectTo(raw.uri())
                                                        .destinationHost("ocs.example.net")
                                                        .build())
                                        .build())) {
            client.awaitReady("ocs.example.net", Duration.ofSeconds(5));
            CompletableFuture<DiameterMessage> f = client.send(ccr(client), Duration.ofSeconds(30));
            assertThat(raw.next(272, Duration.ofSeconds(3)))
                    .as("the CCR reached the raw peer")
                    .isNotNull();
            raw.dropConnection();
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(PeerDisconnectedException.class)
                    .hasMessageContaining("closed before the answer arrived");
        }
    }

    private static int port(DiameterNode server) {
        return server.listenAddresses().get(0).getPort();
    }
}
