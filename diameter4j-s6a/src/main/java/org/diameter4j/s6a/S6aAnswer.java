package org.diameter4j.s6a;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;

/**
 * Reads an S6a answer (ULA, AIA, PUA, CLA, IDA): its result with a name, and the command's AVPs.
 */
public final class S6aAnswer {
    private final DiameterMessage m;
    private final Dictionary d;

    /** An E-UTRAN-Vector read from Authentication-Info (TS 29.272 §7.3.18). */
    public record Vector(long itemNumber, byte[] rand, byte[] xres, byte[] autn, byte[] kasme) {}

    private S6aAnswer(DiameterMessage m, Dictionary d) {
        this.m = m;
        this.d = d;
    }

    public static S6aAnswer of(DiameterMessage answer, Dictionary d) {
        return new S6aAnswer(answer, d);
    }

    public DiameterMessage message() {
        return m;
    }

    /** "ULA", "AIA" … */
    public String command() {
        return S6a.commandName(m.commandCode(), m.isRequest());
    }

    /** Result-Code or Experimental-Result, named. */
    public S6aResult result() {
        return S6aResult.of(m, d);
    }

    public boolean isSuccess() {
        return result().isSuccess();
    }

    public String sessionId() {
        Avp a = d.get(m, "Session-Id");
        return a == null ? null : a.asUtf8();
    }

    public String originHost() {
        Avp a = d.get(m, "Origin-Host");
        return a == null ? null : a.asUtf8();
    }

    public String errorMessage() {
        Avp a = d.get(m, "Error-Message");
        return a == null ? null : a.asUtf8();
    }

    public Long ulaFlags() {
        return S6aRequest.unsigned(d.get(m, "ULA-Flags"));
    }

    public Long puaFlags() {
        return S6aRequest.unsigned(d.get(m, "PUA-Flags"));
    }

    public Long idaFlags() {
        return S6aRequest.unsigned(d.get(m, "IDA-Flags"));
    }

    /** Subscription-Data, or null. */
    public SubscriptionData subscriptionData() {
        Avp a = d.get(m, "Subscription-Data");
        return a == null ? null : SubscriptionData.from(a, d);
    }

    /** The E-UTRAN vectors of Authentication-Info, in order; empty when none. */
    public List<Vector> eutranVectors() {
        Avp info = d.get(m, "Authentication-Info");
        List<Vector> out = new ArrayList<>();
        if (info == null) {
            return out;
        }
        AvpDefinition v = d.avp("E-UTRAN-Vector");
        for (Avp e : info.children().findAll(v.code(), v.vendorId())) {
            Avp item = d.get(e, "Item-Number");
            out.add(
                    new Vector(
                            item == null ? -1 : item.asUnsigned32(),
                            bytes(e, "RAND"),
                            bytes(e, "XRES"),
                            bytes(e, "AUTN"),
                            bytes(e, "KASME")));
        }
        return out;
    }

    private byte[] bytes(Avp g, String name) {
        Avp a = d.get(g, name);
        return a == null ? null : a.valueBytes();
    }

    @Override
    public String toString() {
        return command() + " " + result();
    }
}
