package org.diameter4j.testkit.mock;

import java.net.InetAddress;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;

/** Who the mock server is, and the base-protocol answers it builds from that (RFC 6733 §5). */
record MockIdentity(String originHost, String originRealm, List<Avp> applications, boolean tls) {
    static final int SESSION_ID = 263;
    static final int AUTH_APPLICATION_ID = 258;
    static final int ACCT_APPLICATION_ID = 259;
    static final int VENDOR_SPECIFIC_APPLICATION_ID = 260;
    static final int HOST_IP_ADDRESS = 257;
    static final int ORIGIN_HOST = 264;
    static final int ORIGIN_REALM = 296;
    static final int VENDOR_ID = 266;
    static final int PRODUCT_NAME = 269;
    static final int RESULT_CODE = 268;
    private static final int M = Avp.FLAG_MANDATORY;

    /** A CEA 2001 (§5.3.2): identity, Host-IP-Address, Vendor-Id, Product-Name, applications. */
    DiameterMessage cea(DiameterMessage cer, InetAddress local) {
        DiameterMessage a = cer.answer();
        a.add(Avp.ofUnsigned32(RESULT_CODE, 0, M, 2001));
        a.add(Avp.ofUtf8(ORIGIN_HOST, 0, M, originHost));
        a.add(Avp.ofUtf8(ORIGIN_REALM, 0, M, originRealm));
        a.add(Avp.ofAddress(HOST_IP_ADDRESS, 0, M, local));
        a.add(Avp.ofUnsigned32(VENDOR_ID, 0, M, 0));
        a.add(Avp.ofUtf8(PRODUCT_NAME, 0, 0, "diameter4j mock"));
        for (Avp app : applications) {
            a.add(app);
        }
        return a;
    }

    /** A DWA or DPA 2001 (§5.5.2, §5.4.2). */
    DiameterMessage baseAnswer(DiameterMessage request) {
        DiameterMessage a = request.answer();
        a.add(Avp.ofUnsigned32(RESULT_CODE, 0, M, 2001));
        a.add(Avp.ofUtf8(ORIGIN_HOST, 0, M, originHost));
        a.add(Avp.ofUtf8(ORIGIN_REALM, 0, M, originRealm));
        return a;
    }

    /** Adds Origin-Host and Origin-Realm to an answer that lacks them (§6.2). */
    DiameterMessage complete(DiameterMessage answer) {
        if (answer.find(ORIGIN_HOST) == null) {
            answer.add(Avp.ofUtf8(ORIGIN_HOST, 0, M, originHost));
        }
        if (answer.find(ORIGIN_REALM) == null) {
            answer.add(Avp.ofUtf8(ORIGIN_REALM, 0, M, originRealm));
        }
        return answer;
    }

    static Avp vendorSpecific(long vendor, long authApplication) {
        return Avp.grouped(
                VENDOR_SPECIFIC_APPLICATION_ID,
                0,
                M,
                Avp.ofUnsigned32(VENDOR_ID, 0, M, vendor),
                Avp.ofUnsigned32(AUTH_APPLICATION_ID, 0, M, authApplication));
    }
}
