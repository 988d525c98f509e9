package org.diameter4j.simulator;

import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.node.RequestContext;
import org.diameter4j.node.RequestHandler;

/**
 * The terminator of seed 002: base messages are answered by the stack (CEA, DWA, DPA); every
 * application request gets 3001 DIAMETER_COMMAND_UNSUPPORTED (with the E bit, RFC 6733 §7.1.3) or,
 * as seed 002's server did, 5012 DIAMETER_UNABLE_TO_COMPLY.
 */
public final class Terminator implements RequestHandler {
    private final long resultCode;

    public Terminator(long resultCode) {
        if (resultCode != ResultCodes.DIAMETER_COMMAND_UNSUPPORTED
                && resultCode != ResultCodes.DIAMETER_UNABLE_TO_COMPLY) {
            throw new IllegalArgumentException(
                    "a terminator answers 3001 or 5012, not " + resultCode);
        }
        this.resultCode = resultCode;
    }

    @Override
    public CompletableFuture<DiameterMessage> handle(DiameterMessage request, RequestContext ctx) {
        return CompletableFuture.completedFuture(
                ctx.errorAnswer(
                        request,
                        resultCode,
                        "command " + request.commandCode() + " is not simulated here",
                        null));
    }
}
