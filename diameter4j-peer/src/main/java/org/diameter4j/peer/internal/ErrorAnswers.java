package org.diameter4j.peer.internal;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.CommandDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.Grammar;
import org.diameter4j.peer.LocalIdentity;

/**
 * Answers that report an error (RFC 6733 §7.2): the request's answer with the E bit for protocol
 * errors (3xxx), Result-Code, Origin-Host, Origin-Realm, Error-Message and Failed-AVP (§7.5).
 */
public final class ErrorAnswers {
    static final int FAILED_AVP = 279;
    static final int ERROR_MESSAGE = 281;
    static final int EXPERIMENTAL_RESULT = 297;
    static final int EXPERIMENTAL_RESULT_CODE = 298;

    /** Result-Code 2001, the AVP of nearly every answer: an Avp is immutable, so one is shared. */
    private static final Avp SUCCESS =
            Avp.ofUnsigned32(
                    Capabilities.RESULT_CODE, 0, Avp.FLAG_MANDATORY, ResultCodes.DIAMETER_SUCCESS);

    /** Origin-Host and Origin-Realm of one identity, encoded once and shared by its answers. */
    private record IdentityAvps(LocalIdentity id, Avp host, Avp realm) {}

    // The last identity answered for: a node answers with one, so its AVPs are encoded once and
    // not per answer (issue 10); several nodes in one JVM only re-encode on a change.
    private static volatile IdentityAvps lastIdentity;

    private ErrorAnswers() {}

    private static IdentityAvps avpsOf(LocalIdentity local) {
        IdentityAvps l = lastIdentity;
        if (l == null || l.id() != local) {
            l =
                    new IdentityAvps(
                            local,
                            Avp.ofUtf8(
                                    Capabilities.ORIGIN_HOST,
                                    0,
                                    Avp.FLAG_MANDATORY,
                                    local.originHost()),
                            Avp.ofUtf8(
                                    Capabilities.ORIGIN_REALM,
                                    0,
                                    Avp.FLAG_MANDATORY,
                                    local.originRealm()));
            lastIdentity = l;
        }
        return l;
    }

    private static void addOrigin(DiameterMessage a, LocalIdentity local) {
        IdentityAvps o = avpsOf(local);
        a.add(o.host());
        a.add(o.realm());
    }

    /**
     * An answer carrying Experimental-Result {Vendor-Id, Experimental-Result-Code} instead of
     * Result-Code (RFC 6733 §7.6): how 3GPP applications report their own results (e.g. S6a 5001
     * DIAMETER_ERROR_USER_UNKNOWN, vendor 10415). Like {@link #build}, it repeats what its
     * command's grammar names from the request (an S6a ULA needs its {Auth-Session-State}).
     */
    public static DiameterMessage experimental(
            DiameterMessage request,
            LocalIdentity local,
            Dictionary dict,
            int vendorId,
            long code) {
        DiameterMessage a = request.answer();
        addOrigin(a, local);
        a.add(
                Avp.grouped(
                        EXPERIMENTAL_RESULT,
                        0,
                        Avp.FLAG_MANDATORY,
                        Avp.ofUnsigned32(
                                Capabilities.VENDOR_ID,
                                0,
                                Avp.FLAG_MANDATORY,
                                vendorId & 0xffffffffL),
                        Avp.ofUnsigned32(EXPERIMENTAL_RESULT_CODE, 0, Avp.FLAG_MANDATORY, code)));
        echo(request, a, dict, null);
        return a;
    }

