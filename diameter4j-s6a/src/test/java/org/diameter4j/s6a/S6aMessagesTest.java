package org.diameter4j.s6a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.s6a.milenage.EpsAka;
import org.junit.jupiter.api.Test;

/** Typed S6a messages, PLMN ids and TBCD. */
class S6aMessagesTest {
    static final Dictionary D = Dictionary.standard();
    static final S6aMessages S6A = new S6aMessages(D);
    static final HexFormat H = HexFormat.of();
    static final LocalIdentity HSS =
            new LocalIdentity(
                    "hss.example",
                    null,
                    0,
                    "example",
                    1L,
                    List.of(),
                    List.of(S6a.application()),
                    1L,
                    false);

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
        LocalIdentity id = HSS;
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

    // ---- the typed keys build what the names built, byte for byte ---------------------------

    static Avp vendorSpecificApplicationIdByName() {
        return D.grouped(
                "Vendor-Specific-Application-Id",
                D.avp("Vendor-Id", 10415),
                D.avp("Auth-Application-Id", 16777251L));
    }

    /** Session-Id, Vendor-Specific-Application-Id, Auth-Session-State, Origin-*, by name. */
    static DiameterMessage requestByName(String command, String sessionId) {
        return D.request(command, 16777251L)
                .add(D.avp("Session-Id", sessionId))
                .add(vendorSpecificApplicationIdByName())
                .add(D.avp("Auth-Session-State", "NO_STATE_MAINTAINED"))
                .add(D.avp("Origin-Host", "mme.example"))
                .add(D.avp("Origin-Realm", "example"));
    }

    static void assertSameBytes(DiameterMessage typed, DiameterMessage byName) {
        assertThat(H.formatHex(typed.toBytes()))
                .as(S6a.commandName(typed.commandCode(), typed.isRequest()))
                .isEqualTo(H.formatHex(byName.toBytes()));
    }

    static final SubscriptionData FULL =
            new SubscriptionData(
                    "41780000001",
                    "OPERATOR_DETERMINED_BARRING",
                    "PACKET_AND_CIRCUIT",
                    new SubscriptionData.Ambr(100_000, 200_000),
                    new SubscriptionData.ApnConfigurationProfile(
                            2,
                            "MODIFIED_ADDED_APN_CONFIGURATIONS_INCLUDED",
                            List.of(
                                    new SubscriptionData.ApnConfiguration(
                                            2,
                                            "ims",
                                            "IPv4v6",
                                            5,
                                            1,
                                            "PRE-EMPTION_CAPABILITY_ENABLED",
                                            "PRE-EMPTION_VULNERABILITY_DISABLED",
                                            new SubscriptionData.Ambr(1, 2)),
                                    new SubscriptionData.ApnConfiguration(
                                            3, "internet", "IPv4", 9, 15, null, null, null))));

    static Avp ambrByName(long ul, long dl) {
        return D.grouped(
                "AMBR",
                D.avp("Max-Requested-Bandwidth-UL", ul),
                D.avp("Max-Requested-Bandwidth-DL", dl));
    }

    static Avp fullByName() {
        return D.grouped(
                "Subscription-Data",
                D.avp("Subscriber-Status", "OPERATOR_DETERMINED_BARRING"),
                D.avp("MSISDN", Tbcd.encode("41780000001")),
                D.avp("Network-Access-Mode", "PACKET_AND_CIRCUIT"),
                ambrByName(100_000, 200_000),
                D.grouped(
                        "APN-Configuration-Profile",
                        D.avp("Context-Identifier", 2),
                        D.avp(
                                "All-APN-Configurations-Included-Indicator",
                                "MODIFIED_ADDED_APN_CONFIGURATIONS_INCLUDED"),
                        apnByName(
                                2,
                                "IPv4v6",
                                "ims",
                                5,
                                ambrByName(1, 2),
                                D.avp("Priority-Level", 1),
                                D.avp("Pre-emption-Capability", "PRE-EMPTION_CAPABILITY_ENABLED"),
                                D.avp(
                                        "Pre-emption-Vulnerability",
                                        "PRE-EMPTION_VULNERABILITY_DISABLED")),
                        apnByName(3, "IPv4", "internet", 9, null, D.avp("Priority-Level", 15))));
    }

