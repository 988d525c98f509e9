package org.diameter4j.node;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.peer.Timers;
import org.diameter4j.peer.internal.Ids;
import org.diameter4j.peer.internal.Peer;
import org.diameter4j.peer.internal.PeerContext;
import org.diameter4j.peer.internal.PendingRequest;
import org.diameter4j.transport.Transport;

/**
 * What a node's peers get from it ({@link PeerContext}): identity and transport, requests to serve,
 * state changes (routes, listeners, the active/inactive event), failover of pending requests (RFC
 * 6733 §5.5.4), and observation of every message — metrics, the 3004 back-off, failure reports,
 * per-peer debug dumps and {@link DiameterNode#trace} consumers. Called on the peer's event loop.
 */
final class NodePeerContext implements PeerContext {
    private final DiameterNode node;

    NodePeerContext(DiameterNode node) {
        this.node = node;
    }

    @Override
    public LocalIdentity local() {
        return node.config.identity();
    }

    @Override
    public Dictionary dictionary() {
        return node.dictionary;
    }

    @Override
    public StrictSend strictSend() {
        return node.config.strictSend();
    }

    @Override
    public Transport transport() {
        return node.transport;
    }

    @Override
    public HostResolver resolver() {
        return node.resolver;
    }

    @Override
    public Ids ids() {
        return node.ids;
    }

    @Override
    public long connectTimeoutMillis() {
        return node.transport.config().connectTimeout().toMillis();
    }

    @Override
    public InetSocketAddress localAddressFor(InetAddress target) {
        for (InetAddress a : node.config.localAddresses()) {
            if (a.getAddress().length == target.getAddress().length) {
                return new InetSocketAddress(a, 0);
            }
        }
        return null;
    }

    @Override
    public CompletableFuture<DiameterMessage> serve(Peer peer, DiameterMessage request) {
        return node.serve(peer, request);
    }

    @Override
    public void peerChanged(Peer peer, PeerState from, PeerState to) {
        node.routesChanged();
        String origin = node.config.identity().originHost();
        if (from != to) {
            String reason = to == PeerState.CLOSED ? peer.lastFailure() : null;
            node.emit(new NodeEvent.PeerStateChanged(origin, peer.name(), from, to, reason), false);
        }
        boolean active = peer.isReady();
        Boolean was = node.activeState.put(peer, active);
        if (was == null ? active : was != active) {
            node.emit(new NodeEvent.PeerActiveChanged(origin, peer.name(), active), true);
        }
        if (to == PeerState.CLOSED) {
            node.busyUntil.remove(peer);
        }
        if (peer.isDynamic() && to == PeerState.CLOSED) {
            node.peers.remove(DiameterNode.key(peer.name()), peer);
            node.activeState.remove(peer);
        }
    }

    @Override
    public List<PendingRequest> failover(Peer from, List<PendingRequest> pending, boolean lost) {
        List<PendingRequest> left = new ArrayList<>();
        for (PendingRequest p : pending) {
            Peer alt;
            DiameterMessage req = p.request();
            Predicate<Peer> excluded = x -> x == from || DiameterNode.inRouteRecord(x, req);
            try {
                alt =
                        Routing.select(
                                req, node.peers.values(), node.routes(), excluded, node::isBusy);
            } catch (NoRouteException e) {
                String host = DiameterNode.text(req.find(DiameterNode.DESTINATION_HOST));
                if (lost && host != null && LocalIdentity.sameIdentity(host, from.name())) {
                    // A request fixed to this Destination-Host does not go elsewhere: 3002.
                    p.future()
                            .completeExceptionally(
                                    new NoRouteException(
                                            e.resultCode(),
                                            "the connection to "
                                                    + from.name()
                                                    + " closed before the answer arrived, and"
                                                    + " no other peer can take the request: "
                                                    + e.getMessage()));
                    continue;
                }
                alt = null;
            }
            if (alt == null || alt == from) {
                left.add(p);
                continue;
            }
            // RFC 6733 §5.5.4: retransmit to an alternate peer with the T flag.
            DiameterNode.LOG.log(
                    Level.DEBUG,
                    "failover of End-to-End "
                            + Integer.toUnsignedString(p.request().endToEnd())
                            + " from "
                            + from.name()
                            + " to "
                            + alt.name());
            alt.retransmit(p);
        }
        return left;
    }

    @Override
    public void malformed(Peer peer, DecodeFailure failure) {
        // Logged once by the peer; counted and given to the listeners here (M-21).
        node.droppedMessages.incrementAndGet();
        node.metrics.dropped(peer);
        node.emit(
                new NodeEvent.MessageDropped(
                        node.config.identity().originHost(), peer.name(), failure),
                false);
    }

    @Override
    public void capabilitiesRefused(
            Peer peer, DiameterMessage cea, long resultCode, String errorMessage, Avp failedAvp) {
        Level level = node.debugging(peer) ? Level.INFO : Level.DEBUG;
        if (DiameterNode.TRACE.isLoggable(level)) {
            DiameterNode.TRACE.log(
                    level,
                    FailureReport.format(
                            node.dictionary,
                            node.config.identity().originHost(),
                            peer.name(),
                            cea,
                            true,
                            resultCode,
                            errorMessage,
                            failedAvp));
        }
    }

    @Override
    public void traced(Peer peer, DiameterMessage message, boolean received) {
        node.metrics.message(peer, message, received);
        if (!message.isRequest()) {
            long rc = FailureReport.resultCode(message);
            if (rc == ResultCodes.DIAMETER_TOO_BUSY && received) {
                backOff(peer);
            }
            if (rc >= 3000) {
                Level level = node.debugging(peer) ? Level.INFO : Level.DEBUG;
                if (DiameterNode.TRACE.isLoggable(level)) {
                    DiameterNode.TRACE.log(
                            level,
                            FailureReport.ofAnswer(
                                    node.dictionary,
                                    node.config.identity().originHost(),
                                    peer.name(),
                                    message,
                                    received));
                }
            }
        }
        for (NodeListener l : node.listeners) {
            try {
                l.message(peer.name(), message, received);
            } catch (RuntimeException e) {
                DiameterNode.LOG.log(Level.WARNING, "node listener failed: " + e);
            }
        }
        if (!node.debugPeers.isEmpty() && node.debugPeers.contains(DiameterNode.key(peer.name()))) {
            DiameterNode.TRACE.log(
                    Level.INFO,
                    (received ? "received from " : "sent to ")
                            + peer.name()
                            + "\n"
                            + new MessageDump(node.dictionary).format(message));
        }
    }

    /** A 3004 DIAMETER_TOO_BUSY from {@code peer}: route around it for the back-off (§7.1.3). */
    private void backOff(Peer peer) {
        node.busyUntil.put(
                peer, Timers.system().nowMillis() + node.config.busyBackoff().toMillis());
    }
}
