package org.diameter4j.peer.internal;

/**
 * The events of RFC 6733 §5.6.2, with the I- (initiator connection) and R- (responder connection)
 * prefixes of the table in §5.6.
 */
public enum PeerEvent {
    /** The application signalled that a connection should be initiated. */
    START,
    /** A responder connection is established and its CER has arrived. */
    R_CONN_CER,
    I_RCV_CONN_ACK,
    I_RCV_CONN_NACK,
    /** An application-defined timer expired while waiting (connect, CEA, DPA, election). */
    TIMEOUT,
    I_RCV_CEA,
    I_RCV_NON_CEA,
    I_PEER_DISC,
    R_PEER_DISC,
    WIN_ELECTION,
    SEND_MESSAGE,
    I_RCV_MESSAGE,
    R_RCV_MESSAGE,
    I_RCV_DWR,
    R_RCV_DWR,
    I_RCV_DWA,
    R_RCV_DWA,
    /** The application signalled that the connection should be terminated. */
    STOP,
    I_RCV_DPR,
    R_RCV_DPR,
    I_RCV_DPA,
    R_RCV_DPA
}
