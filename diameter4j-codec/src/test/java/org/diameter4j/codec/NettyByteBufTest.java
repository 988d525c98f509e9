package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Netty ByteBuf paths of MessageDecoder and DiameterMessage (RFC 6733 §3 framing by Message
 * Length). Every buffer allocated here is released: the build runs Netty's leak detector at
 * PARANOID.
 */
class NettyByteBufTest {
    static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    static DiameterMessage first() {
        return DiameterMessage.request(257, 0, false)
                .hopByHop(1)
                .endToEnd(2)
                .add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, "a.example"))
                .add(Avp.ofBytes(1234, 10415, 0, new byte[] {1, 2, 3}));
    }

    static DiameterMessage second() {
        return DiameterMessage.request(280, 0, false)
                .hopByHop(3)
                .endToEnd(4)
                .add(Avp.ofUnsigned32(278, 0, Avp.FLAG_MANDATORY, 42));
    }

    static ByteBuf allocate(String kind, ByteBufAllocator alloc) {
        return kind.equals("heap") ? alloc.heapBuffer(4) : alloc.directBuffer(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "direct"})
    void decodeConsumesExactlyOneMessageWhenTwoAreBuffered(String kind) {
        // RFC 6733 §3: the Message Length delimits a message in the stream
        ByteBuf in = allocate(kind, PooledByteBufAllocator.DEFAULT);
        try {
            in.writeBytes(new byte[] {9, 9, 9}); // already consumed bytes before the reader index
            in.readerIndex(3);
            first().encode(in);
            second().encode(in);
            int firstLength = first().length();
            assertThat(MessageDecoder.peekLength(in)).isEqualTo(firstLength);
            DecodeResult r1 = DECODER.decode(in);
            assertThat(r1.message()).isEqualTo(first());
            assertThat(in.readerIndex()).isEqualTo(3 + firstLength);
            assertThat(in.readableBytes()).isEqualTo(second().length());
            DecodeResult r2 = DECODER.decode(in);
            assertThat(r2.message()).isEqualTo(second());
            assertThat(in.isReadable()).isFalse();
            assertThat(MessageDecoder.peekLength(in)).isEqualTo(-1);
        } finally {
            in.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "direct"})
    void encodeWritesTheSameBytesAsToBytes(String kind) {
        // RFC 6733 §3, §4.1
        for (ByteBufAllocator alloc :
                new ByteBufAllocator[] {
                    PooledByteBufAllocator.DEFAULT, Unpooled.buffer().alloc()
                }) {
            ByteBuf out = allocate(kind, alloc);
            try {
                first().encode(out);
                assertThat(out.isDirect()).isEqualTo(kind.equals("direct"));
                assertThat(ByteBufUtil.getBytes(out)).isEqualTo(first().toBytes());
                Avp avp = Avp.ofUtf8(1, 0, 0, "é");
                int before = out.writerIndex();
                avp.encode(out);
                assertThat(out.writerIndex() - before).isEqualTo(avp.encodedLength());
            } finally {
                out.release();
            }
        }
    }

    @Test
    void decodedMessageDoesNotReferenceTheBuffer() {
        // MessageDecoder.decode(ByteBuf) copies the frame: the message outlives the buffer
        ByteBuf in = Unpooled.directBuffer();
        first().encode(in);
        DiameterMessage m = DECODER.decode(in).message();
        in.release();
        assertThat(m.find(264).asUtf8()).isEqualTo("a.example");
        assertThat(m.toBytes()).isEqualTo(first().toBytes());
    }

    @Test
    void nonFatalFailureConsumesTheMessageAndFatalConsumesNothing() {
        // RFC 6733 §7.1.5: 5011 keeps the stream in sync; 5015 cannot be re-synchronised
        byte[] bad = first().toBytes();
        bad[0] = 2; // version 2: 5011, not fatal
        ByteBuf in = Unpooled.buffer();
        try {
            in.writeBytes(bad);
            second().encode(in);
            DecodeResult r = DECODER.decode(in);
            assertThat(r.failure().resultCode()).isEqualTo(5011);
            assertThat(in.readerIndex()).isEqualTo(bad.length);
            assertThat(DECODER.decode(in).message()).isEqualTo(second());
            in.clear();
            in.writeBytes(Wire.header(1, 22, 0x80, 257, 0, 1, 2))
                    .writeZero(4); // not a multiple of 4
            DecodeResult fatal = DECODER.decode(in);
            assertThat(fatal.failure().fatal()).isTrue();
            assertThat(fatal.failure().resultCode()).isEqualTo(5015);
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void decodeReadsAcrossACompositeBuffer() {
        // RFC 6733 §3: a message may arrive in several TCP segments
        byte[] wire = first().toBytes();
        CompositeByteBuf in = Unpooled.compositeBuffer();
        try {
            in.addComponent(true, Unpooled.wrappedBuffer(wire, 0, 7));
            in.addComponent(true, Unpooled.directBuffer().writeBytes(wire, 7, wire.length - 7));
            assertThat(DECODER.decode(in).message()).isEqualTo(first());
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }

    @Test
    void peekLengthNeedsFourBytes() {
        // RFC 6733 §3: Version (1) + Message Length (3)
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {1, 0, 0});
        try {
            assertThat(MessageDecoder.peekLength(in)).isEqualTo(-1);
        } finally {
            in.release();
        }
        ByteBuf four = Unpooled.wrappedBuffer(new byte[] {1, 0x12, 0x34, 0x56});
        try {
            assertThat(MessageDecoder.peekLength(four)).isEqualTo(0x123456);
            assertThat(four.readerIndex()).isZero();
        } finally {
            four.release();
        }
    }
}
