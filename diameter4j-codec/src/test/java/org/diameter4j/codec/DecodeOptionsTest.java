package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** DecodeOptions: the limits that bound what a peer can make the decoder do (RFC 6733 §3, §4.4). */
class DecodeOptionsTest {

    @Test
    void defaultsAreOneMebibyteAndSixteenLevels() {
        assertThat(DecodeOptions.DEFAULT.maxMessageLength()).isEqualTo(1 << 20);
        assertThat(DecodeOptions.DEFAULT.maxDepth()).isEqualTo(16);
        assertThat(DecodeOptions.DEFAULT.checkValues()).isTrue();
        assertThat(DecodeOptions.DEFAULT.types().typeOf(263, 0)).isNull();
    }

    @Test
    void rejectsLimitsOutsideTheWireFormat() {
        // RFC 6733 §3: 20-byte header, 24-bit Message Length, multiple of 4 (max 0xFFFFFC)
        assertThatThrownBy(() -> DecodeOptions.DEFAULT.withMaxMessageLength(19))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeOptions.DEFAULT.withMaxMessageLength(0xfffffd))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DecodeOptions.DEFAULT.withMaxMessageLength(0xfffffc).maxMessageLength())
                .isEqualTo(0xfffffc);
        assertThatThrownBy(() -> DecodeOptions.DEFAULT.withMaxDepth(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeOptions.DEFAULT.withMaxDepth(65))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecodeOptions.DEFAULT.withTypes(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deepestAllowedNestingDoesNotExhaustTheStack() {
        // RFC 6733 §4.4: 64 levels (the maximum maxDepth) of Grouped AVPs decode under -Xss512k
        MessageDecoder d =
                new MessageDecoder(
                        DecodeOptions.DEFAULT.withTypes(MessageDecoderTest.TYPES).withMaxDepth(64));
        byte[] wire = MessageDecoderTest.nested(64);
        assertThat(d.decode(wire, 0, wire.length).isSuccess()).isTrue();
        byte[] deeper = MessageDecoderTest.nested(65);
        assertThat(d.decode(deeper, 0, deeper.length).failure().resultCode()).isEqualTo(5004);
    }
}
