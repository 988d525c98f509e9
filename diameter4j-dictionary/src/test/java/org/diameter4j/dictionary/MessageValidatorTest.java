package org.diameter4j.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.codec.ResultCodes;
import org.junit.jupiter.api.Test;

/** Command grammars drive validation: RFC 6733 §3.2, §7.1.5, §7.5. */
class MessageValidatorTest {
    private static final Dictionary D = Dictionary.standard();
    private static final MessageValidator V = new MessageValidator(D);

    private static DiameterMessage cer() {
        return new DiameterMessage(DiameterMessage.FLAG_REQUEST, 257, 0, 1, 1)
                .add(D.avp("Origin-Host", "client.example.com"))
                .add(D.avp("Origin-Realm", "example.com"))
                .add(D.avp("Host-IP-Address", "192.0.2.1"))
                .add(D.avp("Vendor-Id", 0))
                .add(D.avp("Product-Name", "diameter4j"));
    }

    /** Validation runs on what the wire carries: encode, decode, validate. */
    private static DecodeFailure validate(DiameterMessage m) {
        byte[] b = m.toBytes();
        return V.validate(
                new MessageDecoder(DecodeOptions.DEFAULT.withTypes(D))
                        .decode(b, 0, b.length)
                        .message());
    }

    @Test
    void aCompleteCerIsValid() {
        assertThat(validate(cer())).isNull();
    }