    /** APN-Configuration by name; {@code arp}: the Allocation-Retention-Priority children. */
    static Avp apnByName(long context, String pdnType, String apn, long qci, Avp ambr, Avp... arp) {
        List<Avp> c = new java.util.ArrayList<>();
        c.add(D.avp("Context-Identifier", context));
        c.add(D.avp("PDN-Type", pdnType));
        c.add(D.avp("Service-Selection", apn));
        c.add(
                D.grouped(
                        "EPS-Subscribed-QoS-Profile",
                        D.avp("QoS-Class-Identifier", qci),
                        D.grouped("Allocation-Retention-Priority", arp)));
        if (ambr != null) {
            c.add(ambr);
        }
        return D.grouped("APN-Configuration", c.toArray(new Avp[0]));
    }

    @Test
    void requestsBuiltWithTypedKeysAreByteForByteTheOnesBuiltByName() {
        PlmnId plmn = PlmnId.of("001", "01");
        String imsi = "001010000000001";
        assertSameBytes(
                S6A.ulr("s;1", imsi, plmn)
                        .originHost("mme.example")
                        .originRealm("example")
                        .destinationHost("hss.example")
                        .destinationRealm("epc.example")
                        .ratType("EUTRAN-NB-IoT")
                        .ulrFlags(0x22)
                        .build(),
                requestByName("ULR", "s;1")
                        .add(D.avp("Destination-Host", "hss.example"))
                        .add(D.avp("Destination-Realm", "epc.example"))
                        .add(D.avp("User-Name", imsi))
                        .add(D.avp("RAT-Type", "EUTRAN-NB-IoT"))
                        .add(D.avp("ULR-Flags", 0x22))
                        .add(D.avp("Visited-PLMN-Id", plmn.encode())));
        // A RAT-Type by number, named by the dictionary or not, is sent as that number.
        for (String rat : List.of("1004", "7777")) {
            assertSameBytes(
                    S6A.ulr("s;1", imsi, plmn)
                            .originHost("mme.example")
                            .originRealm("example")
                            .ratType(rat)
                            .build(),
                    requestByName("ULR", "s;1")
                            .add(D.avp("User-Name", imsi))
                            .add(D.avp("RAT-Type", rat))
                            .add(D.avp("ULR-Flags", S6a.ULR_S6A_S6D_INDICATOR))
                            .add(D.avp("Visited-PLMN-Id", plmn.encode())));
        }
        byte[] resync = H.parseHex("00112233445566778899aabbccddeeff0123456789abcdef01234567");
        byte[] resync30 = java.util.Arrays.copyOf(resync, 30);
        assertSameBytes(
                S6A.air("s;2", imsi, plmn, 2)
                        .originHost("mme.example")
                        .originRealm("example")
                        .immediateResponsePreferred(false)
                        .resynchronizationInfo(resync30)
                        .airFlags(1)
                        .build(),
                requestByName("AIR", "s;2")
                        .add(D.avp("User-Name", imsi))
                        .add(
                                D.grouped(
                                        "Requested-EUTRAN-Authentication-Info",
                                        D.avp("Number-Of-Requested-Vectors", 2),
                                        D.avp("Immediate-Response-Preferred", 0),
                                        D.avp("Re-Synchronization-Info", resync30)))
                        .add(D.avp("Visited-PLMN-Id", plmn.encode()))
                        .add(D.avp("AIR-Flags", 1)));
        assertSameBytes(
                S6A.pur("s;3", imsi)
                        .originHost("mme.example")
                        .originRealm("example")
                        .purFlags(3)
                        .build(),
                requestByName("PUR", "s;3")
                        .add(D.avp("User-Name", imsi))
                        .add(D.avp("PUR-Flags", 3)));
        assertSameBytes(
                S6A.clr("s;4", imsi, "mme.example", "example", "SUBSCRIPTION_WITHDRAWAL")
                        .originHost("mme.example")
                        .originRealm("example")
                        .clrFlags(S6a.CLR_REATTACH_REQUIRED)
                        .build(),
                requestByName("CLR", "s;4")
                        .add(D.avp("Destination-Host", "mme.example"))
                        .add(D.avp("Destination-Realm", "example"))
                        .add(D.avp("User-Name", imsi))
                        .add(D.avp("Cancellation-Type", "SUBSCRIPTION_WITHDRAWAL"))
                        .add(D.avp("CLR-Flags", S6a.CLR_REATTACH_REQUIRED)));
        assertSameBytes(
                S6A.idr("s;5", imsi, "mme.example", "example", FULL)
                        .originHost("mme.example")
                        .originRealm("example")
                        .idrFlags(1)
                        .build(),
                requestByName("IDR", "s;5")
                        .add(D.avp("Destination-Host", "mme.example"))
                        .add(D.avp("Destination-Realm", "example"))
                        .add(D.avp("User-Name", imsi))
                        .add(fullByName())
                        .add(D.avp("IDR-Flags", 1)));
    }

