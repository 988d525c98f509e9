package org.diameter4j.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.overload.ThrottledException;
import org.diameter4j.node.overload.internal.Overload;
import org.diameter4j.peer.internal.Peer;

/**
 * The path of a request this node originates ({@link DiameterNode#send}): completed in place by
 * {@link OutgoingRequests}, a peer chosen by {@link Routing} (or by {@link OverloadRouting} under
 * DOIC, RFC 7683 §5.2.3), the latency recorded, and the answer handed to the user on the callback
 * executor. Requests relayed for other nodes take {@link Relay}'s path instead.
 */
final class RequestSender {
    private final DiameterNode node;
    private final OutgoingRequests outgoing;

    /** DOIC state (RFC 7683); null when overload control is disabled. */
    private final Overload overload;

    RequestSender(DiameterNode node, OutgoingRequests outgoing) {
        this.node = node;
        this.outgoing = outgoing;
        this.overload = node.overload;
    }

    /** {@link DiameterNode#send(DiameterMessage, Duration)} once the node is known open. */
    CompletableFuture<DiameterMessage> send(DiameterMessage request, Duration timeout) {
        if (!request.isRequest()) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException(
                            "send() takes requests; this message has no R bit"));
        }
        outgoing.complete(request);
        if (overload != null) {
            return sendUnderDoic(request, timeout);
        }
        Peer p;
        try {
            p =
                    Routing.select(
                            request, node.peers.values(), node.routes(), x -> false, node::isBusy);
        } catch (NoRouteException e) {
            return CompletableFuture.failedFuture(e);
        }
        OutgoingRequests.addDestinationRealm(request, p);
        return toUser(observe(p, request, p.send(request, timeout.toMillis())));
    }

    /**
     * With overload control (RFC 7683): the request advertises DOIC (§5.1.1), the peer is chosen
     * under the reports in force (§5.2.3, §6.3), and the answer's reports are read (§5.2.3).
     */
    private CompletableFuture<DiameterMessage> sendUnderDoic(
            DiameterMessage request, Duration timeout) {
        overload.advertise(request);
        Peer p;
        try {
            p = OverloadRouting.select(node, overload, request, x -> false);
        } catch (NoRouteException | ThrottledException e) {
            return CompletableFuture.failedFuture(e);
        }
        OutgoingRequests.addDestinationRealm(request, p);
        return toUser(observeDoic(p, request, p.send(request, timeout.toMillis())));
    }

    /** {@link DiameterNode#send(String, DiameterMessage, Duration)}: one peer, no routing. */
    CompletableFuture<DiameterMessage> send(
            String peerHost, DiameterMessage request, Duration timeout) {
        Peer p = node.find(peerHost);
        if (p == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("no peer '" + peerHost + "'"));
        }
        outgoing.complete(request);
        OutgoingRequests.addDestinationRealm(request, p);
        if (overload != null) {
            overload.advertise(request);
            try {
                OverloadRouting.checkDirect(overload, request, p);
            } catch (ThrottledException e) {
                return CompletableFuture.failedFuture(e);
            }
            return toUser(observeDoic(p, request, p.send(request, timeout.toMillis())));
        }
        return toUser(observe(p, request, p.send(request, timeout.toMillis())));
    }

    /**
     * As {@link #observe}, and the answer's OC-OLRs go to the overload control state before the
     * caller sees the answer: the future returned completes after they were read.
     */
    private CompletableFuture<DiameterMessage> observeDoic(
            Peer p, DiameterMessage request, CompletableFuture<DiameterMessage> f) {
        long start = System.nanoTime();
        long app = request.applicationId();
        return f.whenComplete(
                (a, e) -> {
                    node.metrics.latency(p, app, System.nanoTime() - start);
                    if (a != null) {
                        overload.answered(a);
                    }
                });
    }

    /** Records the request's latency to {@code p} in the node's metrics when {@code f} ends. */
    CompletableFuture<DiameterMessage> observe(
            Peer p, DiameterMessage request, CompletableFuture<DiameterMessage> f) {
        long start = System.nanoTime();
        long app = request.applicationId();
        f.whenComplete((a, e) -> node.metrics.latency(p, app, System.nanoTime() - start));
        return f;
    }

    /** What send() hands the user: {@code f}, completing on the callback executor. */
    private CompletableFuture<DiameterMessage> toUser(CompletableFuture<DiameterMessage> f) {
        return Callbacks.completeOn(f, node.callbacks);
    }
}