    @Test
    void missingRequiredAvpIs5005WithAZeroFilledExample() {
        DiameterMessage m = cer();
        m.avps().remove(0); // Origin-Host
        DecodeFailure f = validate(m);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_MISSING_AVP);
        assertThat(f.reason()).contains("missing Origin-Host");
        // §7.5: the missing AVP's code and vendor, zero-filled payload of the minimum length.
        assertThat(f.failedAvp().code()).isEqualTo(264);
        assertThat(f.failedAvp().vendorId()).isZero();
    }

    @Test
    void missingUnsigned32Example_hasFourZeroBytes() {
        DiameterMessage m = cer();
        m.avps().remove(3); // Vendor-Id
        DecodeFailure f = validate(m);
        assertThat(f.resultCode()).isEqualTo(5005);
        assertThat(f.failedAvp().code()).isEqualTo(266);
        assertThat(f.failedAvp().valueBytes()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void secondOriginHostIs5009() {
        DecodeFailure f = validate(cer().add(D.avp("Origin-Host", "other.example.com")));
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_AVP_OCCURS_TOO_MANY_TIMES);
        assertThat(f.failedAvp().asUtf8()).isEqualTo("other.example.com");
    }

    @Test
    void unknownAvpWithMBitIs5001() {
        DecodeFailure f =
                validate(
                        cer().add(
                                        Avp.ofBytes(
                                                65000,
                                                0,
                                                Avp.FLAG_MANDATORY,
                                                new byte[] {1, 2, 3, 4})));
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_AVP_UNSUPPORTED);
        assertThat(f.failedAvp().code()).isEqualTo(65000);
    }

    @Test
    void unknownAvpWithoutMBitIsIgnored() {
        assertThat(validate(cer().add(Avp.ofBytes(65000, 0, 0, new byte[] {1})))).isNull();
    }

    @Test
    void mBitOnAnAvpThatMustNotHaveItIs3009() {
        DiameterMessage m = cer();
        m.avps().set(4, D.avp("Product-Name", "x").withFlags(Avp.FLAG_MANDATORY));
        DecodeFailure f = validate(m);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_BITS);
        assertThat(f.failedAvp().code()).isEqualTo(269);
    }

    @Test
    void sessionIdOutOfItsFixedPositionIs5008() {
        DiameterMessage ccr =
                D.request("CCR", 4)
                        .add(D.avp("Origin-Host", "a.example.com"))
                        .add(D.avp("Session-Id", "a.example.com;1;1"));
        DecodeFailure f = validate(ccr);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_AVP_NOT_ALLOWED);
        assertThat(f.reason()).contains("fixed position");
    }

    @Test
    void faultInsideAGroupedAvpReportsTheHierarchy() {
        DiameterMessage m =
                D.request("CCR", 4)
                        .add(D.avp("Session-Id", "a.example.com;1;1"))
                        .add(D.avp("Origin-Host", "a.example.com"))
                        .add(D.avp("Origin-Realm", "example.com"))
                        .add(D.avp("Destination-Realm", "example.net"))
                        .add(D.avp("Auth-Application-Id", 4))
                        .add(D.avp("Service-Context-Id", "32251@3gpp.org"))
                        .add(D.avp("CC-Request-Type", "INITIAL_REQUEST"))
                        .add(D.avp("CC-Request-Number", 0))
                        .add(
                                D.grouped(
                                        "Subscription-Id",
                                        D.avp("Subscription-Id-Type", "END_USER_E164")));
        DecodeFailure f = validate(m);
        assertThat(f.resultCode()).isEqualTo(5005);
        assertThat(f.reason()).contains("Subscription-Id").contains("missing Subscription-Id-Data");
        // §7.5: the Failed-AVP holds the grouped AVP, which holds the offender.
        assertThat(f.failedAvp().code()).isEqualTo(443);
        assertThat(f.failedAvp().children().get(0).code()).isEqualTo(444);
    }

    @Test
    void avpNotInAGrammarWithoutWildcardIs5008() {
        Dictionary d =
                Dictionary.builder()
                        .addStandard()
                        .addText(
                                "test.dict",
                                """
                application 4200000000 Test-App auth
                <Strict-Request> STR2 ::= < Diameter Header: 9999, REQ, 4200000000 >
                        { Origin-Host }
                """)
                        .build();
        DiameterMessage m =
                new DiameterMessage(DiameterMessage.FLAG_REQUEST, 9999, 4200000000L, 1, 1)
                        .add(d.avp("Origin-Host", "a.example.com"))
                        .add(d.avp("Origin-Realm", "example.com"));
        DecodeFailure f = new MessageValidator(d).validate(m);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_AVP_NOT_ALLOWED);
        assertThat(f.failedAvp().code()).isEqualTo(296);
    }

    @Test
    void commandsTheDictionaryDoesNotKnowAreNotValidated() {
        assertThat(V.validate(new DiameterMessage(DiameterMessage.FLAG_REQUEST, 12345, 77, 1, 1)))
                .isNull();
    }

    /** Seed 001's SMS event CCR, decoded: Grouped AVPs four levels deep, read in place. */
    private static DiameterMessage seed001(MessageDecoder decoder, String from, String to)
            throws java.io.IOException {
        String hex =
                HexFormat.of()
                        .formatHex(GoldenVectorTest.golden("seed001-ccr-sms-event"))
                        .replace(from, to);
        byte[] b = HexFormat.of().parseHex(hex);
        return decoder.decode(b, 0, b.length).message();
    }

    @Test
    void faultFourGroupedLevelsDownNamesThePathAndHoldsTheHierarchy() throws Exception {
        // §4.1: an M-bit Enumerated value the dictionary does not define is 5004; §7.5: Failed-AVP
        // holds each Grouped AVP down to the offender, alone. Address-Type MSISDN (1) becomes 99.
        DiameterMessage m =
                seed001(
                        new MessageDecoder(DecodeOptions.DEFAULT.withTypes(D)),
                        "00000383c0000010000028af00000001",
                        "00000383c0000010000028af00000063");
        DecodeFailure f = V.validate(m);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_VALUE);
        assertThat(f.reason())
                .isEqualTo(
                        "CCR > Service-Information > SMS-Information > Recipient-Info >"
                                + " Recipient-Address: Address-Type = 99 is not a value the"
                                + " dictionary defines");
        Avp a = f.failedAvp();
        for (String name :
                new String[] {
                    "Service-Information", "SMS-Information", "Recipient-Info", "Recipient-Address"
                }) {
            assertThat(a.code()).isEqualTo(D.avp(name).code());
            assertThat(a.vendorId()).isEqualTo(D.avp(name).vendorId());
            assertThat(a.children().size()).isEqualTo(1);
            a = a.children().get(0);
        }
        assertThat(a).isEqualTo(D.avp("Address-Type", 99L).withFlags(Avp.FLAG_MANDATORY));
    }

    @Test
    void groupedDataThatIsNotAvpsIs5014AsItsChildrenWouldBe() throws Exception {
        // §4.4, §7.1.5: decoded without the dictionary, the Grouped data was never looked into;
        // Subscription-Id-Type's AVP Length (12) becomes 99, past the end of Subscription-Id.
        DiameterMessage m =
                seed001(
                        new MessageDecoder(DecodeOptions.DEFAULT),
                        "000001c24000000c00000000",
                        "000001c24000006300000000");
        DecodeFailure f = V.validate(m);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_LENGTH);
        assertThat(f.reason()).isEqualTo("AVP length 99 at offset 288 is invalid");
        assertThat(f.failedAvp()).isNull();
    }
}
