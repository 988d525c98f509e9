package org.diameter4j.node;

import org.diameter4j.peer.DiameterException;

/**
 * No peer can take the request (RFC 6733 §6.1): {@link #resultCode()} is what a relay would answer,
 * 3002 DIAMETER_UNABLE_TO_DELIVER or 3003 DIAMETER_REALM_NOT_SERVED.
 */
public final class NoRouteException extends DiameterException {
    private final int resultCode;

    public NoRouteException(int resultCode, String message) {
        super(message);
        this.resultCode = resultCode;
    }

    public int resultCode() {
        return resultCode;
    }
}
