package org.diameter4j.peer.internal;

/** The actions of RFC 6733 §5.6.3, with the I-/R- prefixes of the §5.6 table. */
public enum PeerAction {
    I_SND_CONN_REQ,
    R_ACCEPT,
    R_REJECT,
    PROCESS_CER,
    I_SND_CER,
    R_SND_CEA,
    CLEANUP,
    ERROR,
    PROCESS_CEA,
    I_DISC,
    R_DISC,
    ELECT,
    I_SND_MESSAGE,
    R_SND_MESSAGE,
    PROCESS,
    PROCESS_DWR,
    PROCESS_DWA,
    I_SND_DWA,
    R_SND_DWA,
    I_SND_DPR,
    R_SND_DPR,
    I_SND_DPA,
    R_SND_DPA
}
