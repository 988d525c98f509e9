package org.diameter4j.node;

import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;

/**
 * Serves one command of one application. Called on the peer's event loop: return at once (a
 * completed future, or one completed later by your own thread); never block.
 */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<DiameterMessage> handle(DiameterMessage request, RequestContext context);
}
