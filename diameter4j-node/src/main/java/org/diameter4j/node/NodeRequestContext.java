package org.diameter4j.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.ErrorAnswers;
import org.diameter4j.peer.internal.Peer;

/** The {@link RequestContext} a handler gets: the peer seen read-only, and the answer builders. */
final class NodeRequestContext implements RequestContext {
    private final DiameterNode node;
    private final Peer peer;

    NodeRequestContext(DiameterNode node, Peer peer) {
        this.node = node;
        this.peer = peer;
    }

    @Override
    public String peerName() {
        return peer.name();
    }

    @Override
    public PeerView peer() {
        return PeerView.of(peer, node.config.identity());
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectCause cause) {
        return peer.stop(cause);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        // The timer fires on the I/O thread; the task runs where handlers run.
        peer.eventLoop()
                .schedule(
                        () -> node.callbacks.execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Dictionary dictionary() {
        return node.dictionary;
    }

    @Override
    public LocalIdentity identity() {
        return node.config.identity();
    }

    @Override
    public DiameterMessage experimentalAnswer(DiameterMessage request, int vendorId, long code) {
        return ErrorAnswers.experimental(
                request, node.config.identity(), node.dictionary, vendorId, code);
    }

    @Override
    public DiameterMessage answer(DiameterMessage request, long resultCode) {
        return ErrorAnswers.build(
                request, node.config.identity(), node.dictionary, resultCode, null, null);
    }

    @Override
    public DiameterMessage errorAnswer(
            DiameterMessage request, long resultCode, String errorMessage, Avp failedAvp) {
        return ErrorAnswers.build(
                request,
                node.config.identity(),
                node.dictionary,
                resultCode,
                errorMessage,
                failedAvp);
    }
}
