package org.diameter4j.peer;

/**
 * The connection a request was sent on closed before its answer arrived, and no failover took it.
 */
public final class PeerDisconnectedException extends DiameterException {
    public PeerDisconnectedException(String message) {
        super(message);
    }
}
