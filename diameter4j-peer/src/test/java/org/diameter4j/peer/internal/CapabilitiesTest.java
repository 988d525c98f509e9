package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;
import org.junit.jupiter.api.Test;

/**
 * Capabilities exchange, RFC 6733 §5.3: CER (§5.3.1) and CEA (§5.3.2) contents checked against the
 * standard dictionary's grammars, reading them back, and the application intersection.
 */
class CapabilitiesTest {
    private static final int TGPP = 10415;
    private static final long GX = 16777238;
    private static final long RX = 16777236;

    private static final InetAddress LOCAL_IP = ip("192.0.2.10");

    private static final LocalIdentity LOCAL =
            new LocalIdentity(
                    "pcrf-1.realm-2.com",
                    null,
                    5535,
                    "diameter4j",
                    7L,
                    List.of(TGPP),
                    List.of(
                            ApplicationId.auth(4),
                            ApplicationId.acct(3),
                            ApplicationId.vendorAuth(TGPP, GX),
                            ApplicationId.vendorAuth(5535, 99)),
                    1_700_000_000L,
                    false);

    private final MessageValidator validator = new MessageValidator(Dictionary.standard());

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> unsigned(DiameterMessage m, int code) {
        return m.avps().findAll(code, 0).stream().map(Avp::asUnsigned32).toList();
    }

    private static DiameterMessage roundTrip(DiameterMessage m) {
        byte[] wire = m.toBytes();
        DecodeResult r =
                new org.diameter4j.codec.MessageDecoder(
                                new DecodeOptions(
                                        DecodeOptions.DEFAULT_MAX_MESSAGE_LENGTH,
                                        DecodeOptions.DEFAULT_MAX_DEPTH,
                                        Dictionary.standard(),
                                        true))
                        .decode(wire, 0, wire.length);
        assertThat(r.isSuccess()).as("%s", r).isTrue();
        return r.message();
    }

    // ---- CER ----------------------------------------------------------------------------------

