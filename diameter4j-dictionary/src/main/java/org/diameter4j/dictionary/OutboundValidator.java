package org.diameter4j.dictionary;

import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpValueException;
import org.diameter4j.codec.DataType;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.codec.ResultCodes;

/**
 * Checks a message we are about to send against everything a strict peer checks, and more: the
 * judge of "every message we send is grammar-valid". The message is encoded and decoded as the peer
 * would decode it (so a value that does not fit its type is caught: 5014, 5004), then checked
 * against
 *
 * <ul>
 *   <li>the header (RFC 6733 §3): reserved flag bits zero; no E bit on a request; on an answer the
 *       E bit set exactly when its Result-Code is a protocol error (3xxx, §7.1.3, §7.2); on a
 *       request the P bit as the command's grammar says ({@code PXY}; CER/DWR/DPR never, §5.3) — an
 *       answer copies its request's (§6.2);
 *   <li>the command grammar (§3.2): fixed positions, required and optional AVPs, occurrence ranges,
 *       AVPs not allowed — and the same inside Grouped AVPs (§4.4); an answer with the E bit
 *       against the generic answer-message grammar of §7.2 instead;
 *   <li>the AVP flags (§4.1, §4.5): the M bit as the dictionary's M column says (MUST and MUST
 *       NOT), reserved bits zero; unknown AVPs never with the M bit, and only where the grammar has
 *       {@code * [ AVP ]};
 *   <li>Enumerated values the dictionary defines (§4.3.1).
 * </ul>
 *
 * Messages of commands the dictionary does not know are checked for the header and the decode only.
 * Thread-safe.
 */
public final class OutboundValidator {
    static final int RESERVED_COMMAND_FLAGS = 0x0f;
    static final int RESERVED_AVP_FLAGS = 0x1f;
    static final int RESULT_CODE = 268;

    private final Dictionary dict;
    private final GrammarCheck check;
    private final MessageDecoder decoder;
    private final Grammar answerMessage;

