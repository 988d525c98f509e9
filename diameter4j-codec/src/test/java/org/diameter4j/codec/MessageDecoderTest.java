package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.diameter4j.codec.Wire.avp;
import static org.diameter4j.codec.Wire.avpHeader;
import static org.diameter4j.codec.Wire.concat;
import static org.diameter4j.codec.Wire.header;
import static org.diameter4j.codec.Wire.hex;
import static org.diameter4j.codec.Wire.message;
import static org.diameter4j.codec.Wire.u32;
import static org.diameter4j.codec.Wire.utf8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input: each fault with its Result-Code, fatal flag, offset, Failed-AVP and partial
 * message, as RFC 6733 §3, §4.1, §7.1.5 and §7.5 require and the decoder documents.
 */
class MessageDecoderTest {
    static final int CER = 257;
    static final int HBH = 0x11223344;
    static final int E2E = 0x55667788;
    static final int GROUPED_X = 5000;
    static final int DEEP = 7000;
    static final int U32 = 1000;

    /** Types by (code, vendor); only base AVPs (vendor 0) are known. */
    static final AvpTypeResolver TYPES =
            (code, vendor) -> {
                if (vendor != 0) {
                    return null;
                }
                return switch (code) {
                    case 1 -> DataType.UTF8_STRING; // User-Name
                    case 257 -> DataType.ADDRESS; // Host-IP-Address
                    case 264 -> DataType.DIAMETER_IDENTITY; // Origin-Host
                    case 292 -> DataType.DIAMETER_URI; // Redirect-Host
                    case U32 -> DataType.UNSIGNED32;
                    case GROUPED_X, DEEP -> DataType.GROUPED;
                    default -> null;
                };
            };

