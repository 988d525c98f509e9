package org.diameter4j.peer;

/**
 * The states of the RFC 6733 §5.6 peer state machine. Closed, I-Open and R-Open are stable; the
 * others are intermediate. I-Open and R-Open differ only in which connection (initiator or
 * responder) carries the traffic.
 */
public enum PeerState {
    CLOSED("Closed"),
    WAIT_CONN_ACK("Wait-Conn-Ack"),
    WAIT_I_CEA("Wait-I-CEA"),
    WAIT_CONN_ACK_ELECT("Wait-Conn-Ack/Elect"),
    WAIT_RETURNS("Wait-Returns"),
    R_OPEN("R-Open"),
    I_OPEN("I-Open"),
    CLOSING("Closing");

    private final String rfcName;

    PeerState(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The name the RFC (and seed 003's show commands) use: "I-Open". */
    public String rfcName() {
        return rfcName;
    }

    public boolean isOpen() {
        return this == I_OPEN || this == R_OPEN;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