    @Test
    void answersBuiltWithTypedKeysAreByteForByteTheOnesBuiltByName() {
        DiameterMessage ulr = S6A.ulr("s;1", "001010000000001", PlmnId.of("001", "01")).build();
        LocalIdentity id = HSS;
        java.util.function.Function<Avp, DiameterMessage> head =
                result ->
                        ulr.answer()
                                .add(vendorSpecificApplicationIdByName())
                                .add(result)
                                .add(D.avp("Auth-Session-State", "NO_STATE_MAINTAINED"))
                                .add(D.avp("Origin-Host", "hss.example"))
                                .add(D.avp("Origin-Realm", "example"));
        assertSameBytes(
                S6A.ula(ulr, id, S6aResult.SUCCESS, S6a.ULA_SEPARATION_INDICATION, FULL),
                head.apply(D.avp("Result-Code", 2001))
                        .add(D.avp("ULA-Flags", S6a.ULA_SEPARATION_INDICATION))
                        .add(fullByName()));
        assertSameBytes(
                S6A.ula(ulr, id, S6aResult.forCode(5420), null, null),
                head.apply(
                        D.grouped(
                                "Experimental-Result",
                                D.avp("Vendor-Id", 10415),
                                D.avp("Experimental-Result-Code", 5420))));
        byte[] r = H.parseHex("000102030405060708090a0b0c0d0e0f");
        EpsAka.EutranVector v =
                new EpsAka.EutranVector(r, H.parseHex("0102030405060708"), r, new byte[32], 0L);
        assertSameBytes(
                S6A.aia(ulr, id, S6aResult.SUCCESS, List.of(v, v)),
                head.apply(D.avp("Result-Code", 2001))
                        .add(
                                D.grouped(
                                        "Authentication-Info",
                                        vectorByName(1, v),
                                        vectorByName(2, v))));
        assertSameBytes(
                S6A.pua(ulr, id, S6aResult.SUCCESS, S6a.PUA_FREEZE_M_TMSI),
                head.apply(D.avp("Result-Code", 2001))
                        .add(D.avp("PUA-Flags", S6a.PUA_FREEZE_M_TMSI)));
        assertSameBytes(
                S6A.ida(ulr, id, S6aResult.resultCode(5012), 1L),
                head.apply(D.avp("Result-Code", 5012)).add(D.avp("IDA-Flags", 1)));
    }

    static Avp vectorByName(int item, EpsAka.EutranVector v) {
        return D.grouped(
                "E-UTRAN-Vector",
                D.avp("Item-Number", item),
                D.avp("RAND", v.rand()),
                D.avp("XRES", v.xres()),
                D.avp("AUTN", v.autn()),
                D.avp("KASME", v.kasme()));
    }

    @Test
    void anEnumeratedValueThatIsNeitherANameNorANumberIsRefusedNamingTheNames() {
        assertThatThrownBy(
                        () ->
                                S6A.ulr("s;1", "001010000000001", PlmnId.of("001", "01"))
                                        .ratType("LTE")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RAT-Type: 'LTE' is neither a number nor a value name")
                .hasMessageContaining("EUTRAN");
    }
}