    static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(TYPES));

    /** Origin-Host "a.example": 8 + 9 = 17 bytes, 20 with padding; the faulty AVP follows at 40. */
    static final byte[] ORIGIN_HOST = avp(264, 0x40, utf8("a.example"));

    static final int FAULT_AT = 40;

    static byte[] withFault(byte[] faulty) {
        return message(0x80, CER, 0, HBH, E2E, ORIGIN_HOST, faulty);
    }

    static DecodeFailure fail(byte[] wire) {
        DecodeResult r = DECODER.decode(wire, 0, wire.length);
        assertThat(r.isSuccess()).as("decoding must fail").isFalse();
        return r.failure();
    }

    /** partial(): the header and the AVPs decoded before the fault (DecodeFailure contract). */
    static void assertPartialHasOriginHostOnly(DecodeFailure f) {
        DiameterMessage p = f.partial();
        assertThat(p).isNotNull();
        assertThat(p.commandCode()).isEqualTo(CER);
        assertThat(p.isRequest()).isTrue();
        assertThat(p.hopByHop()).isEqualTo(HBH);
        assertThat(p.endToEnd()).isEqualTo(E2E);
        assertThat(p.avps().size()).isEqualTo(1);
        assertThat(p.find(264).asUtf8()).isEqualTo("a.example");
        assertThat(p.length()).isEqualTo(20 + ORIGIN_HOST.length);
    }

    // ---- AVP Length faults (§4.1, §7.1.5 DIAMETER_INVALID_AVP_LENGTH, §7.5 Failed-AVP) --------

    @Test
    void avpLengthZeroIsInvalidAvpLengthWithHeaderCopyAsFailedAvp() {
        // RFC 6733 §4.1 (AVP Length includes the 8-byte header), §7.5 (header copy + zero payload)
        DecodeFailure f = fail(withFault(avpHeader(1234, 0x40, 0)));
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_LENGTH);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().code()).isEqualTo(1234);
        assertThat(f.failedAvp().flags()).isEqualTo(0x40);
        assertThat(f.failedAvp().vendorId()).isZero();
        assertThat(f.failedAvp().valueLength()).isZero();
        assertPartialHasOriginHostOnly(f);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void avpLengthShorterThanHeaderIsInvalidAvpLength(int avpLength) {
        // RFC 6733 §4.1, §7.1.5: 5014; §7.5: Failed-AVP is the header with a zero-filled payload
        DecodeFailure f = fail(withFault(avpHeader(1234, 0x40, avpLength)));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().code()).isEqualTo(1234);
        assertThat(f.failedAvp().valueBytes()).isEmpty();
        assertThat(f.reason()).contains("AVP Length " + avpLength);
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void knownAvpWithShortLengthGetsZeroFilledPayloadOfMinimumLength() {
        // RFC 6733 §7.5: "a zero-filled payload of the minimum required length" (Unsigned32: 4)
        DecodeFailure f = fail(withFault(avpHeader(U32, 0x40, 3)));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.failedAvp().valueBytes()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void avpLengthEightWithVendorFlagIsShorterThanVendorHeader() {
        // RFC 6733 §4.1: with V set the header is 12 bytes, so AVP Length 8 is invalid (5014)
        DecodeFailure f = fail(withFault(concat(avpHeader(1234, 0xc0, 8), u32(10415))));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().code()).isEqualTo(1234);
        assertThat(f.failedAvp().isVendorSpecific()).isTrue();
        assertThat(f.failedAvp().vendorId()).isEqualTo(10415);
        assertThat(f.failedAvp().valueLength()).isZero();
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void avpLengthBeyondTheMessageIsInvalidAvpLength() {
        // RFC 6733 §7.5: a length "greater than the reported message length" -> 5014
        DecodeFailure f = fail(withFault(concat(avpHeader(1234, 0x40, 100), u32(7))));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().code()).isEqualTo(1234);
        assertThat(f.failedAvp().flags()).isEqualTo(0x40);
        assertThat(f.failedAvp().valueLength()).isZero();
        assertThat(f.reason()).contains("runs past the end of its message");
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void avpLengthBeyondItsGroupedParentReportsTheGroupedHierarchy() {
        // RFC 6733 §4.4 (Grouped data is a sequence of AVPs), §7.5 (Failed-AVP MAY hold the
        // grouped hierarchy down to the offending AVP)
        byte[] child = concat(avpHeader(1, 0x40, 40), u32(0)); // claims 40, only 12 in the group
        byte[] group = concat(avpHeader(GROUPED_X, 0x40, 8 + child.length), child);
        byte[] trailer = avp(U32, 0x40, u32(1)); // fits in the message, not in the group
        DecodeFailure f = fail(withFault(concat(group, trailer)));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT + 8);
        Avp failed = f.failedAvp();
        assertThat(failed.code()).isEqualTo(GROUPED_X);
        assertThat(failed.children().size()).isEqualTo(1);
        Avp inner = failed.children().get(0);
        assertThat(inner.code()).isEqualTo(1);
        assertThat(inner.valueLength()).isZero(); // UTF8String minimum length is 0
        assertThat(f.reason()).contains("Grouped AVP");
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void fewerThanEightBytesLeftForAnAvpHeader() {
        // RFC 6733 §4.1: an AVP header is at least 8 bytes; §7.5: header padded with zeros
        DecodeFailure f = fail(withFault(u32(1234)));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().code()).isEqualTo(1234);
        assertThat(f.failedAvp().flags()).isZero();
        assertThat(f.failedAvp().valueLength()).isZero();
        assertPartialHasOriginHostOnly(f);
    }

    // ---- Message Length faults (§3, §7.1.5 DIAMETER_INVALID_MESSAGE_LENGTH): fatal -------------

    static void assertFatalLength(DecodeFailure f) {
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH);
        assertThat(f.fatal()).isTrue();
        assertThat(f.failedAvp()).isNull();
    }

    @Test
    void messageLengthNotAMultipleOfFourIsFatal() {
        // RFC 6733 §3: "The Message Length field ... MUST always be a multiple of 4"
        byte[] wire = withFault(avp(U32, 0x40, u32(1)));
        wire[3] = (byte) (wire[3] - 2); // 52 -> 50
        DecodeFailure f = fail(wire);
        assertFatalLength(f);
        assertThat(f.offset()).isEqualTo(1);
        assertThat(f.partial().commandCode()).isEqualTo(CER);
        assertThat(f.partial().hopByHop()).isEqualTo(HBH);
        assertThat(f.partial().avps().size()).isZero();
    }

    @Test
    void messageLengthFfffffFailsWithoutAllocatingIt() {
        // RFC 6733 §3 (24-bit Message Length), §7.1.5: 5015; the stream cannot be resynchronised
        ByteBuf in = Unpooled.wrappedBuffer(header(1, 0xffffff, 0x80, CER, 0, HBH, E2E));
        try {
            long before = allocatedBytes();
            DecodeResult r = DECODER.decode(in);
            long allocated = allocatedBytes() - before;
            assertThat(r.isSuccess()).isFalse();
            assertFatalLength(r.failure());
            assertThat(r.failure().offset()).isEqualTo(1);
            assertThat(in.readerIndex()).as("nothing consumed on a fatal failure").isZero();
            if (allocated >= 0) {
                assertThat(allocated).as("bytes allocated by decode").isLessThan(1 << 20);
            }
        } finally {
            in.release();
        }
    }

    @Test
    void largestWireLengthInATwentyByteBufferFailsWithoutAllocatingIt() {
        // RFC 6733 §3, §7.1.5: 0xFFFFFC is a multiple of 4 but exceeds the maximum -> 5015, fatal
        ByteBuf in = Unpooled.wrappedBuffer(header(1, 0xfffffc, 0x80, CER, 0, HBH, E2E));
        try {
            long before = allocatedBytes();
            DecodeResult r = DECODER.decode(in);
            long allocated = allocatedBytes() - before;
            assertFatalLength(r.failure());
            assertThat(r.failure().reason()).contains("exceeds the maximum");
            assertThat(in.readerIndex()).isZero();
            if (allocated >= 0) {
                assertThat(allocated).isLessThan(1 << 20);
            }
        } finally {
            in.release();
        }
    }

    @Test
    void messageLengthAboveConfiguredMaximumIsFatal() {
        // RFC 6733 §7.1.5: 5015; DecodeOptions.maxMessageLength bounds what a peer can make us hold
        MessageDecoder small = new MessageDecoder(DecodeOptions.DEFAULT.withMaxMessageLength(64));
        byte[] wire = message(0x80, CER, 0, HBH, E2E, avp(1234, 0, new byte[60])); // 88 bytes
        DecodeFailure f = small.decode(wire, 0, wire.length).failure();
        assertFatalLength(f);
        assertThat(f.offset()).isEqualTo(1);
        assertThat(f.reason()).contains("exceeds the maximum of 64");
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            DecodeResult r = small.decode(in);
            assertFatalLength(r.failure());
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
        assertThat(small.decode(Arrays.copyOf(wire, 88), 0, 88).isSuccess()).isFalse();
        assertThat(DECODER.decode(wire, 0, wire.length).isSuccess()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 16})
    void messageLengthShorterThanTheHeaderIsFatal(int length) {
        // RFC 6733 §3: the header alone is 20 bytes; §7.1.5: 5015
        byte[] wire = header(1, length, 0x80, CER, 0, HBH, E2E);
        DecodeFailure f = fail(wire);
        assertFatalLength(f);
        assertThat(f.offset()).isEqualTo(1);
        assertThat(f.reason()).contains("shorter than the header");
    }

    @Test
    void truncatedBufferIsFatal() {
        // RFC 6733 §3: the Message Length announces more bytes than present -> 5015
        byte[] wire = withFault(avp(U32, 0x40, u32(1)));
        DecodeFailure f = DECODER.decode(wire, 0, wire.length - 8).failure();
        assertFatalLength(f);
        assertThat(f.offset()).isEqualTo(1);
        assertThat(f.reason()).contains("truncated");
        assertThat(f.partial().commandCode()).isEqualTo(CER);
    }

    @Test
    void fewerThanTwentyBytesIsFatalWithoutPartial() {
        // RFC 6733 §3: not even the header can be read -> 5015, partial null
        byte[] wire = withFault(avp(U32, 0x40, u32(1)));
        DecodeFailure f = DECODER.decode(wire, 0, 10).failure();
        assertFatalLength(f);
        assertThat(f.offset()).isZero();
        assertThat(f.partial()).isNull();
        ByteBuf in = Unpooled.wrappedBuffer(wire, 0, 10);
        try {
            assertFatalLength(DECODER.decode(in).failure());
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }

    // ---- header faults that keep the stream in sync ------------------------------------------

    @Test
    void versionTwoIsUnsupportedVersionAndNotFatal() {
        // RFC 6733 §3: "This Version field MUST be set to 1"; §7.1.5: 5011
        byte[] wire = withFault(avp(U32, 0x40, u32(1)));
        wire[0] = 2;
        DecodeFailure f = fail(wire);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_UNSUPPORTED_VERSION);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isZero();
        assertThat(f.failedAvp()).isNull();
        assertThat(f.partial().commandCode()).isEqualTo(CER);
        assertThat(f.partial().hopByHop()).isEqualTo(HBH);
        assertThat(f.partial().endToEnd()).isEqualTo(E2E);
    }

    @Test
    void errorBitOnARequestIsInvalidHeaderBits() {
        // RFC 6733 §3: the E bit "MUST NOT be set in request messages"; §7.1.3: 3008
        byte[] wire = message(0xa0, CER, 0, HBH, E2E, ORIGIN_HOST);
        DecodeFailure f = fail(wire);
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_HDR_BITS);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(4);
        assertThat(f.failedAvp()).isNull();
        assertThat(f.partial().isError()).isTrue();
        assertThat(f.partial().avps().size()).isEqualTo(1);
    }

    @Test
    void errorBitOnAnAnswerIsAccepted() {
        // RFC 6733 §3, §7.2: answers carrying a protocol error have the E bit set
        byte[] wire = message(0x20, CER, 0, HBH, E2E, ORIGIN_HOST);
        assertThat(DECODER.decode(wire, 0, wire.length).isSuccess()).isTrue();
    }

    // ---- nesting -----------------------------------------------------------------------------

    /** {@code levels} Grouped AVPs of code DEEP, each the only child of the previous one. */
    static byte[] nested(int levels) {
        byte[] wire = new byte[20 + 8 * levels];
        System.arraycopy(header(1, wire.length, 0x80, CER, 0, HBH, E2E), 0, wire, 0, 20);
        for (int i = 0; i < levels; i++) {
            int p = 20 + 8 * i;
            System.arraycopy(avpHeader(DEEP, 0x40, 8 * (levels - i)), 0, wire, p, 8);
        }
        return wire;
    }

    static int hierarchyDepth(Avp a) {
        int d = 1;
        while (a.children().size() == 1) {
            a = a.children().get(0);
            d++;
        }
        return d;
    }

    @Test
    void tenThousandNestedGroupedAvpsFailWithBoundedHierarchy() {
        // RFC 6733 §4.4 (Grouped may nest), §7.1.5: 5004; the decoder bounds recursion (maxDepth)
        byte[] wire = nested(10_000);
        DecodeResult[] r = new DecodeResult[1];
        assertThatCode(() -> r[0] = DECODER.decode(wire, 0, wire.length))
                .doesNotThrowAnyException();
        DecodeFailure f = r[0].failure();
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_VALUE);
        assertThat(f.fatal()).isFalse();
        int max = DecodeOptions.DEFAULT_MAX_DEPTH;
        // the first Grouped AVP deeper than maxDepth is at depth max + 1
        assertThat(f.offset()).isEqualTo(20 + 8 * max);
        assertThat(hierarchyDepth(f.failedAvp())).isEqualTo(max + 1);
        assertThat(f.failedAvp().toBytes()).hasSize(8 * (max + 1));
        assertThat(f.partial().avps().size()).isZero();
    }

    @Test
    void maxDepthLevelsOfGroupedAreAccepted() {
        // DecodeOptions.maxDepth: the deepest nesting accepted; RFC 6733 §4.4
        byte[] wire = nested(DecodeOptions.DEFAULT_MAX_DEPTH);
        assertThat(DECODER.decode(wire, 0, wire.length).isSuccess()).isTrue();
        byte[] deeper = nested(DecodeOptions.DEFAULT_MAX_DEPTH + 1);
        assertThat(DECODER.decode(deeper, 0, deeper.length).failure().resultCode()).isEqualTo(5004);
    }

    @Test
    void maxDepthOneAcceptsTopLevelGroupedOnly() {
        // DecodeOptions.maxDepth "1 = Grouped AVPs at the top level only"; RFC 6733 §4.4
        MessageDecoder d =
                new MessageDecoder(DecodeOptions.DEFAULT.withTypes(TYPES).withMaxDepth(1));
        byte[] flat =
                message(
                        0x80,
                        CER,
                        0,
                        HBH,
                        E2E,
                        concat(avpHeader(DEEP, 0x40, 20), avp(U32, 0x40, u32(7))));
        assertThat(d.decode(flat, 0, flat.length).isSuccess()).isTrue();
        byte[] two = nested(2);
        DecodeFailure f = d.decode(two, 0, two.length).failure();
        assertThat(f.resultCode()).isEqualTo(5004);
        assertThat(f.offset()).isEqualTo(28);
    }

    // ---- value faults of known AVPs (§4.2, §4.3.1, §7.1.5) -----------------------------------

    /**
     * RFC 6733 §7.5: Failed-AVP carries the other side's offending AVP, invalid by definition. A
     * DWA 5004 whose Failed-AVP holds an Origin-Host that is not printable ASCII decodes (found by
     * NodeFuzzTest: our own answers were refused by our own decoder); the framing inside is still
     * checked, so an inner AVP Length that overruns the Failed-AVP is 5014.
     */
    @Test
    void failedAvpContentsAreFramedButNotTypeChecked() {
        byte[] badHost = avp(264, 0x40, new byte[] {'h', (byte) 0xff, 'x'});
        byte[] answer = message(0, 280, 0, HBH, E2E, ORIGIN_HOST, avp(279, 0x40, badHost));
        DecodeResult r = DECODER.decode(answer, 0, answer.length);
        assertThat(r.isSuccess()).as(String.valueOf(r.failure())).isTrue();
        Avp failed = r.message().find(279);
        assertThat(failed.children().find(264).valueBytes()).containsExactly('h', 0xff, 'x');

        byte[] overrun = avpHeader(264, 0x40, 64); // claims 64 bytes inside a 16-byte Failed-AVP
        byte[] broken =
                message(0, 280, 0, HBH, E2E, ORIGIN_HOST, avp(279, 0x40, concat(overrun, u32(0))));
        DecodeFailure f = fail(broken);
        assertThat(f.resultCode()).isEqualTo(5014);
    }

    @Test
    void wrongSizeUnsigned32IsInvalidAvpLengthWithTheAvpAsReceived() {
        // RFC 6733 §4.2 (Unsigned32 is 32 bits), §7.1.5: 5014, §7.5: Failed-AVP = the offending AVP
        byte[] bad = avp(U32, 0x40, hex("0000000102"));
        DecodeFailure f = fail(withFault(bad));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().toBytes()).isEqualTo(bad);
        assertThat(f.reason()).contains("Unsigned32 data must be 4 bytes, got 5");
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void invalidUtf8InUtf8StringIsInvalidAvpValue() {
        // RFC 6733 §4.3.1 UTF8String (RFC 3629), §7.1.5: 5004
        byte[] bad = avp(1, 0x40, hex("61c328"));
        DecodeFailure f = fail(withFault(bad));
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_VALUE);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().toBytes()).isEqualTo(bad);
        assertThat(f.reason()).contains("invalid UTF-8 at byte 1");
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void ipv4AddressWithFiveBytesIsInvalidAvpLength() {
        // RFC 6733 §4.3.1 Address: family 1 (IPv4) carries 4 bytes; §7.1.5: 5014
        byte[] bad = avp(257, 0x40, hex("0001 0a000001 02"));
        DecodeFailure f = fail(withFault(bad));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().toBytes()).isEqualTo(bad);
        assertThat(f.reason()).contains("family 1 cannot be 5 bytes");
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void invalidDiameterUriIsInvalidAvpValue() {
        // RFC 6733 §4.3.1 DiameterURI grammar ("aaa://" / "aaas://"), §7.1.5: 5004
        byte[] bad = avp(292, 0x40, utf8("http://peer.example"));
        DecodeFailure f = fail(withFault(bad));
        assertThat(f.resultCode()).isEqualTo(5004);
        assertThat(f.fatal()).isFalse();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
        assertThat(f.failedAvp().toBytes()).isEqualTo(bad);
        assertPartialHasOriginHostOnly(f);
    }

    @Test
    void valueFaultInsideGroupedIsReportedWithItsHierarchy() {
        // RFC 6733 §7.5: Failed-AVP holds the grouped hierarchy down to the offending AVP
        byte[] badChild = avp(U32, 0x40, hex("01"));
        byte[] group = concat(avpHeader(GROUPED_X, 0x40, 8 + badChild.length), badChild);
        DecodeFailure f = fail(withFault(group));
        assertThat(f.resultCode()).isEqualTo(5014);
        assertThat(f.offset()).isEqualTo(FAULT_AT + 8);
        assertThat(f.failedAvp().code()).isEqualTo(GROUPED_X);
        assertThat(f.failedAvp().children().get(0).toBytes()).isEqualTo(badChild);
    }

    @Test
    void valueChecksCanBeTurnedOff() {
        // DecodeOptions.checkValues=false: lengths are still checked (§4.1), values are not
        MessageDecoder lax = new MessageDecoder(new DecodeOptions(1 << 20, 16, TYPES, false));
        byte[] wire = withFault(avp(U32, 0x40, hex("0000000102")));
        assertThat(lax.decode(wire, 0, wire.length).isSuccess()).isTrue();
    }

    @Test
    void wellFormedMessageDecodes() {
        // RFC 6733 §3, §4.1
        byte[] wire = withFault(avp(U32, 0x40, u32(42)));
        DiameterMessage m = DECODER.decode(wire, 0, wire.length).message();
        assertThat(m.commandCode()).isEqualTo(CER);
        assertThat(m.find(U32).asUnsigned32()).isEqualTo(42);
        assertThat(m.toBytes()).isEqualTo(wire);
    }

    @Test
    void decodeAtAnOffsetReportsOffsetsFromTheMessageStart() {
        // DecodeFailure.offset: "from the start of the message"
        byte[] msg = withFault(avpHeader(1234, 0x40, 0));
        byte[] buf = concat(new byte[12], msg);
        DecodeFailure f = DECODER.decode(buf, 12, msg.length).failure();
        assertThat(f.offset()).isEqualTo(FAULT_AT);
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()
                && t.isThreadAllocatedMemoryEnabled()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }
}
