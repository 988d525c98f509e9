package org.diameter4j.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.sctp.SctpMessage;

/**
 * Between an SCTP channel and the framer. RFC 6733 §2.1.1: Diameter over SCTP, with the
 * IANA-assigned SCTP Payload Protocol Identifier 46 (Diameter in the clear). One Diameter message
 * per SCTP message is usual but not assumed: received payloads are handed to the same length framer
 * as a TCP byte stream, so a message split over several SCTP messages, or several in one, still
 * decodes. Outgoing buffers go out on stream 0.
 */
final class SctpMessageAdapter extends ChannelDuplexHandler {
    /** IANA SCTP Payload Protocol Identifier for Diameter. */
    static final int DIAMETER_PPID = 46;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof SctpMessage m) {
            ByteBuf content = m.content().retain();
            m.release();
            ctx.fireChannelRead(content);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b) {
            ctx.write(new SctpMessage(DIAMETER_PPID, 0, b), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
