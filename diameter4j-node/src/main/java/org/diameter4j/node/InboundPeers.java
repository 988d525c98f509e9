package org.diameter4j.node;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.InboundConnections;
import org.diameter4j.peer.internal.Peer;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.Listener;
import org.diameter4j.transport.TransportProtocol;

/**
 * The responder side of a node (RFC 6733 §5.6.1 R-Conn-CER): its listeners, and which peer an
 * inbound connection belongs to once its CER names the Origin-Host — a configured peer, a new
 * dynamic one when the node accepts any peer, or none (the CER is refused with 3010
 * DIAMETER_UNKNOWN_PEER by {@code InboundConnections}).
 */
final class InboundPeers {
    private final DiameterNode node;

    InboundPeers(DiameterNode node) {
        this.node = node;
    }

    /** Binds every configured listener; fails naming the address and the likely cause. */
    List<Listener> bind() {
        List<Listener> bound = new ArrayList<>();
        for (DiameterUri u : node.config.listen()) {
            InetSocketAddress addr = new InetSocketAddress(u.host(), u.port());
            TransportProtocol proto =
                    u.transport().equals("sctp") ? TransportProtocol.SCTP : TransportProtocol.TCP;
            InboundConnections inbound =
                    new InboundConnections(
                            node::identity,
                            this::locate,
                            node.config.cerTimeout().toMillis(),
                            node.dictionary,
                            node.config.strictSend());
            try {
                Listener l =
                        node.transport
                                .listen(
                                        addr,
                                        proto,
                                        u.secure() ? node.config.listenTls() : null,
                                        inbound)
                                .get(10, TimeUnit.SECONDS);
                bound.add(l);
                DiameterNode.LOG.log(
                        Level.INFO,
                        "listening on "
                                + u.toString()
                                        .replaceFirst(
                                                ":" + u.port() + ";",
                                                ":" + l.localAddress().getPort() + ";"));
            } catch (ExecutionException e) {
                throw new DiameterException(
                        "cannot listen on "
                                + u.host()
                                + ":"
                                + u.port()
                                + ": "
                                + DiameterNode.rootMessage(e)
                                + (DiameterNode.rootMessage(e)
                                                .toLowerCase(Locale.ROOT)
                                                .contains("in use")
                                        ? " (another Diameter node runs there: stop it, or listen on another port)"
                                        : ""),
                        e.getCause());
            } catch (TimeoutException | InterruptedException e) {
                throw new DiameterException(
                        "cannot listen on " + u.host() + ":" + u.port() + ": " + e, e);
            }
        }
        return bound;
    }

    private Peer locate(RemoteCapabilities cer, Connection c) {
        Peer p = node.peers.get(DiameterNode.key(cer.originHost()));
        if (p != null) {
            return p.isDynamic() && p.state() == PeerState.CLOSED ? replaceDynamic(p, cer, c) : p;
        }
        if (!node.config.acceptAnyPeer()) {
            return null;
        }
        return replaceDynamic(null, cer, c);
    }

    private Peer replaceDynamic(Peer old, RemoteCapabilities cer, Connection c) {
        PeerConfig pc = PeerConfig.builder().destinationHost(cer.originHost()).build();
        Peer p = Peer.dynamic(node.context, pc, c.eventLoop());
        String k = DiameterNode.key(cer.originHost());
        if (old != null) {
            node.peers.replace(k, old, p);
        } else if (node.peers.putIfAbsent(k, p) != null) {
            return node.peers.get(k);
        }
        node.routesChanged();
        return p;
    }
}
