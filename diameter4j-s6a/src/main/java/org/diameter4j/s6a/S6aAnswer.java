package org.diameter4j.s6a;

import static org.diameter4j.avps.Avps.AUTHENTICATION_INFO;
import static org.diameter4j.avps.Avps.AUTN;
import static org.diameter4j.avps.Avps.ERROR_MESSAGE;
import static org.diameter4j.avps.Avps.E_UTRAN_VECTOR;
import static org.diameter4j.avps.Avps.IDA_FLAGS;
import static org.diameter4j.avps.Avps.ITEM_NUMBER;
import static org.diameter4j.avps.Avps.KASME;
import static org.diameter4j.avps.Avps.ORIGIN_HOST;
import static org.diameter4j.avps.Avps.PUA_FLAGS;
import static org.diameter4j.avps.Avps.RAND;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_DATA;
import static org.diameter4j.avps.Avps.ULA_FLAGS;
import static org.diameter4j.avps.Avps.XRES;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DiameterMessage;
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
        return m.get(SESSION_ID);
    }

    public String originHost() {
        return m.get(ORIGIN_HOST);
    }

    public String errorMessage() {
        return m.get(ERROR_MESSAGE);
    }

    public Long ulaFlags() {
        return m.get(ULA_FLAGS);
    }

    public Long puaFlags() {
        return m.get(PUA_FLAGS);
    }

    public Long idaFlags() {
        return m.get(IDA_FLAGS);
    }

    /** Subscription-Data, or null. */
    public SubscriptionData subscriptionData() {
        Avp a = m.find(SUBSCRIPTION_DATA);
        return a == null ? null : SubscriptionData.from(a, d);
    }

    /** The E-UTRAN vectors of Authentication-Info, in order; empty when none. */
    public List<Vector> eutranVectors() {
        AvpList info = m.get(AUTHENTICATION_INFO);
        List<Vector> out = new ArrayList<>();
        if (info == null) {
            return out;
        }
        for (AvpList e : info.getAll(E_UTRAN_VECTOR)) {
            Long item = e.get(ITEM_NUMBER);
            out.add(
                    new Vector(
                            item == null ? -1 : item,
                            e.get(RAND),
                            e.get(XRES),
                            e.get(AUTN),
                            e.get(KASME)));
        }
        return out;
    }

    @Override
    public String toString() {
        return command() + " " + result();
    }
}
