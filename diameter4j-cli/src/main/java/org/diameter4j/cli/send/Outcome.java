package org.diameter4j.cli.send;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.InvalidMessageException;
import org.diameter4j.peer.PeerDisconnectedException;
import org.diameter4j.peer.PeerNotReadyException;
import org.diameter4j.peer.RequestTimeoutException;

/**
 * What became of one request: an answer with its result, or a failure (timeout, peer not ready …).
 *
 * @param session the session number, from 1
 * @param step the message number in the session, from 0
 */
public record Outcome(
        long session,
        int step,
        String command,
        String sessionId,
        DiameterMessage request,
        DiameterMessage answer,
        Dictionary.Result result,
        long latencyNanos,
        Throwable error) {

    /** Why there is no answer. */
    public enum Cause {
        NONE,
        TIMEOUT,
        NOT_READY,
        DISCONNECTED,
        /** Not sent: it breaks its grammar and strict-send is reject. */
        INVALID,
        /** Not sent: a DOIC overload report in force dropped it (RFC 7683 §6.3). */
        THROTTLED,
        OTHER
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public Cause cause() {
        if (error == null) {
            return Cause.NONE;
        }
        if (error instanceof RequestTimeoutException) {
            return Cause.TIMEOUT;
        }
        if (error instanceof PeerNotReadyException) {
            return Cause.NOT_READY;
        }
        if (error instanceof PeerDisconnectedException) {
            return Cause.DISCONNECTED;
        }
        if (error instanceof InvalidMessageException) {
            return Cause.INVALID;
        }
        if (error instanceof org.diameter4j.node.overload.ThrottledException) {
            return Cause.THROTTLED;
        }
        return Cause.OTHER;
    }

    /** An answer with a 1xxx/2xxx result. */
    public boolean success() {
        return answer != null && result != null && result.isSuccess();
    }

    public double latencyMillis() {
        return latencyNanos / 1_000_000.0;
    }
}
