package org.diameter4j.peer.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.TransportProtocol;

/**
 * The initiator's connection attempt (RFC 6733 §5.6 I-Snd-Conn-Req): resolve the peer's host again
 * at every attempt, take the next of its addresses (a load balancer's FQDN may have several, seed
 * 000), connect over TCP, TLS or SCTP, and report I-Rcv-Conn-Ack or I-Rcv-Conn-Nack to the state
 * machine. Runs on the peer's loop; an attempt the peer has given up on in the meantime is dropped
 * (its connection closed).
 */
final class PeerConnector {
    private final Peer peer;
    private int addressRotation;

    PeerConnector(Peer peer) {
        this.peer = peer;
    }

    void connect() {
        PeerConnection pc = new PeerConnection(peer, true, null);
        peer.iConn = pc;
        String host = peer.config().uri().host();
        peer.ctx
                .resolver()
                .resolve(host)
                .whenComplete((addrs, err) -> peer.onLoop(() -> resolved(pc, host, addrs, err)));
    }

    private void resolved(PeerConnection pc, String host, List<InetAddress> addrs, Throwable err) {
        if (pc != peer.iConn) {
            return;
        }
        if (err != null || addrs.isEmpty()) {
            peer.failure(
                    err != null
                            ? ConnectFailures.describe(err)
                            : "DNS: '" + host + "' has no address");
            peer.fire(PeerEvent.I_RCV_CONN_NACK, pc);
            return;
        }
        PeerConfig config = peer.config();
        InetAddress addr = addrs.get(Math.floorMod(addressRotation++, addrs.size()));
        InetSocketAddress target = new InetSocketAddress(addr, config.uri().port());
        TransportProtocol proto =
                config.uri().transport().equals("sctp")
                        ? TransportProtocol.SCTP
                        : TransportProtocol.TCP;
        InetSocketAddress bind =
                config.bindAddress() != null
                        ? config.bindAddress()
                        : peer.ctx.localAddressFor(addr);
        peer.ctx
                .transport()
                .connect(
                        target,
                        bind,
                        proto,
                        config.uri().secure() ? config.tls() : null,
                        peer.eventLoop(),
                        pc)
                .whenComplete((conn, cerr) -> peer.onLoop(() -> connected(pc, target, conn, cerr)));
    }

    private void connected(
            PeerConnection pc, InetSocketAddress target, Connection conn, Throwable err) {
        if (err != null) {
            if (pc == peer.iConn) {
                peer.failure(ConnectFailures.connect(target, err));
                peer.fire(PeerEvent.I_RCV_CONN_NACK, pc);
            }
            return;
        }
        if (pc != peer.iConn) {
            conn.close();
            return;
        }
        pc.conn = conn;
        peer.fire(PeerEvent.I_RCV_CONN_ACK, pc);
    }
}
