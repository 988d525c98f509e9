package org.diameter4j.gy.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.DiameterNode;

/**
 * Where a credit-control client sends its requests: a {@link DiameterNode} in production, a fake in
 * state machine tests. The future must always complete (answer or exception).
 */
@FunctionalInterface
public interface CcTransport {
    /** Sends to {@code peer} (its Diameter identity), or through the node's routing when null. */
    CompletableFuture<DiameterMessage> send(String peer, DiameterMessage request, Duration timeout);

    static CcTransport of(DiameterNode node) {
        return (peer, request, timeout) -> {
            try {
                return peer == null
                        ? node.send(request, timeout)
                        : node.send(peer, request, timeout);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
