package org.diameter4j.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Set;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.dictionary.dump.MessageDump;
import org.diameter4j.fuzz.Allocations;

/**
 * Fuzzes {@link MessageDecoder} with the standard dictionary's types, then {@link MessageValidator}
 * and the dump on what it accepts (RFC 6733 §3, §4.1, §7.1.5, §7.5):
 *
 * <ul>
 *   <li>decoding never throws: every fault is a {@link DecodeFailure} with a §7.1 code;
 *   <li>decoding {@code n} bytes allocates O(n), never what a Message Length or AVP Length asks;
 *   <li>a message that decodes re-encodes to the same bytes, and those decode to an equal message;
 *   <li>every value the decoder accepted can be read as its type; the validator and the dump answer
 *       without throwing;
 *   <li>the {@link ByteBuf} entry point agrees with the byte-array one.
 * </ul>
 */
class MessageDecoderFuzzTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(DICT));
    private static final MessageValidator VALIDATOR = new MessageValidator(DICT);
    private static final MessageDump DUMP = new MessageDump(DICT);

    /** The codes MessageDecoder documents (RFC 6733 §7.1.3, §7.1.5). */
    private static final Set<Integer> DECODER_CODES = Set.of(3008, 5004, 5011, 5014, 5015);

    @FuzzTest
    void decode(byte[] input) {
        // The decoder may copy the frame, keep one int per AVP and build a failure: linear in the
        // input. 64 KiB covers the fixed costs; an allocation sized by a 24-bit length field does
        // not fit (the Message Length alone may announce 16 MiB).
        long limit = 64 * 1024 + 32L * input.length;
        DecodeResult r =
                Allocations.bounded(limit, "decode", () -> DECODER.decode(input, 0, input.length));
        if (r.isSuccess()) {
            checkAccepted(r.message(), input);
        } else {
            checkFailure(r.failure(), input.length);
        }
        ByteBuf buf = Unpooled.wrappedBuffer(input);
        DecodeResult viaBuf = Allocations.bounded(limit, "decode(ByteBuf)", () -> decodeAt0(buf));
        if (viaBuf.isSuccess() != r.isSuccess()
                || (!r.isSuccess() && viaBuf.failure().resultCode() != r.failure().resultCode())) {
            throw new AssertionError("byte[] says " + r + " but ByteBuf says " + viaBuf);
        }
    }

    private static DecodeResult decodeAt0(ByteBuf buf) {
        buf.readerIndex(0);
        return DECODER.decode(buf);
    }

    private static void checkAccepted(DiameterMessage m, byte[] input) {
        int announced = ((input[1] & 0xff) << 16) | ((input[2] & 0xff) << 8) | (input[3] & 0xff);
        byte[] again = m.toBytes();
        if (!Arrays.equals(again, 0, again.length, input, 0, announced)) {
            throw new AssertionError("re-encoding differs from the " + announced + " bytes read");
        }
        DecodeResult second = DECODER.decode(again, 0, again.length);
        if (!second.isSuccess() || !second.message().equals(m)) {
            throw new AssertionError("re-encoded message decodes to " + second + ", not " + m);
        }
        readValues(m.avps(), 0);
        DecodeFailure f = VALIDATOR.validate(m);
        if (f != null) {
            if (f.resultCode() < 3000 || f.resultCode() >= 6000) {
                throw new AssertionError("validator answered " + f.resultCode() + ": " + f);
            }
            encodeFailure(f);
        }
        if (DUMP.format(m).isEmpty()) {
            throw new AssertionError("empty dump");
        }
    }

    /**
     * Every value the decoder checked must be readable as its dictionary type. Not inside
     * Failed-AVP: it holds the other side's offending AVPs, whose values the decoder leaves
     * unchecked (RFC 6733 §7.5).
     */
    private static void readValues(AvpList avps, int depth) {
        for (Avp a : avps) {
            if (DICT.typeOf(a.code(), a.vendorId()) == null
                    || (a.code() == 279 && a.vendorId() == 0)) {
                continue;
            }
            Object v = DICT.value(a);
            if (DICT.typeOf(a.code(), a.vendorId()) == DataType.GROUPED) {
                readValues(a.children(), depth + 1);
            } else if (v == null) {
                throw new AssertionError("no value for " + a);
            }
        }
    }

    private static void checkFailure(DecodeFailure f, int inputLength) {
        if (!DECODER_CODES.contains(f.resultCode())) {
            throw new AssertionError("undocumented Result-Code " + f.resultCode() + ": " + f);
        }
        if (f.offset() < 0 || f.offset() > Math.max(0, inputLength - 1)) {
            throw new AssertionError("offset " + f.offset() + " outside the input: " + f);
        }
        encodeFailure(f);
        DUMP.formatFailure(f);
    }

    /** What an error answer would carry (§7.5 Failed-AVP, the partial message) must encode. */
    private static void encodeFailure(DecodeFailure f) {
        if (f.toString().isEmpty()) {
            throw new AssertionError("a failure without a description");
        }
        if (f.failedAvp() != null) {
            f.failedAvp().toBytes();
        }
        if (f.partial() != null) {
            f.partial().toBytes();
        }
    }
}
