package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.junit.jupiter.api.Test;

/**
 * The capabilities-exchange decisions of RFC 6733 §5.3, without a connection: what a CER gets
 * (§5.3.1, §5.3.2) and whether a CEA opens the peer, with seed 003's failure-report words.
 */
class CapabilitiesVerdictTest {
    private static final Dictionary D = Dictionary.standard();
    private static final MessageValidator V = new MessageValidator(D);
    private static final InetAddress IP = InetAddress.getLoopbackAddress();

    private static LocalIdentity identity(String host, ApplicationId... apps) {
        return new LocalIdentity(host, null, 0, "test", null, List.of(), List.of(apps), 1L, false);
    }

    private static final LocalIdentity CLIENT = identity("pgw.example.com", ApplicationId.auth(4));
    private static final LocalIdentity OCS = identity("ocs.example.net", ApplicationId.auth(4));
    private static final LocalIdentity HSS =
            identity("hss.example.net", ApplicationId.vendorAuth(10415, 16777251));

    /** As the wire carries it: encoded and decoded, so the validator sees what a peer sent. */
    private static DiameterMessage wire(DiameterMessage m) {
        byte[] b = m.hopByHop(1).endToEnd(1).toBytes();
        return new MessageDecoder(DecodeOptions.DEFAULT.withTypes(D))
                .decode(b, 0, b.length)
                .message();
    }

    @Test
    void aCerWithACommonApplicationIsAccepted() {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCer(wire(Capabilities.cer(CLIENT, IP, false)), V, OCS, false);
        assertThat(v.accepted()).isTrue();
        assertThat(v.resultCode()).isEqualTo(2001);
        assertThat(v.capabilities().originHost()).isEqualTo("pgw.example.com");
    }

    @Test
    void aCerWithoutACommonApplicationIs5010() {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCer(wire(Capabilities.cer(CLIENT, IP, false)), V, HSS, false);
        assertThat(v.accepted()).isFalse();
        assertThat(v.resultCode()).isEqualTo(ResultCodes.DIAMETER_NO_COMMON_APPLICATION);
        assertThat(v.reason()).startsWith("no common application: we support");
    }

    @Test
    void aCerBreakingItsGrammarIsRefusedWithTheAvpAtFault() {
        DiameterMessage cer = Capabilities.cer(CLIENT, IP, false);
        cer.avps().removeAll(264, 0); // Origin-Host
        CapabilitiesVerdict v = CapabilitiesVerdict.ofCer(wire(cer), V, OCS, false);
        assertThat(v.resultCode()).isEqualTo(ResultCodes.DIAMETER_MISSING_AVP);
        assertThat(v.failedAvp().code()).isEqualTo(264);
    }

    @Test
    void inBandTlsRequiredButNotOfferedIs5017() {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCer(wire(Capabilities.cer(CLIENT, IP, false)), V, OCS, true);
        assertThat(v.resultCode()).isEqualTo(ResultCodes.DIAMETER_NO_COMMON_SECURITY);
        assertThat(
                        CapabilitiesVerdict.ofCer(
                                        wire(Capabilities.cer(CLIENT, IP, true)), V, OCS, true)
                                .accepted())
                .isTrue();
    }

    private static DiameterMessage cea(LocalIdentity server, long rc, String message) {
        return wire(
                Capabilities.cea(
                        Capabilities.cer(CLIENT, IP, false), server, IP, rc, message, false));
    }

    @Test
    void aSuccessfulCeaFromTheConfiguredHostOpensThePeer() {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCea(cea(OCS, 2001, null), CLIENT, "OCS.example.NET", D);
        assertThat(v.accepted()).as("DiameterIdentity compares case-insensitively").isTrue();
        assertThat(v.capabilities().applications()).contains(ApplicationId.auth(4));
    }

    @Test
    void aRefusingCeaGivesItsResultCodeErrorMessageAndFailedAvp() {
        DiameterMessage cea = cea(OCS, 3010, "unknown peer");
        cea.add(Avp.grouped(279, 0, 0x40, Avp.ofUtf8(264, 0, 0x40, "pgw.example.com")));
        CapabilitiesVerdict v = CapabilitiesVerdict.ofCea(cea, CLIENT, null, D);
        assertThat(v.accepted()).isFalse();
        assertThat(v.resultCode()).isEqualTo(3010);
        assertThat(v.reason())
                .isEqualTo(
                        "the peer refused our CER: Result-Code 3010 DIAMETER_UNKNOWN_PEER"
                                + " (\"unknown peer\")");
        assertThat(v.reportMessage()).isEqualTo("unknown peer");
        assertThat(v.failedAvp().asUtf8()).isEqualTo("pgw.example.com");
    }

    @Test
    void aCeaFromAnotherHostIsSeed003sMismatch() {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCea(cea(OCS, 2001, null), CLIENT, "ocs-2.example.net", D);
        assertThat(v.accepted()).isFalse();
        assertThat(v.reportMessage()).isEqualTo("mismatch with locally stored information");
        assertThat(v.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_VALUE);
        assertThat(v.failedAvp().asUtf8()).isEqualTo("ocs.example.net");
    }

    @Test
    void aSuccessfulCeaWithoutACommonApplicationIs5010() {
        CapabilitiesVerdict v = CapabilitiesVerdict.ofCea(cea(HSS, 2001, null), CLIENT, null, D);
        assertThat(v.accepted()).isFalse();
        assertThat(v.resultCode()).isEqualTo(ResultCodes.DIAMETER_NO_COMMON_APPLICATION);
        assertThat(v.reason()).endsWith("(5010 DIAMETER_NO_COMMON_APPLICATION)");
    }
}
