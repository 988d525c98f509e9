package org.diameter4j.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.diameter4j.codec.DiameterMessage;

/**
 * Writes a {@link DiameterMessage} into a pooled direct buffer of exactly its Message Length (RFC
 * 6733 §3). Other messages pass through. Stateless, shared by all channels.
 */
@ChannelHandler.Sharable
final class DiameterMessageEncoder extends ChannelOutboundHandlerAdapter {
    static final DiameterMessageEncoder INSTANCE = new DiameterMessageEncoder();

    private DiameterMessageEncoder() {}

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof DiameterMessage m)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf buf = null;
        try {
            int length = m.length();
            buf = ctx.alloc().directBuffer(length, length);
            m.encode(buf);
        } catch (RuntimeException e) {
            if (buf != null) {
                buf.release();
            }
            promise.setFailure(e);
            return;
        }
        ctx.write(buf, promise);
    }
}
