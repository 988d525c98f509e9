package org.diameter4j.cli.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;
import org.junit.jupiter.api.Test;

/**
 * How the probe words a CEA: the decision is the peer state machine's (RFC 6733 §5.3.2), the cause,
 * explanation and fix are the probe's, and a code the peer sent is never mistaken for a check of
 * ours.
 */
class CeaDiagnosisTest {
    private static final Dictionary D = Dictionary.standard();
    private static final InetAddress IP = InetAddress.getLoopbackAddress();
    private static final ApplicationId GY = ApplicationId.auth(4);
    private static final ApplicationId S6A = ApplicationId.vendorAuth(10415, 16777251);

    private static LocalIdentity identity(String host, ApplicationId... apps) {
        return new LocalIdentity(
                host, null, 0, "probe test", 1L, List.of(), List.of(apps), 1L, false);
    }

    private static final LocalIdentity US = identity("client.example.com", GY);

    private static DiameterMessage cea(LocalIdentity peer, long resultCode, String errorMessage) {
        DiameterMessage cer = Capabilities.cer(US, IP, false);
        return Capabilities.cea(cer, peer, IP, resultCode, errorMessage, false);
    }

    private static Finding judge(DiameterMessage cea, String expectedHost) {
        return CeaDiagnosis.judge(cea, US, expectedHost, "192.0.2.7", D);
    }

    @Test
    void anAcceptedCeaPassesAndNamesThePeerAndTheCommonApplications() {
        Finding f = judge(cea(identity("ocs.example.net", GY), 2001, null), "ocs.example.net");
        assertThat(f.ok()).isTrue();
        assertThat(f.step()).isEqualTo("CER/CEA");
        assertThat(f.detail())
                .startsWith("CEA 2001 DIAMETER_SUCCESS from ocs.example.net (realm example.net,")
                .contains("product \"probe test\"")
                .contains("; common applications [")
                .contains("(auth 4)");
    }

    @Test
    void aPeerThatAnswers5010ListsWhatBothSidesOffer() {
        Finding f = judge(cea(identity("hss.example.net", S6A), 5010, null), null);
        assertThat(f.ok()).isFalse();
        assertThat(f.cause()).isEqualTo("no-common-application");
        assertThat(f.detail()).startsWith("CEA 5010 DIAMETER_NO_COMMON_APPLICATION from hss");
        assertThat(f.explanation())
                .startsWith("No common application (5010): we offered [")
                .contains("(auth 4)")
                .contains("the peer supports [")
                .contains("16777251, vendor 10415");
        assertThat(f.fix()).contains("--apps");
        assertThat(f.exitCode()).isEqualTo(1);
    }

    @Test
    void aPeerThatDoesNotKnowUsIsAskedToProvisionOurIdentityAndAddress() {
        Finding f = judge(cea(identity("ocs.example.net", GY), 3010, "not configured here"), null);
        assertThat(f.cause()).isEqualTo("unknown-peer");
        assertThat(f.detail()).contains("CEA 3010 DIAMETER_UNKNOWN_PEER (\"not configured here\")");
        assertThat(f.explanation())
                .isEqualTo(
                        "The peer does not know us (3010 DIAMETER_UNKNOWN_PEER)"
                                + " (\"not configured here\").");
        assertThat(f.fix())
                .contains("Origin-Host 'client.example.com'")
                .contains("(address 192.0.2.7)");
    }

    @Test
    void anyOtherRefusalShowsTheResultCodeAndTheErrorMessage() {
        Finding f = judge(cea(identity("ocs.example.net", GY), 5012, "try later"), null);
        assertThat(f.cause()).isEqualTo("cea-error");
        assertThat(f.explanation())
                .isEqualTo(
                        "The peer refused the capabilities exchange:"
                                + " 5012 DIAMETER_UNABLE_TO_COMPLY (\"try later\").");
    }

    @Test
    void a5004FromThePeerIsItsRefusalNotOurOriginHostCheck() {
        Finding f = judge(cea(identity("ocs.example.net", GY), 5004, null), "other.example.net");
        assertThat(f.cause()).isEqualTo("cea-error");
        assertThat(f.explanation()).contains("5004 DIAMETER_INVALID_AVP_VALUE");
    }

    @Test
    void anotherOriginHostThanDestHostIsAMismatch() {
        Finding f = judge(cea(identity("ocs-b.example.net", GY), 2001, null), "ocs-a.example.net");
        assertThat(f.cause()).isEqualTo("origin-host-mismatch");
        assertThat(f.detail()).endsWith(", expected Origin-Host ocs-a.example.net");
        assertThat(f.explanation())
                .isEqualTo(
                        "The peer identifies itself as 'ocs-b.example.net', not 'ocs-a.example.net'"
                                + " (mismatch with locally stored information).");
        assertThat(f.fix()).startsWith("Fix --dest-host (the peer's real Origin-Host is 'ocs-b");
    }

    @Test
    void theDestHostIsComparedAsAnIdentityIgnoringCase() {
        Finding f = judge(cea(identity("OCS.example.net", GY), 2001, null), "ocs.EXAMPLE.net");
        assertThat(f.ok()).isTrue();
    }

    @Test
    void a2001WithoutACommonApplicationIsStillNoCommonApplication() {
        Finding f = judge(cea(identity("hss.example.net", S6A), 2001, null), null);
        assertThat(f.cause()).isEqualTo("no-common-application");
        assertThat(f.detail()).endsWith(" but no common application");
        assertThat(f.explanation())
                .startsWith("The peer accepted the CER but shares no application with us")
                .contains("it advertises [");
    }

    @Test
    void aCeaWithoutResultCodeIsRefused() {
        DiameterMessage cea = Capabilities.cer(US, IP, false).answer();
        cea.add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "odd.example.net"));
        Finding f = judge(cea, null);
        assertThat(f.ok()).isFalse();
        assertThat(f.cause()).isEqualTo("cea-error");
        assertThat(f.explanation()).startsWith("The peer refused the capabilities exchange: -1");
    }
}
