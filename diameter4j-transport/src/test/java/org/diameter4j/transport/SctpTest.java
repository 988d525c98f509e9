package org.diameter4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.sctp.SctpMessage;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Diameter over SCTP (RFC 6733 §2.1.1); the socket cases run only where the OS has SCTP. */
@ExtendWith(LeakCheck.class)
class SctpTest {
    private final Transport transport =
            Transport.create(TransportConfig.defaults(DecodeOptions.DEFAULT));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void roundTripOverSctp() throws Exception {
        String why = SctpSupport.unavailableReason();
        assumeTrue(why == null, "SCTP not available: " + why);
        RecordingHandler server = new RecordingHandler();
        Listener l =
                transport
                        .listen(
                                new InetSocketAddress("127.0.0.1", 0),
                                TransportProtocol.SCTP,
                                null,
                                c -> server)
                        .get(5, TimeUnit.SECONDS);
        RecordingHandler client = new RecordingHandler();
        Connection c =
                transport
                        .connect(
                                l.localAddress(),
                                null,
                                TransportProtocol.SCTP,
                                null,
                                transport.eventLoops().next(),
                                client)
                        .get(5, TimeUnit.SECONDS);
        assertThat(c.protocol()).isEqualTo(TransportProtocol.SCTP);
        assertThat(c.toString()).startsWith("sctp ");
        c.send(Messages.dwr(1)).get(5, TimeUnit.SECONDS);
        assertThat(server.next()).isEqualTo(Messages.dwr(1));
        c.close();
        assertThat(client.awaitClosed()).isNull();
        assertThat(client.wrongThread.get() + server.wrongThread.get()).isZero();
    }

    @Test
    void withoutSctpConnectAndListenFailWithAClearMessage() {
        String why = SctpSupport.unavailableReason();
        assumeTrue(why != null, "SCTP is available here");
        var connect =
                transport.connect(
                        new InetSocketAddress("127.0.0.1", 3868),
                        null,
                        TransportProtocol.SCTP,
                        null,
                        null,
                        new RecordingHandler());
        assertThatThrownBy(connect::get)
                .cause()
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("SCTP is not available on this system: ");
        var listen =
                transport.listen(
                        new InetSocketAddress("127.0.0.1", 0),
                        TransportProtocol.SCTP,
                        null,
                        c -> new RecordingHandler());
        assertThatThrownBy(listen::get)
                .cause()
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("SCTP is not available on this system: ");
    }

    /** SCTP message boundaries are not trusted: payloads feed the same length framer. */
    @Test
    void sctpPayloadsAreFramedLikeAByteStream() {
        EmbeddedChannel ch =
                new EmbeddedChannel(
                        new SctpMessageAdapter(),
                        new DiameterFrameDecoder(new MessageDecoder(DecodeOptions.DEFAULT)));
        try {
            byte[] a = Messages.dwr(1).toBytes();
            byte[] b = Messages.dwr(2).toBytes();
            ch.writeInbound(new SctpMessage(46, 0, Unpooled.wrappedBuffer(a, b))); // two in one
            assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(1);
            assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(2);
            byte[] c = Messages.dwr(3).toBytes();
            ch.writeInbound(new SctpMessage(46, 0, Unpooled.wrappedBuffer(c, 0, 10))); // one in two
            assertThat((Object) ch.readInbound()).isNull();
            ch.writeInbound(new SctpMessage(46, 0, Unpooled.wrappedBuffer(c, 10, c.length - 10)));
            assertThat(((DiameterMessage) ch.readInbound()).hopByHop()).isEqualTo(3);

            ch.writeOutbound(Unpooled.wrappedBuffer(a));
            SctpMessage out = ch.readOutbound();
            assertThat(out.protocolIdentifier()).isEqualTo(SctpMessageAdapter.DIAMETER_PPID);
            assertThat(out.streamIdentifier()).isZero();
            ByteBuf content = out.content();
            assertThat(content.readableBytes()).isEqualTo(a.length);
            out.release();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
