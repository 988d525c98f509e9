package org.diameter4j.peer.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.transport.Transport;

/** What a peer needs from the node that owns it. Called on the peer's thread unless noted. */
public interface PeerContext {
    LocalIdentity local();

    Dictionary dictionary();

    Transport transport();

    HostResolver resolver();

    Ids ids();

    /** The node's local address to connect to {@code target} from, or null to let the OS choose. */
    default java.net.InetSocketAddress localAddressFor(java.net.InetAddress target) {
        return null;
    }

    /** The transport's TCP connect timeout, to bound Wait-Conn-Ack. */
    default long connectTimeoutMillis() {
        return 10_000;
    }

    /**
     * Serves an application request the peer received. The answer is sent back on the connection
     * the request came on. The future may complete on any thread.
     */
    CompletableFuture<DiameterMessage> serve(Peer peer, DiameterMessage request);

    /** The peer's state or availability changed. */
    void peerChanged(Peer peer, PeerState from, PeerState to);

    /**
     * Requests left pending on a connection that is suspect ({@code lost} false) or gone ({@code
     * lost} true). The node may retransmit them to another peer with the T flag (RFC 6733 §5.5.4)
     * and returns those it did not take: when the connection is gone they fail.
     */
    List<PendingRequest> failover(Peer peer, List<PendingRequest> pending, boolean lost);

    /** A message from the peer could not be decoded (M-21). */
    void malformed(Peer peer, DecodeFailure failure);

    /**
     * A CEA was refused (M-17, seed 003's "DIAMETER: Failure"): {@code resultCode}, {@code
     * errorMessage} and {@code failedAvp} (or null) say why, as the failure report shows them.
     */
    default void capabilitiesRefused(
            Peer peer,
            DiameterMessage cea,
            long resultCode,
            String errorMessage,
            org.diameter4j.codec.Avp failedAvp) {}

    /** What to do with a message about to be sent that breaks its grammar. */
    default StrictSend strictSend() {
        return StrictSend.fromSystem();
    }

    /** A message passed on the peer's connection; for per-peer message debug (M-20). */
    default void traced(Peer peer, DiameterMessage message, boolean received) {}
}
