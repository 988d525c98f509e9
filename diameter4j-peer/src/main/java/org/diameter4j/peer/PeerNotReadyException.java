package org.diameter4j.peer;

/** The peer is not open (M-07): the message says its state and the last failure seen. */
public final class PeerNotReadyException extends DiameterException {
    private final PeerState state;

    public PeerNotReadyException(String message, PeerState state) {
        super(message);
        this.state = state;
    }

    public PeerState state() {
        return state;
    }
}
