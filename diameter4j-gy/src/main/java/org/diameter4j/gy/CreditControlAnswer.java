package org.diameter4j.gy;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;

/**
 * A Credit-Control-Answer read into typed values (RFC 4006 §3.2): Result-Code and its name,
 * command-level GSU / Validity-Time / Final-Unit-Indication, per-MSCC results, and the failure
 * handling instructions (CCFH, DDFH, CC-Session-Failover). Absent AVPs read as null.
 */
public final class CreditControlAnswer {
    /** Final-Unit-Action (RFC 4006 §8.35). */
    public enum FinalUnitAction {
        TERMINATE,
        REDIRECT,
        RESTRICT_ACCESS
    }

    /** One Multiple-Services-Credit-Control of the answer. */
    public record Mscc(
            Long ratingGroup,
            List<Long> serviceIdentifiers,
            Long resultCode,
            ServiceUnits granted,
            Long validityTime,
            FinalUnitAction finalUnitAction) {
        /** The MSCC's Result-Code, or the command's when the MSCC has none. */
        public long effectiveResultCode(long commandResult) {
            return resultCode != null ? resultCode : commandResult;
        }
    }

    private final DiameterMessage message;
    private final Dictionary d;
    private final long resultCode;
    private final List<Mscc> msccs = new ArrayList<>();

    private CreditControlAnswer(Dictionary d, DiameterMessage m) {
        this.d = d;
        this.message = m;
        Avp rc = d.get(m, "Result-Code");
        if (rc != null) {
            resultCode = rc.asUnsigned32();
        } else {
            Avp er = d.get(m, "Experimental-Result");
            Avp erc = er == null ? null : d.get(er, "Experimental-Result-Code");
            resultCode = erc == null ? 0 : erc.asUnsigned32();
        }
        var def = d.avp("Multiple-Services-Credit-Control");
        var sid = d.avp("Service-Identifier");
        for (Avp a : m.avps().findAll(def.code(), def.vendorId())) {
            List<Long> sids = new ArrayList<>();
            for (Avp s : a.children().findAll(sid.code(), sid.vendorId())) {
                sids.add(s.asUnsigned32());
            }
            msccs.add(
                    new Mscc(
                            u32(d.get(a, "Rating-Group")),
                            sids,
                            u32(d.get(a, "Result-Code")),
                            ServiceUnits.from(d, d.get(a, "Granted-Service-Unit")),
                            u32(d.get(a, "Validity-Time")),
                            fua(d, d.get(a, "Final-Unit-Indication"))));
        }
    }

    public static CreditControlAnswer of(Dictionary d, DiameterMessage cca) {
        return new CreditControlAnswer(d, cca);
    }

    private static Long u32(Avp a) {
        return a == null ? null : a.asUnsigned32();
    }

    private static FinalUnitAction fua(Dictionary d, Avp fui) {
        if (fui == null) {
            return null;
        }
        Avp a = d.get(fui, "Final-Unit-Action");
        return a == null ? FinalUnitAction.TERMINATE : FinalUnitAction.values()[a.asInt32()];
    }

    public DiameterMessage message() {
        return message;
    }

    /** Result-Code, else Experimental-Result-Code, else 0. */
    public long resultCode() {
        return resultCode;
    }

    /** "DIAMETER_SUCCESS", "DIAMETER_CREDIT_LIMIT_REACHED" …, or "code N". */
    public String resultCodeName() {
        String n = d.resultCodeName(resultCode);
        return n != null ? n : "code " + resultCode;
    }

    public boolean isSuccess() {
        return ResultCodes.isSuccess(resultCode);
    }

    /**
     * 3002 DIAMETER_UNABLE_TO_DELIVER, 3004 DIAMETER_TOO_BUSY, 3005 DIAMETER_LOOP_DETECTED (RFC
     * 4006 §7).
     */
    public boolean isTemporaryError() {
        return resultCode == ResultCodes.DIAMETER_UNABLE_TO_DELIVER
                || resultCode == ResultCodes.DIAMETER_TOO_BUSY
                || resultCode == ResultCodes.DIAMETER_LOOP_DETECTED;
    }

    public String sessionId() {
        Avp a = d.get(message, "Session-Id");
        return a == null ? null : a.asUtf8();
    }

    public CcRequestType requestType() {
        return message.get(org.diameter4j.avps.Avps.CC_REQUEST_TYPE);
    }

    public Long requestNumber() {
        return u32(d.get(message, "CC-Request-Number"));
    }

    public String errorMessage() {
        Avp a = d.get(message, "Error-Message");
        return a == null ? null : a.asUtf8();
    }

    /** Credit-Control-Failure-Handling, or null when absent. */
    public FailureHandling failureHandling() {
        Avp a = d.get(message, "Credit-Control-Failure-Handling");
        return a == null ? null : FailureHandling.of(a.asInt32());
    }

    public DirectDebitingFailureHandling directDebitingFailureHandling() {
        Avp a = d.get(message, "Direct-Debiting-Failure-Handling");
        return a == null ? null : DirectDebitingFailureHandling.of(a.asInt32());
    }

    /**
     * CC-Session-Failover: TRUE for FAILOVER_SUPPORTED, FALSE for NOT_SUPPORTED, null when absent.
     */
    public Boolean failoverSupported() {
        Avp a = d.get(message, "CC-Session-Failover");
        return a == null ? null : a.asInt32() == 1;
    }

    /** Command-level Granted-Service-Unit. */
    public ServiceUnits granted() {
        return ServiceUnits.from(d, d.get(message, "Granted-Service-Unit"));
    }

    public Long validityTime() {
        return u32(d.get(message, "Validity-Time"));
    }

    public FinalUnitAction finalUnitAction() {
        return fua(d, d.get(message, "Final-Unit-Indication"));
    }

    /** Check-Balance-Result: true ENOUGH_CREDIT, false NO_CREDIT, null absent. */
    public Boolean enoughCredit() {
        Avp a = d.get(message, "Check-Balance-Result");
        return a == null ? null : a.asInt32() == 0;
    }

    public List<Mscc> mscc() {
        return List.copyOf(msccs);
    }

    /** The MSCC of this rating group, or null. */
    public Mscc mscc(long ratingGroup) {
        for (Mscc m : msccs) {
            if (m.ratingGroup() != null && m.ratingGroup() == ratingGroup) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "CCA " + resultCode + " " + resultCodeName() + (msccs.isEmpty() ? "" : " " + msccs);
    }
}
