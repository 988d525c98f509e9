package org.diameter4j.node;

import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;

/**
 * Serves one command of one application: returns the answer's future, completed at once or later.
 * Registered with {@link DiameterNode#handle} it runs on the node's callback executor and may
 * block; with {@link DiameterNode#handleOnEventLoop} it runs on the peer's event loop and must not.
 * A handler that throws, or whose future fails, gets 5012 DIAMETER_UNABLE_TO_COMPLY answered for
 * it.
 */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<DiameterMessage> handle(DiameterMessage request, RequestContext context);
}
