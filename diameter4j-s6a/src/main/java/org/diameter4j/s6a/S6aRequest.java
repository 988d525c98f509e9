package org.diameter4j.s6a;

import org.diameter4j.codec.Avp;
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
        return utf8("Session-Id");
    }

    /** User-Name: the IMSI. */
    public String imsi() {
        return utf8("User-Name");
    }

    public String originHost() {
        return utf8("Origin-Host");
    }

    public String originRealm() {
        return utf8("Origin-Realm");
    }

    public String destinationHost() {
        return utf8("Destination-Host");
    }

    /** Visited-PLMN-Id decoded, or null. */
    public PlmnId visitedPlmn() {
        byte[] b = visitedPlmnBytes();
        return b == null ? null : PlmnId.decode(b);
    }

    /** Visited-PLMN-Id as sent (the serving network id of K<sub>ASME</sub>), or null. */
    public byte[] visitedPlmnBytes() {
        Avp a = d.get(m, "Visited-PLMN-Id");
        return a == null ? null : a.valueBytes();
    }

    /** RAT-Type by name ("EUTRAN"), or null. */
    public String ratType() {
        return SubscriptionData.name(d, d.get(m, "RAT-Type"));
    }

    public Long ulrFlags() {
        return unsigned(d.get(m, "ULR-Flags"));
    }

    /** Number-Of-Requested-Vectors in Requested-EUTRAN-Authentication-Info, or null. */
    public Long requestedEutranVectors() {
        Avp r = d.get(m, "Requested-EUTRAN-Authentication-Info");
        return r == null ? null : unsigned(d.get(r, "Number-Of-Requested-Vectors"));
    }

    public Boolean immediateResponsePreferred() {
        Avp r = d.get(m, "Requested-EUTRAN-Authentication-Info");
        Long v = r == null ? null : unsigned(d.get(r, "Immediate-Response-Preferred"));
        return v == null ? null : v != 0;
    }

    /** Re-Synchronization-Info (RAND ‖ AUTS) in Requested-EUTRAN-Authentication-Info, or null. */
    public byte[] resynchronizationInfo() {
        Avp r = d.get(m, "Requested-EUTRAN-Authentication-Info");
        Avp a = r == null ? null : d.get(r, "Re-Synchronization-Info");
        return a == null ? null : a.valueBytes();
    }

    public String cancellationType() {
        return SubscriptionData.name(d, d.get(m, "Cancellation-Type"));
    }

    public Long clrFlags() {
        return unsigned(d.get(m, "CLR-Flags"));
    }

    public Long purFlags() {
        return unsigned(d.get(m, "PUR-Flags"));
    }

    public Long idrFlags() {
        return unsigned(d.get(m, "IDR-Flags"));
    }

    public SubscriptionData subscriptionData() {
        Avp a = d.get(m, "Subscription-Data");
        return a == null ? null : SubscriptionData.from(a, d);
    }

    private String utf8(String name) {
        Avp a = d.get(m, name);
        return a == null ? null : a.asUtf8();
    }

    static Long unsigned(Avp a) {
        return a == null ? null : a.asUnsigned32();
    }
}
