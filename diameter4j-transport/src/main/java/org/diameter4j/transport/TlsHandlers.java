package org.diameter4j.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** Creates the SslHandler of a connection and unwraps TLS failures (RFC 6733 §13). */
final class TlsHandlers {
    private TlsHandlers() {}

    /**
     * @param startTls true: the first flush leaves unencrypted (the CEA of in-band TLS)
     */
    static SslHandler newHandler(
            SslContext ctx,
            Channel ch,
            InetSocketAddress peer,
            boolean startTls,
            long handshakeTimeoutMillis) {
        SSLEngine engine;
        if (ctx.isClient() && peer != null && !peer.isUnresolved()) {
            InetSocketAddress r = peer;
            // Host and port allow session resumption; no hostname verification (see TlsConfig).
            engine = ctx.newEngine(ch.alloc(), r.getHostString(), r.getPort());
        } else {
            engine = ctx.newEngine(ch.alloc());
        }
        SslHandler h = new SslHandler(engine, startTls);
        h.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        return h;
    }

    /** The TLS exception inside Netty's DecoderException, or {@code t} itself. */
    static Throwable unwrap(Throwable t) {
        if (t instanceof DecoderException && t.getCause() instanceof SSLException) {
            return t.getCause();
        }
        return t;
    }
}
