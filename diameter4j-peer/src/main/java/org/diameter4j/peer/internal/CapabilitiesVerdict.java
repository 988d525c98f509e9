package org.diameter4j.peer.internal;

import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;

/**
 * The decision on a capabilities exchange (RFC 6733 §5.3), apart from any connection: whether a
 * received CER is accepted or answered with an error CEA, and whether a received CEA opens the peer
 * — with the reason in the words seed 003's failure report uses. Pure: the peer state machine acts
 * on it, and tools such as a probe can judge a CEA the same way.
 *
 * @param accepted whether the exchange succeeds
 * @param capabilities what the message says about the peer (also when refused)
 * @param resultCode 2001 when accepted; else the Result-Code that refuses (our CEA's for a CER, the
 *     peer's or the one a report shows for a CEA)
 * @param reason why it was refused, for logs and exceptions; null when accepted
 * @param reportMessage the short text of the failure report ("no common application"); null when
 *     accepted
 * @param failedAvp the AVP at fault (Failed-AVP of our CEA, or the report's), or null
 */
public record CapabilitiesVerdict(
        boolean accepted,
        RemoteCapabilities capabilities,
        long resultCode,
        String reason,
        String reportMessage,
        Avp failedAvp) {

    private static CapabilitiesVerdict ok(RemoteCapabilities caps) {
        return new CapabilitiesVerdict(true, caps, ResultCodes.DIAMETER_SUCCESS, null, null, null);
    }

    /**
     * A CER received (§5.3.1): its grammar (5005, 5008, 5009 … with Failed-AVP), a common
     * application (5010, §5.3.2), and in-band TLS when we require it (5017, RFC 3588 §6.10).
     */
    public static CapabilitiesVerdict ofCer(
            DiameterMessage cer,
            MessageValidator validator,
            LocalIdentity local,
            boolean requireInbandTls) {
        DecodeFailure f = validator.validate(cer);
        if (f != null) {
            return new CapabilitiesVerdict(
                    false, null, f.resultCode(), f.reason(), f.reason(), f.failedAvp());
        }
        RemoteCapabilities caps = Capabilities.read(cer);
        List<ApplicationId> common = Capabilities.common(local.applications(), caps.applications());
        if (common.isEmpty()) {
            return new CapabilitiesVerdict(
                    false,
                    caps,
                    ResultCodes.DIAMETER_NO_COMMON_APPLICATION,
                    "no common application: we support "
                            + local.applications()
                            + ", the peer "
                            + caps.applications(),
                    "no common application",
                    null);
        }
        if (requireInbandTls && !caps.offersTls()) {
            return new CapabilitiesVerdict(
                    false,
                    caps,
                    ResultCodes.DIAMETER_NO_COMMON_SECURITY,
                    "in-band TLS is required but the CER does not offer Inband-Security-Id TLS",
                    "no common security",
                    null);
        }
        return ok(caps);
    }

    /**
     * A CEA received (§5.3.2): its Result-Code, its Origin-Host against the configured destination
     * host (M-17, seed 003's "mismatch with locally stored information"), and a common application.
     *
     * @param destinationHost the host the peer is configured as, or null to accept any
     */
    public static CapabilitiesVerdict ofCea(
            DiameterMessage cea, LocalIdentity local, String destinationHost, Dictionary dict) {
        RemoteCapabilities caps = Capabilities.read(cea);
        Avp rcAvp = cea.find(Capabilities.RESULT_CODE);
        long rc = rcAvp != null && rcAvp.valueLength() == 4 ? rcAvp.asUnsigned32() : -1;
        if (rc != ResultCodes.DIAMETER_SUCCESS) {
            String name = rc < 0 ? null : dict.resultCodeName(rc);
            Avp em = cea.find(Capabilities.ERROR_MESSAGE);
            String text = em != null ? em.asUtf8() : null;
            Avp fa = cea.find(Capabilities.FAILED_AVP);
            Avp failed = fa != null && !fa.children().isEmpty() ? fa.children().get(0) : null;
            return new CapabilitiesVerdict(
                    false,
                    caps,
                    rc,
                    "the peer refused our CER: Result-Code "
                            + (rc < 0 ? "missing" : rc + (name != null ? " " + name : ""))
                            + (text != null ? " (\"" + text + "\")" : ""),
                    text != null ? text : "the peer refused the capabilities exchange",
                    failed);
        }
        if (destinationHost != null
                && !LocalIdentity.sameIdentity(destinationHost, caps.originHost())) {
            return new CapabilitiesVerdict(
                    false,
                    caps,
                    ResultCodes.DIAMETER_INVALID_AVP_VALUE,
                    "CEA Origin-Host '"
                            + caps.originHost()
                            + "' does not match the configured destination host '"
                            + destinationHost
                            + "' (mismatch with locally stored information)",
                    "mismatch with locally stored information",
                    cea.find(Capabilities.ORIGIN_HOST));
        }
        if (Capabilities.common(local.applications(), caps.applications()).isEmpty()) {
            return new CapabilitiesVerdict(
                    false,
                    caps,
                    ResultCodes.DIAMETER_NO_COMMON_APPLICATION,
                    "no common application: we advertise "
                            + local.applications()
                            + ", the peer "
                            + caps.applications()
                            + " (5010 DIAMETER_NO_COMMON_APPLICATION)",
                    "no common application",
                    null);
        }
        return ok(caps);
    }
}
