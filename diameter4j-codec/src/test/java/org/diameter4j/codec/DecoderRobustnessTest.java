package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz-style properties: no input makes MessageDecoder.decode throw; it always returns a
 * DecodeResult whose failure is one of the RFC 6733 §7.1 codes the decoder documents, and whose
 * success re-encodes byte for byte. Fixed base seeds keep the suite deterministic; each case is
 * named by, and fails with, the seed that replays it via {@link MessageGenerator}.
 */
class DecoderRobustnessTest {
    static final Set<Integer> CODES = Set.of(3008, 5004, 5011, 5014, 5015);

    /** Grouped for the generated Grouped codes; codes 0..15 each get a data format. */
    static final AvpTypeResolver TYPES =
            (code, vendor) -> {
                if (MessageGenerator.isGroupedCode(code)) {
                    return DataType.GROUPED;
                }
                return code >= 0 && code < DataType.values().length
                        ? DataType.values()[code]
                        : null;
            };

    static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(TYPES).withMaxDepth(3));

    static LongStream randomBytesSeeds() {
        return MessageGenerator.seeds(4006, 1000);
    }

    static LongStream mutationSeeds() {
        return MessageGenerator.seeds(7001, 1000);
    }

    static LongStream typedMessageSeeds() {
        return MessageGenerator.seeds(8, 300);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("randomBytesSeeds")
    void randomBytesNeverThrow(long seed) {
        // RFC 6733 §7.1.5, §7.5: every fault is a result, never an exception
        MessageGenerator.replayable(
                seed, () -> randomBytesNeverThrow(new MessageGenerator(seed).bytes(300)));
    }

    private static void randomBytesNeverThrow(byte[] bytes) {
        check(bytes);
        if (bytes.length >= 20) {
            // make the header plausible so the AVP checks run too
            byte[] b = bytes.clone();
            int len = b.length & ~3;
            b[0] = 1;
            b[1] = (byte) (len >>> 16);
            b[2] = (byte) (len >>> 8);
            b[3] = (byte) len;
            b[4] &= 0x5f;
            check(b);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("mutationSeeds")
    void mutatedEncodingsNeverThrow(long seed) {
        // RFC 6733 §3, §4.1, §7.1.5: bit flips, truncations and rewritten length fields
        MessageGenerator.replayable(
                seed,
                () -> {
                    MessageGenerator gen = new MessageGenerator(seed);
                    mutatedEncodingsNeverThrow(gen.message(true), gen.anyLong());
                });
    }

    private static void mutatedEncodingsNeverThrow(DiameterMessage m, long mutationSeed) {
        byte[] wire = m.toBytes();
        Random rnd = new Random(mutationSeed);
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n && wire.length > 0; i++) {
            switch (rnd.nextInt(4)) {
                case 0 -> wire[rnd.nextInt(wire.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> wire = Arrays.copyOf(wire, rnd.nextInt(wire.length + 1));
                case 2 -> {
                    // Message Length and every AVP Length sit at 4k+1 (AVPs start 4-aligned)
                    int p = 1 + 4 * rnd.nextInt(Math.max(1, (wire.length - 1) / 4));
                    if (p + 3 <= wire.length) {
                        int v =
                                switch (rnd.nextInt(6)) {
                                    case 0 -> rnd.nextInt(16);
                                    case 1 -> wire.length + 4 * (rnd.nextInt(5) - 2);
                                    case 2 -> 0xffffff;
                                    case 3 -> 0xfffffc;
                                    default -> rnd.nextInt(1 << 24);
                                };
                        wire[p] = (byte) (v >>> 16);
                        wire[p + 1] = (byte) (v >>> 8);
                        wire[p + 2] = (byte) v;
                    }
                }
                default ->
                        wire[4 * rnd.nextInt(Math.max(1, wire.length / 4))] =
                                (byte) rnd.nextInt(256);
            }
        }
        check(wire);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("typedMessageSeeds")
    void unmutatedTypedMessagesDecodeOrFailCleanly(long seed) {
        // RFC 6733 §7.1.5: typed AVPs with random data fail with 5004/5014, never throw
        MessageGenerator.replayable(
                seed, () -> check(new MessageGenerator(seed).message(true).toBytes()));
    }

    static void check(byte[] wire) {
        DecodeResult[] holder = new DecodeResult[1];
        assertThatCode(() -> holder[0] = DECODER.decode(wire, 0, wire.length))
                .doesNotThrowAnyException();
        DecodeResult r = holder[0];
        assertThat(r).isNotNull();
        int announced =
                wire.length >= 4
                        ? ((wire[1] & 0xff) << 16) | ((wire[2] & 0xff) << 8) | (wire[3] & 0xff)
                        : -1;
        if (r.isSuccess()) {
            DiameterMessage m = r.message();
            assertThat(m.toBytes()).isEqualTo(Arrays.copyOf(wire, announced));
            assertThatCode(() -> walk(m.avps())).doesNotThrowAnyException();
        } else {
            DecodeFailure f = r.failure();
            assertThat(CODES).contains(f.resultCode());
            assertThat(f.offset()).isBetween(0, Math.max(0, wire.length - 1));
            assertThat(f.toString()).isNotEmpty();
            if (f.failedAvp() != null) {
                assertThatCode(() -> f.failedAvp().toBytes()).doesNotThrowAnyException();
            }
            if (f.partial() != null) {
                assertThatCode(() -> f.partial().toBytes()).doesNotThrowAnyException();
            }
        }
        ByteBuf in = Unpooled.copiedBuffer(wire);
        try {
            DecodeResult[] viaBuf = new DecodeResult[1];
            assertThatCode(() -> viaBuf[0] = DECODER.decode(in)).doesNotThrowAnyException();
            assertThat(viaBuf[0].isSuccess()).isEqualTo(r.isSuccess());
            boolean fatal = !r.isSuccess() && r.failure().fatal();
            assertThat(in.readerIndex()).isEqualTo(fatal ? 0 : announced);
            if (!r.isSuccess()) {
                assertThat(viaBuf[0].failure().resultCode()).isEqualTo(r.failure().resultCode());
            }
        } finally {
            in.release();
        }
    }

    /** Reads every AVP, descending into those the decoder validated as Grouped. */
    static void walk(AvpList list) {
        for (Avp a : list) {
            a.valueBytes();
            if (TYPES.typeOf(a.code(), a.vendorId()) == DataType.GROUPED) {
                walk(a.children());
            }
        }
    }
}
