package org.diameter4j.peer.internal;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.LocalIdentity;

/**
 * The base protocol messages a peer sends on its own: DWR (RFC 6733 §5.5.1), DPR (§5.4.1) and the
 * success answers DWA (§5.5.2) and DPA (§5.4.2). The identifiers are the caller's to set.
 */
final class BaseMessages {
    static final int DWR = 280;
    static final int DPR = 282;
    static final int DISCONNECT_CAUSE = 273;

    private BaseMessages() {}

    /**
     * {@code DWR ::= < Diameter Header: 280, REQ > { Origin-Host } { Origin-Realm } [
     * Origin-State-Id ]}.
     */
    static DiameterMessage dwr(LocalIdentity local) {
        DiameterMessage dwr = DiameterMessage.request(DWR, 0, false);
        origin(dwr, local);
        originStateId(dwr, local);
        return dwr;
    }

    /**
     * {@code DPR ::= < Diameter Header: 282, REQ > { Origin-Host } { Origin-Realm } {
     * Disconnect-Cause }}.
     */
    static DiameterMessage dpr(LocalIdentity local, DisconnectCause cause) {
        DiameterMessage dpr = DiameterMessage.request(DPR, 0, false);
        origin(dpr, local);
        dpr.add(Avp.ofInt32(DISCONNECT_CAUSE, 0, Avp.FLAG_MANDATORY, cause.value()));
        return dpr;
    }

    /** A DWA or DPA with Result-Code 2001 (the DWA with our Origin-State-Id). */
    static DiameterMessage success(DiameterMessage request, LocalIdentity local) {
        DiameterMessage a = request.answer();
        a.add(
                Avp.ofUnsigned32(
                        Capabilities.RESULT_CODE,
                        0,
                        Avp.FLAG_MANDATORY,
                        ResultCodes.DIAMETER_SUCCESS));
        origin(a, local);
        if (request.commandCode() == DWR) {
            originStateId(a, local);
        }
        return a;
    }

    private static void origin(DiameterMessage m, LocalIdentity local) {
        m.add(Avp.ofUtf8(Capabilities.ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, local.originHost()));
        m.add(Avp.ofUtf8(Capabilities.ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, local.originRealm()));
    }

    private static void originStateId(DiameterMessage m, LocalIdentity local) {
        if (local.originStateId() != null) {
            m.add(
                    Avp.ofUnsigned32(
                            Capabilities.ORIGIN_STATE_ID,
                            0,
                            Avp.FLAG_MANDATORY,
                            local.originStateId()));
        }
    }
}
