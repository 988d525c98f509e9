package org.diameter4j.testkit.mock;

import java.util.function.UnaryOperator;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;

/**
 * Answers to queue on a {@link MockDiameterServer}. Each builds an answer to the request it is
 * given: the request's identifiers and P bit (RFC 6733 §6.2), Session-Id first when the request has
 * one, the Result-Code, and what the common application grammars want repeated from the request
 * (Auth-/Acct-Application-Id, Vendor-Specific-Application-Id, Auth-Session-State,
 * CC-Request-Type/-Number of RFC 4006 §3.2, Accounting-Record-Type/-Number of RFC 6733 §9.7.2). A
 * 3xxx answer carries the E bit and, as the answer-message grammar of §7.2 says, only Session-Id
 * from the request. The server adds Origin-Host and Origin-Realm.
 */
public final class MockAnswers {
    /** AVPs repeated from the request into a non-E-bit answer. */
    private static final int[] ECHOED = {258, 259, 260, 277, 416, 415, 480, 485};

    private MockAnswers() {}

    /** 2001 DIAMETER_SUCCESS. */
    public static UnaryOperator<DiameterMessage> success() {
        return resultCode(2001);
    }

    /** An answer with {@code code} (E bit for 3xxx, RFC 6733 §7.1.3). */
    public static UnaryOperator<DiameterMessage> resultCode(long code) {
        return req -> {
            DiameterMessage a = base(req, code >= 3000 && code < 4000);
            a.add(Avp.ofUnsigned32(MockIdentity.RESULT_CODE, 0, Avp.FLAG_MANDATORY, code));
            return a;
        };
    }

    /** An answer with Experimental-Result {Vendor-Id, Experimental-Result-Code} (§7.6). */
    public static UnaryOperator<DiameterMessage> experimental(long vendor, long code) {
        return req -> {
            DiameterMessage a = base(req, false);
            a.add(
                    Avp.grouped(
                            297,
                            0,
                            Avp.FLAG_MANDATORY,
                            Avp.ofUnsigned32(MockIdentity.VENDOR_ID, 0, Avp.FLAG_MANDATORY, vendor),
                            Avp.ofUnsigned32(298, 0, Avp.FLAG_MANDATORY, code)));
            return a;
        };
    }

    /** {@code then} applied to the 2001 answer: to add AVPs a test needs (a grant, a vector …). */
    public static UnaryOperator<DiameterMessage> success(UnaryOperator<DiameterMessage> then) {
        return req -> then.apply(success().apply(req));
    }

    private static DiameterMessage base(DiameterMessage req, boolean error) {
        DiameterMessage a = req.answer();
        Avp sid = req.find(MockIdentity.SESSION_ID);
        if (sid != null) {
            a.add(sid);
        }
        if (error) {
            a.setFlag(DiameterMessage.FLAG_ERROR, true);
            return a;
        }
        for (int code : ECHOED) {
            Avp v = req.find(code);
            if (v != null) {
                a.add(v);
            }
        }
        return a;
    }
}
