package org.diameter4j.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.LocalIdentity;
import org.junit.jupiter.api.Test;

/** Typed S6a messages, PLMN ids and TBCD. */
class S6aMessagesTest {
    static final Dictionary D = Dictionary.standard();
    static final S6aMessages S6A = new S6aMessages(D);
    static final HexFormat H = HexFormat.of();

    @Test
    void plmnIdEncoding() {
        assertThat(H.formatHex(PlmnId.of("001", "01").encode())).isEqualTo("00f110");
        assertThat(H.formatHex(PlmnId.of("310", "410").encode())).isEqualTo("130014");
        assertThat(H.formatHex(PlmnId.of("208", "93").encode())).isEqualTo("02f839");
        assertThat(PlmnId.decode(H.parseHex("130014"))).isEqualTo(PlmnId.of("310", "410"));
        assertThat(PlmnId.parse("00101")).isEqualTo(PlmnId.of("001", "01"));
        assertThat(PlmnId.ofImsi("310410123456789", 3)).isEqualTo(PlmnId.of("310", "410"));
        assertThatThrownBy(() -> PlmnId.of("01", "01")).hasMessageContaining("MCC");
    }

    @Test
    void tbcd() {
        assertThat(H.formatHex(Tbcd.encode("41780000001"))).isEqualTo("1487000000f1");
        assertThat(Tbcd.decode(H.parseHex("1487000000f1"))).isEqualTo("41780000001");
        assertThat(Tbcd.decode(Tbcd.encode("1234"))).isEqualTo("1234");
    }

    @Test
    void requestsCarryWhatTheirGrammarRequiresAndValidate() {
        MessageValidator v = new MessageValidator(D);
        DiameterMessage ulr =
                S6A.ulr("mme;1;1", "001010000000001", PlmnId.of("001", "01"))
                        .originHost("mme.example")
                        .originRealm("example")
                        .destinationRealm("epc.example")
                        .ulrFlags(S6a.ULR_S6A_S6D_INDICATOR | S6a.ULR_INITIAL_ATTACH_INDICATOR)
                        .build();
        assertThat(v.validate(ulr)).isNull();
        assertThat(ulr.commandCode()).isEqualTo(316);
        assertThat(ulr.applicationId()).isEqualTo(16777251L);
        assertThat(ulr.isRequest() && ulr.isProxiable()).isTrue();
        assertThat(ulr.avps().get(0).code()).as("Session-Id first").isEqualTo(263);
        S6aRequest r = S6aRequest.of(ulr, D);
        assertThat(r.imsi()).isEqualTo("001010000000001");
        assertThat(r.ratType()).isEqualTo("EUTRAN");
        assertThat(r.ulrFlags()).isEqualTo(0x22);
        assertThat(r.visitedPlmn()).isEqualTo(PlmnId.of("001", "01"));
        assertThat(D.get(D.get(ulr, "Vendor-Specific-Application-Id"), "Vendor-Id").asUnsigned32())
                .isEqualTo(10415);
        assertThat(D.valueName(D.get(ulr, "Auth-Session-State"), 1))
                .isEqualTo("NO_STATE_MAINTAINED");

        DiameterMessage air =
                S6A.air("mme;1;2", "001010000000001", PlmnId.of("001", "01"), 3)
                        .immediateResponsePreferred(true)
                        .resynchronizationInfo(new byte[30])
                        .originHost("mme.example")
                        .originRealm("example")
                        .destinationRealm("epc.example")
                        .build();
        assertThat(v.validate(air)).isNull();
        S6aRequest a = S6aRequest.of(air, D);
        assertThat(a.requestedEutranVectors()).isEqualTo(3);
        assertThat(a.immediateResponsePreferred()).isTrue();
        assertThat(a.resynchronizationInfo()).hasSize(30);

        DiameterMessage clr =
                S6A.clr(
                                "hss;1;3",
                                "001010000000001",
                                "mme.example",
                                "example",
                                "MME_UPDATE_PROCEDURE")
                        .clrFlags(S6a.CLR_S6A_S6D_INDICATOR)
                        .originHost("hss.example")
                        .originRealm("example")
                        .build();
        assertThat(v.validate(clr)).isNull();
        assertThat(S6aRequest.of(clr, D).cancellationType()).isEqualTo("MME_UPDATE_PROCEDURE");

        SubscriptionData sd =
                new SubscriptionData(
                        "41780000001",
                        "SERVICE_GRANTED",
                        "ONLY_PACKET",
                        new SubscriptionData.Ambr(1000, 2000),
                        new SubscriptionData.ApnConfigurationProfile(
                                1,
                                "All_APN_CONFIGURATIONS_INCLUDED",
                                List.of(
                                        new SubscriptionData.ApnConfiguration(
                                                1, "internet", "IPv4", 9, 8, null, null, null))));
        DiameterMessage idr =
                S6A.idr("hss;1;4", "001010000000001", "mme.example", "example", sd)
                        .originHost("hss.example")
                        .originRealm("example")
                        .build();
        assertThat(v.validate(idr)).isNull();
        SubscriptionData back = S6aRequest.of(idr, D).subscriptionData();
        assertThat(
                        new SubscriptionData(
                                back.msisdn(),
                                back.subscriberStatus(),
                                back.networkAccessMode(),
                                back.ambr(),
                                back.apnConfigurationProfile()))
                .isEqualTo(sd);

        DiameterMessage pur =
                S6A.pur("mme;1;5", "001010000000001")
                        .originHost("mme.example")
                        .originRealm("example")
                        .destinationRealm("epc.example")
                        .purFlags(1)
                        .build();
        assertThat(v.validate(pur)).isNull();
        assertThatThrownBy(() -> S6A.pur("s", "not-an-imsi")).hasMessageContaining("IMSI");
    }

    @Test
    void answersCarryTheResultTheS6aWay() {
        DiameterMessage ulr = S6A.ulr("mme;1;1", "001010000000001", PlmnId.of("001", "01")).build();
        LocalIdentity id =
                new LocalIdentity(
                        "hss.example",
                        null,
                        0,
                        "x",
                        1L,
                        List.of(),
                        List.of(S6a.application()),
                        1L,
                        false);
        DiameterMessage ula = S6A.ula(ulr, id, S6aResult.forCode(5001), null, null);
        S6aAnswer a = S6aAnswer.of(ula, D);
        assertThat(a.result())
                .isEqualTo(new S6aResult(5001, true, 10415, "DIAMETER_ERROR_USER_UNKNOWN"));
        assertThat(a.result().toString())
                .isEqualTo("5001 DIAMETER_ERROR_USER_UNKNOWN (Experimental-Result, vendor 10415)");
        assertThat(a.sessionId()).isEqualTo("mme;1;1");
        assertThat(a.originHost()).isEqualTo("hss.example");
        S6aAnswer ok = S6aAnswer.of(S6A.ula(ulr, id, S6aResult.SUCCESS, 1L, null), D);
        assertThat(ok.result().name()).isEqualTo("DIAMETER_SUCCESS");
        assertThat(ok.ulaFlags()).isEqualTo(1);
        assertThat(S6aResult.forCode(5012).experimental()).isFalse();
    }
}
