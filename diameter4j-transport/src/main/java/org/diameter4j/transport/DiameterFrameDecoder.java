package org.diameter4j.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;

/**
 * Cuts the byte stream into Diameter messages by the 24-bit Message Length of RFC 6733 §3 and
 * decodes each one; emits {@link DiameterMessage}s and {@link DecodeFailure}s.
 *
 * <p>States: reading a header → reading a payload → (on an unusable length) failed, where every
 * further byte is dropped. The length is judged from the first 4 bytes: not a multiple of 4, under
 * 20 or over {@link org.diameter4j.codec.DecodeOptions#maxMessageLength()} is fatal at once —
 * nothing is waited for or allocated for the announced size, and the cumulation holds only bytes
 * actually received. A good length with a bad version (5011) or bad AVPs is a non-fatal failure and
 * the next frame follows.
 */
final class DiameterFrameDecoder extends ByteToMessageDecoder {
    private final MessageDecoder decoder;
    private boolean failed;

    DiameterFrameDecoder(MessageDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int length = MessageDecoder.peekLength(in);
        if (length < 0) {
            return; // fewer than 4 bytes
        }
        if (!usable(length)) {
            failed = true;
            out.add(headerFailure(in));
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < length) {
            return; // the cumulation grows by what arrives, never by what was announced
        }
        int start = in.readerIndex();
        DecodeResult r = decoder.decode(in);
        in.readerIndex(start + length); // exactly one frame, whatever the outcome
        if (r.isSuccess()) {
            out.add(r.message());
        } else {
            failed = r.failure().fatal();
            out.add(r.failure());
        }
    }

    /** Bytes held back waiting for the rest of a frame (for tests and monitoring). */
    int bufferedBytes() {
        return internalBuffer().readableBytes();
    }

    /** Capacity of the cumulation buffer: what receiving has cost so far (for tests). */
    int bufferCapacity() {
        return internalBuffer().capacity();
    }

    private boolean usable(int length) {
        return length >= DiameterMessage.HEADER_LENGTH
                && (length & 3) == 0
                && length <= decoder.options().maxMessageLength();
    }

    /**
     * The codec's own verdict on an unusable length, from the header alone. When fewer than 20
     * bytes have arrived the rest is zero-filled: the verdict depends only on the length field, so
     * it does not wait for bytes a broken peer may never send.
     */
    private DecodeFailure headerFailure(ByteBuf in) {
        byte[] head = new byte[DiameterMessage.HEADER_LENGTH];
        in.getBytes(in.readerIndex(), head, 0, Math.min(head.length, in.readableBytes()));
        ByteBuf buf = Unpooled.wrappedBuffer(head);
        try {
            DecodeResult r = decoder.decode(buf);
            return r.failure();
        } finally {
            buf.release();
        }
    }
}
