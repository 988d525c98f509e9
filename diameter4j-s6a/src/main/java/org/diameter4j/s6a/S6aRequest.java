package org.diameter4j.s6a;

import static org.diameter4j.avps.Avps.CANCELLATION_TYPE;
import static org.diameter4j.avps.Avps.CLR_FLAGS;
import static org.diameter4j.avps.Avps.DESTINATION_HOST;
import static org.diameter4j.avps.Avps.IDR_FLAGS;
import static org.diameter4j.avps.Avps.IMMEDIATE_RESPONSE_PREFERRED;
import static org.diameter4j.avps.Avps.NUMBER_OF_REQUESTED_VECTORS;
import static org.diameter4j.avps.Avps.ORIGIN_HOST;
import static org.diameter4j.avps.Avps.ORIGIN_REALM;
import static org.diameter4j.avps.Avps.PUR_FLAGS;
import static org.diameter4j.avps.Avps.RAT_TYPE;
import static org.diameter4j.avps.Avps.REQUESTED_EUTRAN_AUTHENTICATION_INFO;
import static org.diameter4j.avps.Avps.RE_SYNCHRONIZATION_INFO;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_DATA;
import static org.diameter4j.avps.Avps.ULR_FLAGS;
import static org.diameter4j.avps.Avps.USER_NAME;
import static org.diameter4j.avps.Avps.VISITED_PLMN_ID;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpKey;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;

/** Reads an S6a request (ULR, AIR, PUR, CLR, IDR) by typed accessors; absent AVPs read as null. */
public final class S6aRequest {
    private final DiameterMessage m;
    private final Dictionary d;

    private S6aRequest(DiameterMessage m, Dictionary d) {
        this.m = m;
        this.d = d;
    }

    public static S6aRequest of(DiameterMessage request, Dictionary d) {
        return new S6aRequest(request, d);
    }

    public DiameterMessage message() {
        return m;
    }

    /** "ULR", "AIR" … */
    public String command() {
        return S6a.commandName(m.commandCode(), m.isRequest());
    }

    public String sessionId() {
        return m.get(SESSION_ID);
    }

    /** User-Name: the IMSI. */
    public String imsi() {
        return m.get(USER_NAME);
    }

    public String originHost() {
        return m.get(ORIGIN_HOST);
    }

    public String originRealm() {
        return m.get(ORIGIN_REALM);
    }

    public String destinationHost() {
        return m.get(DESTINATION_HOST);
    }

    /** Visited-PLMN-Id decoded, or null. */
    public PlmnId visitedPlmn() {
        byte[] b = visitedPlmnBytes();
        return b == null ? null : PlmnId.decode(b);
    }

    /** Visited-PLMN-Id as sent (the serving network id of K<sub>ASME</sub>), or null. */
    public byte[] visitedPlmnBytes() {
        return m.get(VISITED_PLMN_ID);
    }

    /** RAT-Type by name ("EUTRAN"), or null. */
    public String ratType() {
        return EnumeratedValues.name(d, m.find(RAT_TYPE));
    }

    public Long ulrFlags() {
        return m.get(ULR_FLAGS);
    }

    /** Number-Of-Requested-Vectors in Requested-EUTRAN-Authentication-Info, or null. */
    public Long requestedEutranVectors() {
        return requested(NUMBER_OF_REQUESTED_VECTORS);
    }

    public Boolean immediateResponsePreferred() {
        Long v = requested(IMMEDIATE_RESPONSE_PREFERRED);
        return v == null ? null : v != 0;
    }

    /** Re-Synchronization-Info (RAND ‖ AUTS) in Requested-EUTRAN-Authentication-Info, or null. */
    public byte[] resynchronizationInfo() {
        return requested(RE_SYNCHRONIZATION_INFO);
    }

    public String cancellationType() {
        return EnumeratedValues.name(d, m.find(CANCELLATION_TYPE));
    }

    public Long clrFlags() {
        return m.get(CLR_FLAGS);
    }

    public Long purFlags() {
        return m.get(PUR_FLAGS);
    }

    public Long idrFlags() {
        return m.get(IDR_FLAGS);
    }

    public SubscriptionData subscriptionData() {
        Avp a = m.find(SUBSCRIPTION_DATA);
        return a == null ? null : SubscriptionData.from(a, d);
    }

    /** A child of Requested-EUTRAN-Authentication-Info (TS 29.272 §7.3.11), or null. */
    private <T> T requested(AvpKey<T> key) {
        AvpList r = m.get(REQUESTED_EUTRAN_AUTHENTICATION_INFO);
        return r == null ? null : r.get(key);
    }
}
