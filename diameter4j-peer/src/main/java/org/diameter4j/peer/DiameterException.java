package org.diameter4j.peer;

/**
 * Why a request or a peer operation did not succeed. The message says what happened and, where it
 * helps, what to do. Subclasses let callers tell timeouts from disconnections.
 */
public class DiameterException extends RuntimeException {
    public DiameterException(String message) {
        super(message, null, false, false);
    }

    public DiameterException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