    @Test
    void cerIsABaseProtocolRequestWithoutTheProxiableBit() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        assertThat(cer.commandCode()).isEqualTo(257);
        assertThat(cer.applicationId()).isZero();
        assertThat(cer.isRequest()).isTrue();
        assertThat(cer.isProxiable()).isFalse();
        assertThat(cer.isError()).isFalse();
    }

    @Test
    void cerCarriesIdentityProductAndOriginState() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        assertThat(cer.find(Capabilities.ORIGIN_HOST).asUtf8()).isEqualTo("pcrf-1.realm-2.com");
        assertThat(cer.find(Capabilities.ORIGIN_REALM).asUtf8()).isEqualTo("realm-2.com");
        assertThat(cer.find(Capabilities.VENDOR_ID).asUnsigned32()).isEqualTo(5535);
        assertThat(cer.find(Capabilities.PRODUCT_NAME).asUtf8()).isEqualTo("diameter4j");
        assertThat(cer.find(Capabilities.ORIGIN_STATE_ID).asUnsigned32()).isEqualTo(1_700_000_000L);
        assertThat(cer.find(Capabilities.FIRMWARE_REVISION).asUnsigned32()).isEqualTo(7);
    }

    @Test
    void cerHostIpAddressIsTheGivenLocalAddressNeverTheWildcard() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        List<Avp> ips = cer.avps().findAll(Capabilities.HOST_IP_ADDRESS, 0);
        assertThat(ips).hasSize(1);
        assertThat(ips.get(0).asAddress().inetAddress()).isEqualTo(LOCAL_IP);
        assertThat(ips.get(0).asAddress().inetAddress().isAnyLocalAddress()).isFalse();
    }

    @Test
    void cerHostIpAddressCanBeIpv6() {
        InetAddress v6 = ip("2001:db8::10");
        DiameterMessage cer = Capabilities.cer(LOCAL, v6, false);

        assertThat(cer.find(Capabilities.HOST_IP_ADDRESS).asAddress().inetAddress()).isEqualTo(v6);
        assertThat(validator.validate(cer)).isNull();
    }

    @Test
    void cerListsSupportedVendorsIncludingVendorsOfVendorSpecificAppsOnce() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        assertThat(unsigned(cer, Capabilities.SUPPORTED_VENDOR_ID))
                .containsExactlyInAnyOrder((long) TGPP, 5535L);
    }

    @Test
    void cerAdvertisesAuthAcctAndVendorSpecificApplications() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        assertThat(unsigned(cer, Capabilities.AUTH_APPLICATION_ID)).containsExactly(4L);
        assertThat(unsigned(cer, Capabilities.ACCT_APPLICATION_ID)).containsExactly(3L);
        List<Avp> vsas = cer.avps().findAll(Capabilities.VENDOR_SPECIFIC_APPLICATION_ID, 0);
        assertThat(vsas)
                .extracting(
                        v -> v.children().find(Capabilities.VENDOR_ID).asUnsigned32(),
                        v -> v.children().find(Capabilities.AUTH_APPLICATION_ID).asUnsigned32())
                .containsExactly(tuple((long) TGPP, GX), tuple(5535L, 99L));
        assertThat(vsas).allSatisfy(v -> assertThat(v.isMandatory()).isTrue());
    }

    @Test
    void vendorSpecificAccountingApplicationUsesAcctApplicationIdInsideTheGroup() {
        LocalIdentity local =
                new LocalIdentity(
                        "ocs.example.net",
                        "example.net",
                        0,
                        "p",
                        null,
                        List.of(),
                        List.of(new ApplicationId(777, TGPP, true)),
                        null,
                        false);

        DiameterMessage cer = Capabilities.cer(local, LOCAL_IP, false);

        Avp vsa = cer.find(Capabilities.VENDOR_SPECIFIC_APPLICATION_ID);
        assertThat(vsa.children().find(Capabilities.ACCT_APPLICATION_ID).asUnsigned32())
                .isEqualTo(777);
        assertThat(vsa.children().find(Capabilities.AUTH_APPLICATION_ID)).isNull();
        assertThat(validator.validate(cer)).isNull();
    }

    @Test
    void cerOffersInbandTlsOnlyWhenAsked() {
        assertThat(Capabilities.cer(LOCAL, LOCAL_IP, false).find(Capabilities.INBAND_SECURITY_ID))
                .isNull();

        DiameterMessage tls = Capabilities.cer(LOCAL, LOCAL_IP, true);

        assertThat(unsigned(tls, Capabilities.INBAND_SECURITY_ID)).containsExactly(1L);
        assertThat(validator.validate(tls)).isNull();
    }

    @Test
    void cerLeavesOutOptionalAvpsThatAreNotConfigured() {
        LocalIdentity bare =
                new LocalIdentity("a.b.c", "b.c", 0, "p", null, List.of(), List.of(), null, false);

        DiameterMessage cer = Capabilities.cer(bare, LOCAL_IP, false);

        assertThat(cer.find(Capabilities.ORIGIN_STATE_ID)).isNull();
        assertThat(cer.find(Capabilities.FIRMWARE_REVISION)).isNull();
        assertThat(cer.find(Capabilities.SUPPORTED_VENDOR_ID)).isNull();
        assertThat(validator.validate(cer)).isNull();
    }

    @Test
    void cerSatisfiesTheStandardCerGrammar() {
        assertThat(validator.validate(Capabilities.cer(LOCAL, LOCAL_IP, false))).isNull();
        assertThat(validator.validate(Capabilities.cer(LOCAL, LOCAL_IP, true))).isNull();
    }

    @Test
    void cerSatisfiesTheGrammarAfterGoingOverTheWire() {
        DiameterMessage decoded = roundTrip(Capabilities.cer(LOCAL, LOCAL_IP, true));

        assertThat(validator.validate(decoded)).isNull();
    }

    @Test
    void cerGrammarCheckWouldCatchAMissingHostIpAddress() {
        // the validator really checks CER: without Host-IP-Address it reports 5005
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);
        cer.avps().removeAll(Capabilities.HOST_IP_ADDRESS, 0);

        assertThat(validator.validate(cer).resultCode())
                .isEqualTo(ResultCodes.DIAMETER_MISSING_AVP);
    }

    // ---- CEA ----------------------------------------------------------------------------------

    @Test
    void successCeaAnswersTheCerAndSatisfiesTheCeaGrammar() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false).hopByHop(11).endToEnd(22);

        DiameterMessage cea =
                Capabilities.cea(cer, LOCAL, LOCAL_IP, ResultCodes.DIAMETER_SUCCESS, null, false);

        assertThat(cea.isRequest()).isFalse();
        assertThat(cea.isError()).isFalse();
        assertThat(cea.commandCode()).isEqualTo(257);
        assertThat(cea.hopByHop()).isEqualTo(11);
        assertThat(cea.endToEnd()).isEqualTo(22);
        assertThat(cea.find(Capabilities.RESULT_CODE).asUnsigned32()).isEqualTo(2001);
        assertThat(cea.find(Capabilities.HOST_IP_ADDRESS).asAddress().inetAddress())
                .isEqualTo(LOCAL_IP);
        assertThat(unsigned(cea, Capabilities.AUTH_APPLICATION_ID)).containsExactly(4L);
        assertThat(validator.validate(cea)).isNull();
        assertThat(validator.validate(roundTrip(cea))).isNull();
    }

    @Test
    void successCeaSelectsInbandTlsWhenAsked() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, true);

        DiameterMessage cea = Capabilities.cea(cer, LOCAL, LOCAL_IP, 2001, null, true);

        assertThat(unsigned(cea, Capabilities.INBAND_SECURITY_ID)).containsExactly(1L);
        assertThat(validator.validate(cea)).isNull();
    }

    @Test
    void protocolErrorCeaCarriesTheEBit() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        DiameterMessage cea =
                Capabilities.cea(
                        cer,
                        LOCAL,
                        LOCAL_IP,
                        ResultCodes.DIAMETER_UNKNOWN_PEER,
                        "unknown peer",
                        false);

        assertThat(cea.isError()).isTrue(); // RFC 6733 §7.1.3
        assertThat(cea.find(Capabilities.RESULT_CODE).asUnsigned32()).isEqualTo(3010);
        assertThat(cea.find(Capabilities.ERROR_MESSAGE).asUtf8()).isEqualTo("unknown peer");
        assertThat(cea.find(Capabilities.AUTH_APPLICATION_ID)).isNull();
        assertThat(validator.validate(cea)).isNull();
    }

    @Test
    void permanentFailureCeaHasNoEBitAndListsOurApplicationsOnlyFor5010() {
        DiameterMessage cer = Capabilities.cer(LOCAL, LOCAL_IP, false);

        DiameterMessage cea5010 =
                Capabilities.cea(
                        cer,
                        LOCAL,
                        LOCAL_IP,
                        ResultCodes.DIAMETER_NO_COMMON_APPLICATION,
                        null,
                        false);
        DiameterMessage cea5017 =
                Capabilities.cea(
                        cer, LOCAL, LOCAL_IP, ResultCodes.DIAMETER_NO_COMMON_SECURITY, null, false);

        assertThat(cea5010.isError()).isFalse(); // only 3xxx protocol errors set E
        assertThat(cea5010.find(Capabilities.ERROR_MESSAGE)).isNull();
        // 5010: our applications are listed, so the peer can see what we would have accepted.
        assertThat(cea5010.find(Capabilities.AUTH_APPLICATION_ID)).isNotNull();
        assertThat(cea5017.find(Capabilities.AUTH_APPLICATION_ID)).isNull();
    }

    // ---- read ---------------------------------------------------------------------------------

    @Test
    void readReturnsWhatTheCerSaid() {
        RemoteCapabilities caps =
                Capabilities.read(roundTrip(Capabilities.cer(LOCAL, LOCAL_IP, true)));

        assertThat(caps.originHost()).isEqualTo(LOCAL.originHost());
        assertThat(caps.originRealm()).isEqualTo(LOCAL.originRealm());
        assertThat(caps.hostIpAddresses()).containsExactly(LOCAL_IP);
        assertThat(caps.vendorId()).isEqualTo(5535);
        assertThat(caps.productName()).isEqualTo("diameter4j");
        assertThat(caps.originStateId()).isEqualTo(1_700_000_000L);
        assertThat(caps.firmwareRevision()).isEqualTo(7L);
        assertThat(caps.supportedVendorIds()).containsExactlyInAnyOrder((long) TGPP, 5535L);
        assertThat(caps.applications()).containsExactlyElementsOf(LOCAL.applications());
        assertThat(caps.inbandSecurityIds()).containsExactly(1L);
        assertThat(caps.offersTls()).isTrue();
    }

    @Test
    void readOfACeaWithoutOptionalAvpsGivesNullsAndEmptyLists() {
        LocalIdentity bare =
                new LocalIdentity("a.b.c", "b.c", 0, "p", null, List.of(), List.of(), null, false);
        DiameterMessage cea =
                Capabilities.cea(
                        Capabilities.cer(bare, LOCAL_IP, false), bare, LOCAL_IP, 2001, null, false);

        RemoteCapabilities caps = Capabilities.read(roundTrip(cea));

        assertThat(caps.originStateId()).isNull();
        assertThat(caps.firmwareRevision()).isNull();
        assertThat(caps.applications()).isEmpty();
        assertThat(caps.supportedVendorIds()).isEmpty();
        assertThat(caps.offersTls()).isFalse();
    }

    @Test
    void readKeepsImmutableListsThatAPeerHoldsWhileConnected() {
        // A peer keeps what its CER said for as long as it is connected (issue 10: exact-size
        // copies, not growable lists with room for ten).
        RemoteCapabilities caps =
                Capabilities.read(roundTrip(Capabilities.cer(LOCAL, LOCAL_IP, true)));

        for (List<?> l :
                List.of(
                        caps.hostIpAddresses(),
                        caps.supportedVendorIds(),
                        caps.applications(),
                        caps.inbandSecurityIds())) {
            assertThatThrownBy(() -> l.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void readToleratesAnEmptyMessage() {
        RemoteCapabilities caps = Capabilities.read(DiameterMessage.request(257, 0, false));

        assertThat(caps.originHost()).isNull();
        assertThat(caps.hostIpAddresses()).isEmpty();
        assertThat(caps.applications()).isEmpty();
    }

    // ---- common applications, §5.3 ----------------------------------------------------------

    @Test
    void commonIsThePlainIntersection() {
        List<ApplicationId> common =
                Capabilities.common(
                        List.of(
                                ApplicationId.auth(4),
                                ApplicationId.auth(1),
                                ApplicationId.acct(3)),
                        List.of(
                                ApplicationId.auth(4),
                                ApplicationId.auth(5),
                                ApplicationId.acct(3)));

        assertThat(common).containsExactlyInAnyOrder(ApplicationId.auth(4), ApplicationId.acct(3));
    }

    @Test
    void commonDoesNotMixAuthAndAcct() {
        assertThat(
                        Capabilities.common(
                                List.of(ApplicationId.auth(3)), List.of(ApplicationId.acct(3))))
                .isEmpty();
        assertThat(
                        Capabilities.common(
                                List.of(ApplicationId.acct(4)), List.of(ApplicationId.auth(4))))
                .isEmpty();
    }

    @Test
    void commonCountsAVendorSpecificApplicationAsItsApplicationId() {
        List<ApplicationId> common =
                Capabilities.common(
                        List.of(ApplicationId.vendorAuth(TGPP, GX)),
                        List.of(ApplicationId.auth(GX)));
        assertThat(common).extracting(ApplicationId::id).containsExactly(GX);

        List<ApplicationId> reverse =
                Capabilities.common(
                        List.of(ApplicationId.auth(RX)),
                        List.of(ApplicationId.vendorAuth(TGPP, RX)));
        assertThat(reverse).extracting(ApplicationId::id).containsExactly(RX);
    }

    @Test
    void commonHasEveryApplicationOfTheOtherSideWhenOneSideIsARelay() {
        List<ApplicationId> mine =
                List.of(ApplicationId.auth(4), ApplicationId.vendorAuth(TGPP, GX));

        assertThat(Capabilities.common(mine, List.of(ApplicationId.relay())))
                .containsExactlyElementsOf(mine);
        assertThat(Capabilities.common(List.of(ApplicationId.relay()), mine))
                .containsExactlyElementsOf(mine);
    }

    @Test
    void commonOfDisjointOrEmptyListsIsEmpty() {
        assertThat(Capabilities.common(List.of(), List.of())).isEmpty();
        assertThat(Capabilities.common(List.of(ApplicationId.auth(4)), List.of())).isEmpty();
        assertThat(Capabilities.common(List.of(), List.of(ApplicationId.auth(4)))).isEmpty();
        assertThat(
                        Capabilities.common(
                                List.of(ApplicationId.auth(4)), List.of(ApplicationId.auth(5))))
                .isEmpty();
    }

    @Test
    void commonListsAnApplicationOnceEvenIfAdvertisedTwice() {
        List<ApplicationId> common =
                Capabilities.common(
                        List.of(ApplicationId.auth(4), ApplicationId.auth(4)),
                        List.of(ApplicationId.auth(4)));

        assertThat(common).containsExactly(ApplicationId.auth(4));
    }

    @Test
    void relayApplicationIdIsAllOnes() {
        assertThat(ApplicationId.RELAY).isEqualTo(0xffffffffL);
        assertThat(ApplicationId.relay().isRelay()).isTrue();
        assertThat(ApplicationId.auth(4).isRelay()).isFalse();
    }
}
