package org.diameter4j.transport;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.function.Function;
import org.diameter4j.codec.MessageDecoder;

/**
 * Builds a connection's pipeline, from the socket up: [TLS] [SCTP adapter] framer, encoder,
 * connection handler (names in {@link PipelineNames}).
 */
final class ConnectionPipeline {
    private ConnectionPipeline() {}

    /**
     * @param ssl TLS from the first byte, or null
     * @param peer the remote address for a client's TLS engine, or null
     * @param acceptor server side: asked for the handler when the channel is active; else null
     * @return the connection handler that was added
     */
    static ConnectionInboundHandler init(
            ChannelPipeline p,
            Connection c,
            MessageDecoder decoder,
            SslContext ssl,
            InetSocketAddress peer,
            long handshakeTimeoutMillis,
            Function<Connection, ConnectionHandler> acceptor) {
        if (ssl != null) {
            p.addLast(
                    PipelineNames.TLS,
                    TlsHandlers.newHandler(ssl, p.channel(), peer, false, handshakeTimeoutMillis));
        }
        if (c.protocol() == TransportProtocol.SCTP) {
            p.addLast(PipelineNames.SCTP, new SctpMessageAdapter());
        }
        ConnectionInboundHandler inbound = new ConnectionInboundHandler(c, acceptor);
        p.addLast(PipelineNames.FRAMER, new DiameterFrameDecoder(decoder));
        p.addLast(PipelineNames.ENCODER, DiameterMessageEncoder.INSTANCE);
        p.addLast(PipelineNames.CONNECTION, inbound);
        return inbound;
    }
}
