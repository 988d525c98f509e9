package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.codec.Wire.avp;
import static org.diameter4j.codec.Wire.concat;
import static org.diameter4j.codec.Wire.hex;
import static org.diameter4j.codec.Wire.message;
import static org.diameter4j.codec.Wire.u32;
import static org.diameter4j.codec.Wire.utf8;
import static org.diameter4j.codec.Wire.vendorAvp;

import org.junit.jupiter.api.Test;

/**
 * The message API: header (RFC 6733 §3), answers (§6.2), AVP lookup by (code, Vendor-Id) (§4.1).
 */
class DiameterMessageTest {
    static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    static DiameterMessage decode(byte[] wire) {
        return DECODER.decode(wire, 0, wire.length).message();
    }

    static DiameterMessage request() {
        DiameterMessage req =
                DiameterMessage.request(272, 4, true).hopByHop(0xcafebabe).endToEnd(0x12345678);
        req.add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "client.example"));
        req.add(
                Avp.grouped(
                        284,
                        0,
                        Avp.FLAG_MANDATORY,
                        Avp.ofUtf8(280, 0, 0, "p1.example"),
                        Avp.ofBytes(33, 0, 0, utf8("s1"))));
        req.add(Avp.ofUtf8(263, 0, Avp.FLAG_MANDATORY, "client.example;1;2"));
        req.add(
                Avp.grouped(
                        284,
                        0,
                        Avp.FLAG_MANDATORY,
                        Avp.ofUtf8(280, 0, 0, "p2.example"),
                        Avp.ofBytes(33, 0, 0, utf8("s2"))));
        req.add(Avp.ofUtf8(263, 10415, 0, "vendor session id is not the Session-Id"));
        return req;
    }

    static void assertAnswerOf(DiameterMessage req, DiameterMessage ans) {
        assertThat(ans.isRequest()).isFalse();
        assertThat(ans.isProxiable()).isEqualTo(req.isProxiable());
        assertThat(ans.isError()).isFalse();
        assertThat(ans.commandCode()).isEqualTo(req.commandCode());
        assertThat(ans.applicationId()).isEqualTo(req.applicationId());
        assertThat(ans.hopByHop()).isEqualTo(req.hopByHop());
        assertThat(ans.endToEnd()).isEqualTo(req.endToEnd());
        assertThat(ans.avps().size()).isEqualTo(3);
        assertThat(ans.avps().get(0)).isEqualTo(req.find(263));
        assertThat(ans.avps().get(1)).isEqualTo(req.avps().get(1));
        assertThat(ans.avps().get(2)).isEqualTo(req.avps().get(3));
        assertThat(ans.avps().get(1).children().find(280).asUtf8()).isEqualTo("p1.example");
        assertThat(ans.avps().get(2).children().find(280).asUtf8()).isEqualTo("p2.example");
    }

    @Test
    void answerCopiesIdentifiersAndSessionIdFirstAndProxyInfoInOrder() {
        // RFC 6733 §6.2: same Hop-by-Hop, End-to-End, Command-Code, Application-Id; R cleared, P
        // copied; Session-Id first (§8.8); Proxy-Info AVPs in the same order (§6.2 item 4, §6.7.2)
        DiameterMessage req = request();
        assertAnswerOf(req, req.answer());
    }

    @Test
    void answerOfADecodedRequestIsTheSame() {
        // RFC 6733 §6.2, on a lazily decoded request
        DiameterMessage req = request();
        DiameterMessage decoded = decode(req.toBytes());
        DiameterMessage ans = decoded.answer();
        assertAnswerOf(decoded, ans);
        DiameterMessage back = decode(ans.toBytes());
        assertThat(back).isEqualTo(ans);
        assertThat(back.flags()).isEqualTo(DiameterMessage.FLAG_PROXIABLE);
    }

    @Test
    void answerClearsRAndTAndKeepsPOnlyWhenSet() {
        // RFC 6733 §6.2: R cleared; P "MUST be set to the same value as the one in the request"
        DiameterMessage req =
                DiameterMessage.request(280, 0, false)
                        .setFlag(DiameterMessage.FLAG_RETRANSMIT, true);
        DiameterMessage ans = req.answer();
        assertThat(ans.flags()).isZero();
        assertThat(ans.avps().isEmpty()).isTrue();
        assertThat(DiameterMessage.request(280, 0xffffffffL, true).answer().applicationId())
                .isEqualTo(0xffffffffL);
    }

    @Test
    void commandFlagStringsNameRpet() {
        // RFC 6733 §3 Command Flags: R P E T r r r r
        assertThat(DiameterMessage.commandFlagString(DiameterMessage.FLAG_REQUEST))
                .isEqualTo("R-------");
        assertThat(DiameterMessage.commandFlagString(0xc0)).isEqualTo("RP------");
        assertThat(DiameterMessage.commandFlagString(0x30)).isEqualTo("--ET----");
        assertThat(DiameterMessage.commandFlagString(0x0f)).isEqualTo("--------");
    }

    @Test
    void headerFieldsRoundTripAtTheirExtremes() {
        // RFC 6733 §3: 24-bit Command Code, 32-bit Application-Id, Hop-by-Hop, End-to-End
        DiameterMessage m = new DiameterMessage(0x4f, 0xffffff, 0xffffffffL, -1, Integer.MIN_VALUE);
        byte[] wire = m.toBytes();
        assertThat(wire).hasSize(20);
        assertThat(wire[0]).isEqualTo((byte) 1);
        DiameterMessage back = decode(wire);
        assertThat(back).isEqualTo(m);
        assertThat(back.commandCode()).isEqualTo(0xffffff);
        assertThat(back.applicationId()).isEqualTo(0xffffffffL);
        assertThat(back.flags()).isEqualTo(0x4f); // reserved bits kept, ignored (§3)
        assertThat(back.version()).isEqualTo(1);
    }

    @Test
    void unknownAvpsDecodeAndEncodeByteForByte() {
        // RFC 6733 §4.1: an AVP the receiver does not know is carried unchanged (and relayed,
        // §6.1.9)
        byte[] unknown = avp(99999, 0x40 | 0x1f, hex("010203")); // M plus reserved bits, padded
        byte[] unknownVendor = vendorAvp(4242, 0x20, 12345, hex("deadbeefcafe"));
        byte[] wire = message(0x80, 272, 4, 1, 2, unknown, unknownVendor);
        DiameterMessage m = decode(wire);
        Avp a = m.find(99999);
        assertThat(a.flags()).isEqualTo(0x5f);
        assertThat(a.valueBytes()).containsExactly(1, 2, 3);
        Avp v = m.find(4242, 12345);
        assertThat(v.isVendorSpecific()).isTrue();
        assertThat(v.isProtected()).isTrue();
        assertThat(v.vendorId()).isEqualTo(12345);
        assertThat(v.valueBytes()).isEqualTo(hex("deadbeefcafe"));
        assertThat(m.find(4242)).isNull();
        assertThat(a.toBytes()).isEqualTo(unknown);
        assertThat(v.toBytes()).isEqualTo(unknownVendor);
        assertThat(m.toBytes()).isEqualTo(wire);
        // rebuilt from its parts, byte for byte
        DiameterMessage rebuilt =
                new DiameterMessage(m.flags(), m.commandCode(), m.applicationId(), 1, 2)
                        .add(Avp.ofRaw(a.code(), a.flags(), a.vendorId(), a.valueBytes()))
                        .add(Avp.ofRaw(v.code(), v.flags(), v.vendorId(), v.valueBytes()));
        assertThat(rebuilt.toBytes()).isEqualTo(wire);
    }

    @Test
    void vendorAvpWithABaseCodeIsNeverTakenForTheBaseAvp() {
        // RFC 6733 §4.1: an AVP is identified by (Vendor-Id, code); 3GPP 264 is not Origin-Host
        AvpTypeResolver types =
                (code, vendor) ->
                        code == 264 && vendor == 0
                                ? DataType.DIAMETER_IDENTITY
                                : code == 264 && vendor == 10415 ? DataType.UNSIGNED32 : null;
        byte[] vendor264 = vendorAvp(264, 0xc0, 10415, u32(1)); // not a valid DiameterIdentity
        byte[] base264 = avp(264, 0x40, utf8("host.example")); // not a valid Unsigned32
        byte[] wire = message(0x80, 257, 0, 1, 2, vendor264, base264);
        DecodeResult r =
                new MessageDecoder(DecodeOptions.DEFAULT.withTypes(types))
                        .decode(wire, 0, wire.length);
        assertThat(r.isSuccess()).as("%s", r).isTrue();
        DiameterMessage m = r.message();
        assertThat(m.find(264).asUtf8()).isEqualTo("host.example");
        assertThat(m.find(264, 0).asUtf8()).isEqualTo("host.example");
        assertThat(m.find(264, 10415).asUnsigned32()).isEqualTo(1);
        assertThat(m.avps().findAll(264, 0)).hasSize(1);
        assertThat(m.avps().findAll(264, 10415)).hasSize(1);
        assertThat(m.find(264, 1)).isNull();
        // after a change the list is materialised; lookups stay keyed by (code, vendor)
        m.add(Avp.ofUtf8(1, 0, 0, "x"));
        assertThat(m.find(264).asUtf8()).isEqualTo("host.example");
        assertThat(m.find(264, 10415).asUnsigned32()).isEqualTo(1);
        // and the base AVP's format is checked: a vendor-looking base 264 fails
        byte[] swapped = message(0x80, 257, 0, 1, 2, avp(264, 0x40, u32(1)));
        assertThat(
                        new MessageDecoder(DecodeOptions.DEFAULT.withTypes(types))
                                .decode(swapped, 0, swapped.length)
                                .failure()
                                .resultCode())
                .isEqualTo(5004);
    }

    @Test
    void lengthIsHeaderPlusPaddedAvps() {
        // RFC 6733 §3: Message Length includes the header and the padded AVPs
        DiameterMessage m =
                DiameterMessage.request(257, 0, false).add(Avp.ofBytes(1, 0, 0, new byte[1]));
        assertThat(m.length()).isEqualTo(32);
        assertThat(m.toBytes()).hasSize(32);
        assertThat(concat(m.toBytes())[3]).isEqualTo((byte) 32);
    }
}