    /**
     * The answer to {@code request} reporting {@code resultCode}: E bit for 3xxx; Origin-Host,
     * Origin-Realm; the AVPs its command's grammar (in {@code dict}) repeats from the request;
     * Error-Message and Failed-AVP when given.
     */
    public static DiameterMessage build(
            DiameterMessage request,
            LocalIdentity local,
            Dictionary dict,
            long resultCode,
            String message,
            Avp failedAvp) {
        DiameterMessage a = request.answer();
        a.setFlag(DiameterMessage.FLAG_ERROR, ResultCodes.isProtocolError(resultCode));
        a.add(
                resultCode == ResultCodes.DIAMETER_SUCCESS
                        ? SUCCESS
                        : Avp.ofUnsigned32(
                                Capabilities.RESULT_CODE, 0, Avp.FLAG_MANDATORY, resultCode));
        addOrigin(a, local);
        if (!a.isError()) {
            // §7.2: an E-bit answer follows the generic answer-message grammar, which names none
            // of them; strict peers answer 5001 for such an M-bit AVP (Erlang/OTP, issue 9).
            echo(request, a, dict, failedAvp);
        }
        if (message != null) {
            a.add(Avp.ofUtf8(ERROR_MESSAGE, 0, 0, message));
        }
        if (failedAvp != null) {
            a.add(failedAvp(failedAvp));
        }
        return a;
    }

    /**
     * The Failed-AVP holding {@code offender} (RFC 6733 §7.5). The hierarchy down to the offender
     * "MAY" be included; its outer levels are left out where the whole would nest deeper than a
     * strict decoder accepts ({@link org.diameter4j.codec.DecodeOptions#DEFAULT_MAX_DEPTH}), so the
     * answer to a too-deep request can itself be decoded.
     */
    static Avp failedAvp(Avp offender) {
        Avp inner = offender;
        int depth = 1;
        for (Avp a = onlyChild(offender); a != null; a = onlyChild(a)) {
            depth++;
        }
        while (depth > org.diameter4j.codec.DecodeOptions.DEFAULT_MAX_DEPTH - 1) {
            inner = onlyChild(inner);
            depth--;
        }
        return Avp.grouped(FAILED_AVP, 0, Avp.FLAG_MANDATORY, inner);
    }

    /** The one AVP inside {@code a} when its data is exactly one AVP, else null. */
    private static Avp onlyChild(Avp a) {
        try {
            return a.children().size() == 1 ? a.children().get(0) : null;
        } catch (RuntimeException notGrouped) {
            return null;
        }
    }

    /**
     * The AVPs that answer grammars repeat from their request: Auth-/Acct-Application-Id and
     * Vendor-Specific-Application-Id (RFC 4006 §3.2, 3GPP TS 29.272 §7.2), Auth-Session-State (RFC
     * 6733 §8.11), CC-Request-Type and CC-Request-Number (RFC 4006 §3.2), Accounting-Record-Type
     * and -Number (RFC 6733 §9.7.2). Copied when the request has them and the answer's grammar
     * names them — an M-bit AVP only "* [ AVP ]" admits is refused by strict peers (§4.1) — with
     * the flags the dictionary gives them (a request's copy may have lost its M bit or set reserved
     * bits; §4.1, §4.5), so a generic answer is a valid answer of the application too.
     */
    private static final int[] ECHOED = {258, 259, 260, 277, 416, 415, 480, 485};

    private static final int RESERVED_AVP_FLAGS = 0x1f;

    private static boolean wellFormed(Avp avp, Dictionary dict) {
        var def = dict == null ? null : dict.avp(avp.code(), avp.vendorId());
        return def == null || def.accepts(avp);
    }

    static void echo(DiameterMessage request, DiameterMessage answer, Dictionary dict, Avp failed) {
        CommandDefinition cmd = dict == null ? null : dict.command(answer);
        Grammar g = cmd == null ? null : cmd.grammar();
        for (int code : ECHOED) {
            Avp avp = request.find(code);
            if (avp == null
                    || answer.find(code) != null
                    || (g != null && !g.names(code, 0))
                    || (failed != null && failed.code() == code && failed.vendorId() == 0)
                    || !wellFormed(avp, dict)) {
                continue; // a broken AVP travels in Failed-AVP only (§7.5), it is not echoed
            }
            var def = dict == null ? null : dict.avp(code, 0);
            int flags = def != null ? def.defaultFlags() : avp.flags() & ~RESERVED_AVP_FLAGS;
            answer.add(avp.flags() == flags ? avp : avp.withFlags(flags));
        }
    }
}
