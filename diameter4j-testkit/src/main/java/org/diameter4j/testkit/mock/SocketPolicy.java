package org.diameter4j.testkit.mock;

/**
 * How {@link MockDiameterServer} treats a connection: well, or in one of the ways real peers
 * misbehave (seed 001's failures). Set with {@link MockDiameterServer#policy(SocketPolicy)}; it
 * applies to the requests that arrive after the call.
 */
public enum SocketPolicy {
    /** CER/CEA 2001, DWR/DWA, DPR/DPA, and the queued answers. */
    NORMAL,
    /** Reads the CER and never answers it: the client's CEA timer must fire (RFC 6733 §5.6). */
    NO_CEA,
    /** Closes the connection as soon as the CER arrives, without a CEA. */
    CLOSE_AFTER_CER,
    /** Answers everything but DWR: the client's watchdog must declare the peer down (RFC 3539). */
    NO_DWA,
    /** Records application requests and never answers them: the client's request timer fires. */
    NO_ANSWER,
    /** Closes the connection when an application request arrives, before answering it. */
    DISCONNECT_ON_REQUEST
}
