package org.diameter4j.node;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.Peer;

/** What a handler knows about a request besides the request: where it came from, and helpers. */
public interface RequestContext {
    /** The peer the request arrived from. */
    Peer peer();

    Dictionary dictionary();

    /** This node's identity (Origin-Host, Origin-Realm …). */
    org.diameter4j.peer.LocalIdentity identity();

    /**
     * An answer with Experimental-Result {Vendor-Id, Experimental-Result-Code} (RFC 6733 §7.6), as
     * 3GPP applications answer (S6a 5001 DIAMETER_ERROR_USER_UNKNOWN with vendor 10415).
     */
    DiameterMessage experimentalAnswer(DiameterMessage request, int vendorId, long code);

    /**
     * The answer skeleton (RFC 6733 §6.2): same identifiers, Session-Id and Proxy-Info copied, plus
     * Result-Code, Origin-Host and Origin-Realm; the E bit for a protocol error (3xxx).
     */
    DiameterMessage answer(DiameterMessage request, long resultCode);

    /** An error answer with Error-Message and, when given, Failed-AVP (RFC 6733 §7.2, §7.5). */
    DiameterMessage errorAnswer(
            DiameterMessage request, long resultCode, String errorMessage, Avp failedAvp);
}
