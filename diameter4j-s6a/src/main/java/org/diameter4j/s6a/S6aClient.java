package org.diameter4j.s6a;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.DiameterNode;

/**
 * The MME/SGSN side of S6a on a {@link DiameterNode}: sends ULR, AIR and PUR and reads their
 * answers, and serves the HSS's CLR and IDR.
 *
 * <pre>{@code
 * S6aClient mme = new S6aClient(node);
 * S6aAnswer ula = mme.updateLocation("001010000000001", PlmnId.of("001", "01")).get();
 * S6aAnswer aia = mme.authenticationInformation("001010000000001", PlmnId.of("001", "01"), 3).get();
 * }</pre>
 *
 * The node must advertise {@link S6a#application()}. Futures fail as {@code DiameterNode.send}'s do
 * (RequestTimeoutException, NoRouteException …).
 */
public final class S6aClient {
    private final DiameterNode node;
    private final S6aMessages s6a;

    public S6aClient(DiameterNode node) {
        this.node = node;
        this.s6a = new S6aMessages(node.dictionary());
    }

    public S6aMessages messages() {
        return s6a;
    }

    /** ULR with RAT-Type EUTRAN and ULR-Flags S6a/S6d-Indicator. */
    public CompletableFuture<S6aAnswer> updateLocation(String imsi, PlmnId visited) {
        return send(s6a.ulr(node.newSessionId(), imsi, visited).build(), null);
    }

    public CompletableFuture<S6aAnswer> authenticationInformation(
            String imsi, PlmnId visited, int vectors) {
        return send(s6a.air(node.newSessionId(), imsi, visited, vectors).build(), null);
    }

    /** AIR carrying Re-Synchronization-Info = RAND ‖ AUTS after a synchronisation failure. */
    public CompletableFuture<S6aAnswer> resynchronize(
            String imsi, PlmnId visited, int vectors, byte[] randAndAuts) {
        return send(
                s6a.air(node.newSessionId(), imsi, visited, vectors)
                        .resynchronizationInfo(randAndAuts)
                        .build(),
                null);
    }

    public CompletableFuture<S6aAnswer> purgeUe(String imsi) {
        return send(s6a.pur(node.newSessionId(), imsi).build(), null);
    }

    /**
     * Sends any S6a request (see {@link S6aMessages}); {@code timeout} null for the node's default.
     */
    public CompletableFuture<S6aAnswer> send(DiameterMessage request, Duration timeout) {
        CompletableFuture<DiameterMessage> f =
                timeout == null ? node.send(request) : node.send(request, timeout);
        return f.thenApply(a -> S6aAnswer.of(a, node.dictionary()));
    }

    /** Serves CLR: {@code handler} decides the result (DIAMETER_SUCCESS normally). */
    public S6aClient onCancelLocation(Function<S6aRequest, S6aResult> handler) {
        node.handle(
                S6a.APPLICATION_ID,
                S6a.CANCEL_LOCATION,
                (req, ctx) ->
                        CompletableFuture.completedFuture(
                                s6a.cla(
                                        req,
                                        node.identity(),
                                        handler.apply(S6aRequest.of(req, ctx.dictionary())))));
        return this;
    }

    /** Serves IDR: {@code handler} decides the result; IDA-Flags are not sent. */
    public S6aClient onInsertSubscriberData(Function<S6aRequest, S6aResult> handler) {
        node.handle(
                S6a.APPLICATION_ID,
                S6a.INSERT_SUBSCRIBER_DATA,
                (req, ctx) ->
                        CompletableFuture.completedFuture(
                                s6a.ida(
                                        req,
                                        node.identity(),
                                        handler.apply(S6aRequest.of(req, ctx.dictionary())),
                                        null)));
        return this;
    }
}