    public OutboundValidator(Dictionary dict) {
        this.dict = dict;
        this.check = new GrammarCheck(dict, true);
        this.decoder =
                new MessageDecoder(
                        DecodeOptions.DEFAULT
                                // §7.5: Failed-AVP carries the offending AVP as it arrived, often
                                // invalid on purpose (a zero-filled missing AVP, a bad value);
                                // strict peers do not judge its contents (Erlang/OTP's diameter
                                // neither), so neither do we: it is decoded opaque.
                                .withTypes(
                                        (code, vendor) ->
                                                code == GrammarCheck.FAILED_AVP && vendor == 0
                                                        ? DataType.OCTET_STRING
                                                        : dict.typeOf(code, vendor))
                                .withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH));
        this.answerMessage = dict.answerMessageGrammar();
    }

    /** Every rule {@code m} breaks, in message order; empty when it may be sent. */
    public List<OutboundViolation> check(DiameterMessage m) {
        List<OutboundViolation> out = new ArrayList<>();
        byte[] wire;
        try {
            wire = m.toBytes();
        } catch (RuntimeException e) {
            out.add(new OutboundViolation(0, "§3 encoding", "cannot be encoded: " + e, null));
            return out;
        }
        DecodeResult r = decoder.decode(wire, 0, wire.length);
        if (!r.isSuccess()) {
            out.add(
                    new OutboundViolation(
                            r.failure().resultCode(),
                            "§4 AVP format",
                            "a strict peer cannot decode it: " + r.failure().reason(),
                            r.failure().failedAvp()));
            return out;
        }
        DiameterMessage sent = r.message();
        header(sent, out);
        CommandDefinition cmd = dict.command(sent);
        Grammar g;
        String where;
        if (!sent.isRequest() && sent.isError()) {
            g = answerMessage; // §7.2: an error answer need not satisfy the command's grammar
            where = (cmd != null ? cmd.abbreviation() : "answer") + " (E bit, §7.2)";
        } else if (cmd != null) {
            g = cmd.grammar();
            where = cmd.abbreviation();
            // §6.2: an answer's P bit is the request's, right or wrong; only requests are judged.
            if (sent.isRequest() && sent.isProxiable() != cmd.proxiable()) {
                out.add(
                        new OutboundViolation(
                                0,
                                "§3 P bit as the grammar says",
                                where
                                        + ": the P bit is "
                                        + (sent.isProxiable() ? "set" : "clear")
                                        + ", the grammar says "
                                        + (cmd.proxiable() ? "PXY" : "not proxiable"),
                                null));
            }
        } else {
            return out;
        }
        try {
            check.check(
                    sent.avps(),
                    g,
                    where,
                    (rc, rule, text, avp) -> out.add(new OutboundViolation(rc, rule, text, avp)));
        } catch (AvpValueException e) {
            out.add(
                    new OutboundViolation(
                            e.resultCode(), "§4 AVP format", e.getMessage(), e.avp()));
        }
        reservedAvpBits(sent.avps(), where, out);
        if (!sent.isRequest() && refusesItsRequest(sent)) {
            out.removeIf(OutboundValidator::unechoable);
        }
        return out;
    }

    /**
     * AVPs an answer grammar repeats from its request (Session-Id, the application ids,
     * Auth-Session-State, CC-Request-Type/-Number, Accounting-Record-Type/-Number): an answer that
     * refuses its request for a missing or broken AVP (§7.5) cannot repeat what the request did not
     * carry intact, so their absence there is not held against it.
     */
    private static final int[] ECHOED = {263, 258, 259, 260, 277, 415, 416, 480, 485};

    private static boolean refusesItsRequest(DiameterMessage answer) {
        Avp rc = answer.find(RESULT_CODE);
        return rc != null
                && rc.valueLength() == 4
                && rc.asUnsigned32() >= 3000
                && (answer.find(GrammarCheck.FAILED_AVP) != null
                        || rc.asUnsigned32() == ResultCodes.DIAMETER_UNSUPPORTED_VERSION);
    }

    private static boolean unechoable(OutboundViolation v) {
        if (v.resultCode() != ResultCodes.DIAMETER_MISSING_AVP || v.avp() == null) {
            return false;
        }
        for (int code : ECHOED) {
            if (v.avp().code() == code && v.avp().vendorId() == 0) {
                return true;
            }
        }
        return false;
    }

    private static void header(DiameterMessage m, List<OutboundViolation> out) {
        if ((m.flags() & RESERVED_COMMAND_FLAGS) != 0) {
            out.add(new OutboundViolation(0, "§3 reserved bits", "reserved header bits set", null));
        }
        if (m.isRequest()) {
            return; // the decoder refuses the E bit on a request (3008)
        }
        Avp rc = m.find(RESULT_CODE);
        if (rc == null || rc.valueLength() != 4) {
            return;
        }
        boolean protocolError = ResultCodes.isProtocolError(rc.asUnsigned32());
        if (protocolError != m.isError()) {
            out.add(
                    new OutboundViolation(
                            0,
                            "§7.1.3 E bit on protocol errors",
                            "Result-Code "
                                    + rc.asUnsigned32()
                                    + (protocolError
                                            ? " is a protocol error: the E bit must be set"
                                            : " is not a protocol error: the E bit must be clear"),
                            null));
        }
    }

    private static void reservedAvpBits(
            org.diameter4j.codec.AvpList avps, String where, List<OutboundViolation> out) {
        for (int i = 0; i < avps.size(); i++) {
            if ((avps.flagsAt(i) & RESERVED_AVP_FLAGS) != 0) {
                Avp a = avps.get(i);
                out.add(
                        new OutboundViolation(
                                ResultCodes.DIAMETER_INVALID_AVP_BITS,
                                "§4.1 reserved AVP flag bits",
                                where + ": AVP " + GrammarCheck.describe(a) + " has reserved bits",
                                a));
            }
        }
    }

    /**
     * RFC 6733 §7.2: {@code <answer-message> ::= < Diameter Header: code, ERR [, PXY] > 0*1<
     * Session-Id > { Origin-Host } { Origin-Realm } { Result-Code } [ Origin-State-Id ] [
     * Error-Message ] [ Error-Reporting-Host ] [ Failed-AVP ] [ Experimental-Result ] * [
     * Proxy-Info ] * [ AVP ]}.
     */
    static Grammar answerMessageGrammar(Dictionary d) {
        List<GrammarRule> rules = new ArrayList<>();
        rules.add(new GrammarRule(GrammarRule.Kind.FIXED, "Session-Id", 0, 1));
        for (String name : List.of("Origin-Host", "Origin-Realm", "Result-Code")) {
            rules.add(new GrammarRule(GrammarRule.Kind.REQUIRED, name, 1, 1));
        }
        for (String name :
                List.of(
                        "Origin-State-Id",
                        "Error-Message",
                        "Error-Reporting-Host",
                        "Failed-AVP",
                        "Experimental-Result")) {
            rules.add(new GrammarRule(GrammarRule.Kind.OPTIONAL, name, 0, 1));
        }
        rules.add(new GrammarRule(GrammarRule.Kind.OPTIONAL, "Proxy-Info", 0, Integer.MAX_VALUE));
        rules.add(
                new GrammarRule(GrammarRule.Kind.OPTIONAL, GrammarRule.ANY, 0, Integer.MAX_VALUE));
        AvpDefinition[] defs = new AvpDefinition[rules.size()];
        for (int i = 0; i < rules.size() - 1; i++) {
            defs[i] = d.avp(rules.get(i).name());
        }
        return new Grammar(rules, defs);
    }
}
