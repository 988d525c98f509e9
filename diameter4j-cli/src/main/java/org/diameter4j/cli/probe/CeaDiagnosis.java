package org.diameter4j.cli.probe;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.Capabilities;
import org.diameter4j.peer.internal.CapabilitiesVerdict;

/**
 * The CEA of step 3, judged as the peer state machine judges it ({@link CapabilitiesVerdict}, RFC
 * 6733 §5.3.2: the peer's Result-Code, its Origin-Host against --dest-host, a common application)
 * and put in a user's words: what the peer said, why it matters, what to do.
 */
final class CeaDiagnosis {
    static final int ERROR_MESSAGE = 281;

    private CeaDiagnosis() {}

    /**
     * @param expectedHost the Origin-Host the peer must announce (--dest-host), or null
     * @param ourAddress the address we connected from, which the peer may have to provision
     */
    static Finding judge(
            DiameterMessage cea,
            LocalIdentity local,
            String expectedHost,
            String ourAddress,
            Dictionary dict) {
        CapabilitiesVerdict v = CapabilitiesVerdict.ofCea(cea, local, expectedHost, dict);
        Cea c = new Cea(cea, v.capabilities(), local, dict);
        if (v.accepted()) {
            return Finding.passed(
                    CapabilitiesStep.STEP,
                    "CEA "
                            + c.resultCodeText(v.resultCode())
                            + " from "
                            + c.who()
                            + "; common applications "
                            + Words.apps(
                                    dict,
                                    Capabilities.common(
                                            local.applications(),
                                            v.capabilities().applications())));
        }
        if (Words.resultCode(cea) != ResultCodes.DIAMETER_SUCCESS) {
            return refusedByPeer(c, v.resultCode(), ourAddress);
        }
        if (v.resultCode() == ResultCodes.DIAMETER_INVALID_AVP_VALUE && expectedHost != null) {
            return originHostMismatch(c, expectedHost);
        }
        if (v.resultCode() == ResultCodes.DIAMETER_NO_COMMON_APPLICATION) {
            return noCommonApplication(c);
        }
        return Finding.failed(
                CapabilitiesStep.STEP,
                "CEA 2001 from " + c.who() + " but " + v.reportMessage(),
                "cea-error",
                "The peer accepted the CER, but " + v.reason() + ".",
                "Compare the peer's capabilities with ours (RFC 6733 §5.3).",
                1);
    }

    /** The peer answered our CER with an error Result-Code. */
    private static Finding refusedByPeer(Cea c, long rc, String ourAddress) {
        String rcText = c.resultCodeText(rc);
        String detail = "CEA " + rcText + c.errorText() + " from " + c.who();
        if (rc == ResultCodes.DIAMETER_NO_COMMON_APPLICATION) {
            String em = c.errorMessage();
            return Finding.failed(
                    CapabilitiesStep.STEP,
                    detail,
                    "no-common-application",
                    "No common application (5010): we offered "
                            + c.offered()
                            + (c.caps().applications().isEmpty()
                                    ? ", the peer did not list its own in the CEA"
                                            + (em != null
                                                    ? "; its Error-Message says \"" + em + "\""
                                                    : "")
                                    : ", the peer supports " + c.theirs())
                            + ".",
                    "Offer one of the peer's applications with --apps, or ask its operator to enable ours.",
                    1);
        }
        if (rc == ResultCodes.DIAMETER_UNKNOWN_PEER) {
            return Finding.failed(
                    CapabilitiesStep.STEP,
                    detail,
                    "unknown-peer",
                    "The peer does not know us (3010 DIAMETER_UNKNOWN_PEER)" + c.errorText() + ".",
                    "Ask the peer's operator to add Origin-Host '"
                            + c.local().originHost()
                            + "' (address "
                            + ourAddress
                            + ") as a peer, or use the identity it knows.",
                    1);
        }
        return Finding.failed(
                CapabilitiesStep.STEP,
                detail,
                "cea-error",
                "The peer refused the capabilities exchange: " + rcText + c.errorText() + ".",
                "Look up the Result-Code in RFC 6733 §7.1; the Error-Message says what the peer disliked.",
                1);
    }

    /** The CEA's Origin-Host is not --dest-host (M-17, seed 003). */
    private static Finding originHostMismatch(Cea c, String expectedHost) {
        String theirHost = c.caps().originHost();
        return Finding.failed(
                CapabilitiesStep.STEP,
                "CEA 2001 from " + c.who() + ", expected Origin-Host " + expectedHost,
                "origin-host-mismatch",
                "The peer identifies itself as '"
                        + theirHost
                        + "', not '"
                        + expectedHost
                        + "' (mismatch with locally stored information).",
                "Fix --dest-host (the peer's real Origin-Host is '"
                        + theirHost
                        + "'), or fix the peer's identity;"
                        + " a node that checks it (RFC 6733 §5.6, seed 003) resets the peer.",
                1);
    }

    /** The peer answered 2001 but advertises none of our applications (RFC 6733 §5.3.2). */
    private static Finding noCommonApplication(Cea c) {
        return Finding.failed(
                CapabilitiesStep.STEP,
                "CEA 2001 from " + c.who() + " but no common application",
                "no-common-application",
                "The peer accepted the CER but shares no application with us: we offered "
                        + c.offered()
                        + ", it advertises "
                        + c.theirs()
                        + ".",
                "Offer one of the peer's applications with --apps.",
                1);
    }

    /** The texts a diagnosis shows about one CEA. */
    private record Cea(
            DiameterMessage cea, RemoteCapabilities caps, LocalIdentity local, Dictionary dict) {
        /** "2001 DIAMETER_SUCCESS", or the bare number when the dictionary has no name. */
        String resultCodeText(long rc) {
            String name = dict.resultCodeName(rc);
            return rc + (name != null ? " " + name : "");
        }

        /** The Error-Message AVP's text (RFC 6733 §7.3), or null. */
        String errorMessage() {
            Avp em = cea.find(ERROR_MESSAGE);
            return em != null ? em.asUtf8() : null;
        }

        /** " (\"text\")" after the Result-Code, or "" without an Error-Message. */
        String errorText() {
            String em = errorMessage();
            return em != null ? " (\"" + em + "\")" : "";
        }

        /** "ocs.example.net (realm example.net, product \"OCS\")". */
        String who() {
            return caps.originHost()
                    + " (realm "
                    + caps.originRealm()
                    + ", product \""
                    + caps.productName()
                    + "\")";
        }

        String offered() {
            return Words.apps(dict, local.applications());
        }

        String theirs() {
            return Words.apps(dict, caps.applications());
        }
    }
}
