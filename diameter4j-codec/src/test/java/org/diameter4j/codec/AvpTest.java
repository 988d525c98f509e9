package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.codec.type.DiameterTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AVP data formats (RFC 6733 §4.2 basic, §4.3.1 derived): each value is built, encoded in a
 * message, decoded with its type known (so the decoder's format checks run) and read back equal.
 */
class AvpTest {
    static final int CODE = 4000;
    static final int VENDOR = 10415;

    /**
     * Encodes {@code avp} in a message, decodes with {@code type} for its code, returns the copy.
     */
    static Avp roundTrip(Avp avp, DataType type) {
        DiameterMessage m = DiameterMessage.request(272, 4, true).add(avp);
        byte[] wire = m.toBytes();
        AvpTypeResolver types = (c, v) -> c == avp.code() && v == avp.vendorId() ? type : null;
        DecodeResult r =
                new MessageDecoder(DecodeOptions.DEFAULT.withTypes(types))
                        .decode(wire, 0, wire.length);
        assertThat(r.isSuccess()).as("decode: %s", r).isTrue();
        Avp back = r.message().avps().get(0);
        assertThat(back).isEqualTo(avp);
        assertThat(back.hashCode()).isEqualTo(avp.hashCode());
        assertThat(back.toBytes()).isEqualTo(avp.toBytes());
        assertThat(r.message().toBytes()).isEqualTo(wire);
        return back;
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE})
    void integer32RoundTrips(int v) {
        // RFC 6733 §4.2 Integer32: 32-bit signed, network byte order
        assertThat(
                        roundTrip(Avp.ofInt32(CODE, 0, Avp.FLAG_MANDATORY, v), DataType.INTEGER32)
                                .asInt32())
                .isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(longs = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE})
    void integer64RoundTrips(long v) {
        // RFC 6733 §4.2 Integer64
        assertThat(roundTrip(Avp.ofInt64(CODE, VENDOR, 0, v), DataType.INTEGER64).asInt64())
                .isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 0x7fffffffL, 0x80000000L, 0xffffffffL})
    void unsigned32RoundTrips(long v) {
        // RFC 6733 §4.2 Unsigned32: 0 .. 2^32-1
        Avp back = roundTrip(Avp.ofUnsigned32(CODE, 0, 0, v), DataType.UNSIGNED32);
        assertThat(back.asUnsigned32()).isEqualTo(v);
        assertThat(back.valueBytes()).hasSize(4);
    }

    @Test
    void valueByteAtReadsTheDataInPlaceForDecodedBuiltAndGroupedAvps() {
        Avp built = Avp.ofUtf8(CODE, 0, 0, "h\u00e9");
        Avp decoded = roundTrip(built, DataType.UTF8_STRING);
        Avp grouped = Avp.grouped(CODE, 0, 0, Avp.ofInt32(CODE + 1, 0, 0, 0x01020304));
        for (Avp a : new Avp[] {built, decoded}) {
            assertThat(new int[] {a.valueByteAt(0), a.valueByteAt(1), a.valueByteAt(2)})
                    .containsExactly('h', 0xc3, 0xa9);
            assertThatThrownBy(() -> a.valueByteAt(3))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(grouped.valueByteAt(7)).isEqualTo(12); // the child's AVP Length, low byte
        assertThat(grouped.valueByteAt(11)).isEqualTo(4);
        assertThatThrownBy(() -> grouped.valueByteAt(-1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unsigned32RejectsValuesOutsideItsRange() {
        // RFC 6733 §4.2 Unsigned32
        assertThatThrownBy(() -> Avp.ofUnsigned32(CODE, 0, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Avp.ofUnsigned32(CODE, 0, 0, 1L << 32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsigned64MaxRoundTripsAsUnsigned() {
        // RFC 6733 §4.2 Unsigned64: 0 .. 2^64-1
        long max = Long.parseUnsignedLong("18446744073709551615");
        Avp back = roundTrip(Avp.ofUnsigned64(CODE, 0, 0, max), DataType.UNSIGNED64);
        assertThat(Long.toUnsignedString(back.asUnsigned64())).isEqualTo("18446744073709551615");
        assertThat(back.valueBytes()).containsOnly(0xff).hasSize(8);
        assertThat(roundTrip(Avp.ofUnsigned64(CODE, 0, 0, 0), DataType.UNSIGNED64).asUnsigned64())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0x00000000,
                0x80000000,
                0x7f800000,
                0xff800000,
                0x7fc00000,
                0x7fc00123,
                0xffc00001,
                0x00000001,
                0x7f7fffff,
                0x3f800000
            })
    void float32RoundTripsBitForBit(int bits) {
        // RFC 6733 §4.2 Float32: IEEE 754-1985 single precision; NaN payloads, -0.0 and infinities
        // kept
        Avp back =
                roundTrip(Avp.ofFloat32(CODE, 0, 0, Float.intBitsToFloat(bits)), DataType.FLOAT32);
        assertThat(Float.floatToRawIntBits(back.asFloat32())).isEqualTo(bits);
        assertThat(back.asInt32()).isEqualTo(bits);
    }

    @ParameterizedTest
    @ValueSource(
            longs = {
                0L,
                0x8000000000000000L,
                0x7ff0000000000000L,
                0xfff0000000000000L,
                0x7ff8000000000000L,
                0x7ff8000000000abcL,
                0x0000000000000001L,
                0x7fefffffffffffffL
            })
    void float64RoundTripsBitForBit(long bits) {
        // RFC 6733 §4.2 Float64: IEEE 754-1985 double precision
        Avp back =
                roundTrip(
                        Avp.ofFloat64(CODE, 0, 0, Double.longBitsToDouble(bits)), DataType.FLOAT64);
        assertThat(Double.doubleToRawLongBits(back.asFloat64())).isEqualTo(bits);
    }

    @Test
    void floatSpecialValuesReadBack() {
        // RFC 6733 §4.2 Float32/Float64
        assertThat(roundTrip(Avp.ofFloat32(CODE, 0, 0, -0.0f), DataType.FLOAT32).asFloat32())
                .isEqualTo(-0.0f);
        assertThat(
                        roundTrip(
                                        Avp.ofFloat64(CODE, 0, 0, Double.NEGATIVE_INFINITY),
                                        DataType.FLOAT64)
                                .asFloat64())
                .isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(roundTrip(Avp.ofFloat64(CODE, 0, 0, Double.NaN), DataType.FLOAT64).asFloat64())
                .isNaN();
    }

    @Test
    void emptyOctetStringIsAHeaderOnly() {
        // RFC 6733 §4.2 OctetString, §4.1 (AVP Length excludes padding)
        Avp back = roundTrip(Avp.ofBytes(CODE, 0, 0, new byte[0]), DataType.OCTET_STRING);
        assertThat(back.valueBytes()).isEmpty();
        assertThat(back.avpLength()).isEqualTo(8);
        assertThat(back.encodedLength()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6, 7})
    void octetStringIsPaddedWithZerosToFourBytes(int dataLength) {
        // RFC 6733 §4.1: "Each AVP of type OctetString MUST be padded to align on a 32-bit
        // boundary"
        // with zero bytes, not counted in the AVP Length
        byte[] data = new byte[dataLength];
        Arrays.fill(data, (byte) 0xab);
        Avp avp = Avp.ofBytes(CODE, 0, Avp.FLAG_MANDATORY, data);
        byte[] wire = avp.toBytes();
        int padding = (4 - dataLength % 4) % 4;
        assertThat(avp.avpLength()).isEqualTo(8 + dataLength);
        assertThat(wire).hasSize(8 + dataLength + padding);
        for (int i = 8 + dataLength; i < wire.length; i++) {
            assertThat(wire[i]).isZero();
        }
        assertThat(roundTrip(avp, DataType.OCTET_STRING).valueBytes()).isEqualTo(data);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "é", "漢", "😀", "café 漢字 😀🎉", "ab", "abc"})
    void utf8StringRoundTripsMultiByteText(String text) {
        // RFC 6733 §4.3.1 UTF8String; padding as §4.1
        Avp back = roundTrip(Avp.ofUtf8(1, 0, Avp.FLAG_MANDATORY, text), DataType.UTF8_STRING);
        assertThat(back.asUtf8()).isEqualTo(text);
        assertThat(back.valueLength()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void addressRoundTripsEveryFamily() throws Exception {
        // RFC 6733 §4.3.1 Address
        DiameterAddress v4 = DiameterAddress.of(InetAddress.getByName("192.0.2.1"));
        DiameterAddress v6 = DiameterAddress.parse("2001:db8::1");
        DiameterAddress e164 = DiameterAddress.e164("3212345");
        DiameterAddress raw = DiameterAddress.raw(5, new byte[] {10, 11, 12});
        for (DiameterAddress a : new DiameterAddress[] {v4, v6, e164, raw}) {
            assertThat(
                            roundTrip(
                                            Avp.ofAddress(257, 0, Avp.FLAG_MANDATORY, a),
                                            DataType.ADDRESS)
                                    .asAddress())
                    .isEqualTo(a);
        }
        assertThat(
                        roundTrip(
                                        Avp.ofAddress(257, 0, 0, InetAddress.getByName("::1")),
                                        DataType.ADDRESS)
                                .asAddress()
                                .toString())
                .isEqualTo("ipv6 ::1");
    }

    @Test
    void timeRoundTripsAcrossTheNtpRollover() {
        // RFC 6733 §4.3.1 Time; RFC 4330 §3
        for (String s :
                new String[] {
                    "1968-01-20T03:14:08Z",
                    "1970-01-01T00:00:00Z",
                    "2036-02-07T06:28:15Z",
                    "2036-02-07T06:28:16Z",
                    "2104-02-26T09:42:23Z"
                }) {
            Instant t = Instant.parse(s);
            Avp back = roundTrip(Avp.ofTime(55, 0, Avp.FLAG_MANDATORY, t), DataType.TIME);
            assertThat(back.asTime()).isEqualTo(t);
        }
        assertThat(Avp.ofTime(55, 0, 0, Instant.parse("2036-02-07T06:28:16Z")).valueBytes())
                .containsExactly(0, 0, 0, 0);
        assertThatThrownBy(() -> Avp.ofTime(55, 0, 0, DiameterTime.MAX.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void diameterUriAndFilterRulesRoundTripAsText() {
        // RFC 6733 §4.3.1 DiameterURI, IPFilterRule; RFC 3588 §4.3 QoSFilterRule
        assertThat(
                        roundTrip(
                                        Avp.ofUtf8(
                                                292,
                                                0,
                                                0,
                                                "aaas://[2001:db8::1]:5658;transport=tcp"),
                                        DataType.DIAMETER_URI)
                                .asUri()
                                .port())
                .isEqualTo(5658);
        roundTrip(Avp.ofUtf8(400, 0, 0, "permit in ip from any to any"), DataType.IP_FILTER_RULE);
        roundTrip(Avp.ofUtf8(401, 0, 0, "meter out 17 from any to any"), DataType.QOS_FILTER_RULE);
        roundTrip(Avp.ofUtf8(264, 0, 0, "peer.example.com"), DataType.DIAMETER_IDENTITY);
        roundTrip(Avp.ofUnsigned32(268, 0, 0, 2001), DataType.ENUMERATED);
    }

    @Test
    void groupedNestedThreeLevelsRoundTrips() {
        // RFC 6733 §4.4 Grouped: data is a sequence of AVPs, which may themselves be Grouped
        Avp level3 =
                Avp.grouped(
                        3000,
                        VENDOR,
                        Avp.FLAG_MANDATORY,
                        Avp.ofUtf8(1, 0, 0, "é"),
                        Avp.ofUnsigned32(2, 0, 0, 7));
        Avp level2 = Avp.grouped(3000, 0, 0, level3, Avp.ofBytes(9, 0, 0, new byte[] {1, 2, 3}));
        Avp level1 = Avp.grouped(3000, 0, Avp.FLAG_MANDATORY, Avp.ofInt32(5, 0, 0, -1), level2);
        DiameterMessage m = DiameterMessage.request(272, 4, true).add(level1);
        byte[] wire = m.toBytes();
        AvpTypeResolver types =
                (c, v) -> c == 3000 ? DataType.GROUPED : c == 1 ? DataType.UTF8_STRING : null;
        DiameterMessage back =
                new MessageDecoder(DecodeOptions.DEFAULT.withTypes(types))
                        .decode(wire, 0, wire.length)
                        .message();
        assertThat(back).isEqualTo(m);
        assertThat(back.hashCode()).isEqualTo(m.hashCode());
        Avp g1 = back.find(3000);
        assertThat(g1).isEqualTo(level1).hasSameHashCodeAs(level1);
        Avp g2 = g1.children().find(3000);
        Avp g3 = g2.children().find(3000, VENDOR);
        assertThat(g3.isVendorSpecific()).isTrue();
        assertThat(g3.children().find(1).asUtf8()).isEqualTo("é");
        assertThat(g3.children().find(2).asUnsigned32()).isEqualTo(7);
        assertThat(g2.children().find(9).valueBytes()).containsExactly(1, 2, 3);
        assertThat(level1.avpLength()).isEqualTo(g1.avpLength());
        assertThat(back.toBytes()).isEqualTo(wire);
    }

    @Test
    void builtAndDecodedGroupedAvpsAreEqualWithEqualHashCodes() {
        // Object contract: equal AVPs (§4.4 same bytes) must hash alike, built or decoded
        Avp built =
                Avp.grouped(
                        284,
                        0,
                        0,
                        Avp.ofUtf8(280, 0, 0, "proxy.example"),
                        Avp.ofBytes(33, 0, 0, new byte[] {1}));
        byte[] wire = built.toBytes();
        Avp decoded = AvpList.readAt(wire, 0);
        assertThat(decoded).isEqualTo(built);
        assertThat(built).isEqualTo(decoded);
        assertThat(decoded.hashCode()).isEqualTo(built.hashCode());
    }

    @Test
    void typedReadersRejectDataOfTheWrongSize() {
        // RFC 6733 §7.1.5: a value of the wrong size is DIAMETER_INVALID_AVP_LENGTH
        Avp three = Avp.ofBytes(CODE, 0, 0, new byte[3]);
        assertThatThrownBy(three::asInt32)
                .isInstanceOf(AvpValueException.class)
                .extracting(e -> ((AvpValueException) e).resultCode())
                .isEqualTo(5014);
        assertThatThrownBy(three::asUnsigned64).isInstanceOf(AvpValueException.class);
        assertThatThrownBy(three::asTime).isInstanceOf(AvpValueException.class);
        assertThatThrownBy(Avp.ofBytes(CODE, 0, 0, new byte[] {0, 1, 2})::asAddress)
                .isInstanceOf(AvpValueException.class);
        assertThatThrownBy(() -> Avp.grouped(1, 0, 0).asUtf8())
                .isInstanceOf(AvpValueException.class);
    }

    @Test
    void vendorFlagFollowsTheVendorId() {
        // RFC 6733 §4.1: the V bit says the Vendor-ID field is present
        Avp v = Avp.ofBytes(1, VENDOR, 0, new byte[0]);
        assertThat(v.isVendorSpecific()).isTrue();
        assertThat(v.headerLength()).isEqualTo(12);
        Avp b = Avp.ofBytes(1, 0, Avp.FLAG_VENDOR | Avp.FLAG_MANDATORY, new byte[0]);
        assertThat(b.isVendorSpecific()).isFalse();
        assertThat(b.isMandatory()).isTrue();
        assertThat(b.headerLength()).isEqualTo(8);
        assertThat(v.withFlags(Avp.FLAG_PROTECTED).flags())
                .isEqualTo(Avp.FLAG_VENDOR | Avp.FLAG_PROTECTED);
    }

    @Test
    void flagStringsNameVmp() {
        // RFC 6733 §4.1 AVP Flags: V M P r r r r r
        assertThat(Avp.flagString(0)).isEqualTo("--------");
        assertThat(Avp.flagString(Avp.FLAG_MANDATORY)).isEqualTo("-M------");
        assertThat(Avp.flagString(Avp.FLAG_VENDOR | Avp.FLAG_MANDATORY)).isEqualTo("VM------");
        assertThat(Avp.flagString(0xe0)).isEqualTo("VMP-----");
        assertThat(Avp.flagString(Avp.ofBytes(1, 10415, Avp.FLAG_MANDATORY, new byte[0]).flags()))
                .isEqualTo("VM------");
    }
}
