package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.codec.ResultCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class DiameterFrameDecoderTest {
    private final DiameterFrameDecoder framer =
            new DiameterFrameDecoder(new MessageDecoder(DecodeOptions.DEFAULT));
    private final EmbeddedChannel ch = new EmbeddedChannel(framer);

    @AfterEach
    void finish() {
        ch.finishAndReleaseAll();
    }

    @Test
    void twoMessagesInOneBuffer() {
        byte[] a = Messages.dwr(1).toBytes();
        byte[] b = Messages.dwr(2).toBytes();
        ch.writeInbound(Unpooled.wrappedBuffer(a, b));
        assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(1);
        assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(2);
        assertThat((Object) ch.readInbound()).isNull();
    }

    @Test
    void oneMessageByteByByte() {
        byte[] a = Messages.dwr(7).toBytes();
        for (int i = 0; i < a.length - 1; i++) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {a[i]}));
            assertThat((Object) ch.readInbound()).isNull();
        }
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {a[a.length - 1]}));
        DiameterMessage m = ch.readInbound();
        assertThat(m).isEqualTo(Messages.dwr(7));
    }

    @Test
    void hugeLengthIsFatalAtOnceWithoutWaiting() {
        // Only the 4 bytes of version and length: the verdict must not wait for 16 MiB.
        ch.writeInbound(
                Unpooled.wrappedBuffer(new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isTrue();
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH);
        assertThat(framer.bufferCapacity()).isLessThan(64);
        // After the fatal failure nothing more is decoded, even a good message.
        ch.writeInbound(Unpooled.wrappedBuffer(Messages.dwr(1).toBytes()));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(framer.bufferedBytes()).isZero();
    }

    @Test
    void largestWireLengthIsFatalAtOnce() {
        ch.writeInbound(
                Unpooled.wrappedBuffer(
                        new byte[] {1, (byte) 0xff, (byte) 0xff, (byte) 0xfc, 0, 0}));
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isTrue();
        assertThat(f.reason()).contains("exceeds the maximum");
        assertThat(framer.bufferCapacity()).isLessThan(64);
    }

    @Test
    void lengthNotMultipleOfFourIsFatal() {
        byte[] a = Messages.dwr(1).toBytes();
        a[3] = (byte) (a[3] + 1);
        ch.writeInbound(Unpooled.wrappedBuffer(a));
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isTrue();
        assertThat(f.reason()).contains("not a multiple of 4");
        assertThat(f.partial().commandCode()).isEqualTo(Messages.DWR); // the real header was used
    }

    @Test
    void versionTwoIsNonFatalAndTheNextMessageFollows() {
        byte[] bad = Messages.dwr(1).toBytes();
        bad[0] = 2;
        ch.writeInbound(Unpooled.wrappedBuffer(bad, Messages.dwr(2).toBytes()));
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isFalse();
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_UNSUPPORTED_VERSION);
        assertThat(f.partial().hopByHop()).isEqualTo(1);
        assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(2);
    }

    @Test
    void badAvpIsNonFatal() {
        byte[] a = Messages.dwr(3).toBytes();
        a[20 + 5] = 0; // the AVP Length's high byte stays 0 ...
        a[20 + 7] = 4; // ... and its low byte says 4: shorter than an AVP header
        ch.writeInbound(Unpooled.wrappedBuffer(a, Messages.dwr(4).toBytes()));
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isFalse();
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_LENGTH);
        assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(4);
    }

    @Test
    void garbageIsFatal() {
        ByteBuf junk =
                Unpooled.copiedBuffer(
                        "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
                        java.nio.charset.StandardCharsets.US_ASCII);
        ch.writeInbound(junk);
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isTrue();
        assertThat(f.resultCode()).isEqualTo(ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH);
    }

    @Test
    void shortLengthIsFatalFromFourBytes() {
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 0, 0, 8}));
        DecodeFailure f = ch.readInbound();
        assertThat(f.fatal()).isTrue();
        assertThat(f.reason()).contains("shorter than the header");
    }

    @Test
    void maxMessageLengthFromOptions() {
        EmbeddedChannel small =
                new EmbeddedChannel(
                        new DiameterFrameDecoder(
                                new MessageDecoder(
                                        DecodeOptions.DEFAULT.withMaxMessageLength(32))));
        try {
            small.writeInbound(Unpooled.wrappedBuffer(Messages.dwr(1).toBytes())); // 48 bytes
            DecodeFailure f = small.readInbound();
            assertThat(f.fatal()).isTrue();
            assertThat(f.reason()).contains("exceeds the maximum of 32");
        } finally {
            small.finishAndReleaseAll();
        }
    }
}
