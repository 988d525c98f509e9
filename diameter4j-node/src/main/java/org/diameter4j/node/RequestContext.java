package org.diameter4j.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.DisconnectCause;

/**
 * What a handler knows about a request besides the request: where it came from, and helpers. The
 * peer is seen read-only ({@link #peer()}); the one thing a handler may do to it is {@link
 * #disconnect} (a simulator that plays a rebooting server).
 */
public interface RequestContext {
    /** The Origin-Host of the peer the request arrived from (its host identity). */
    String peerName();

    /** A snapshot of the peer the request arrived from: state, applications, counters, timers. */
    PeerView peer();

    /**
     * Closes the connection the request arrived on with DPR/DPA carrying {@code cause} (RFC 6733
     * §5.4); the request itself is left unanswered.
     */
    CompletableFuture<Void> disconnect(DisconnectCause cause);

    /** Runs {@code task} after {@code delay} (a late answer, say), where handlers run. */
    void schedule(Runnable task, Duration delay);

    Dictionary dictionary();

    /** This node's identity (Origin-Host, Origin-Realm …). */
    org.diameter4j.peer.LocalIdentity identity();

    /**
     * An answer with Experimental-Result {Vendor-Id, Experimental-Result-Code} (RFC 6733 §7.6), as
     * 3GPP applications answer (S6a 5001 DIAMETER_ERROR_USER_UNKNOWN with vendor 10415).
     */
    DiameterMessage experimentalAnswer(DiameterMessage request, int vendorId, long code);

    /**
     * The answer skeleton (RFC 6733 §6.2): same identifiers, Session-Id and Proxy-Info copied, plus
     * Result-Code, Origin-Host and Origin-Realm; the E bit for a protocol error (3xxx).
     */
    DiameterMessage answer(DiameterMessage request, long resultCode);

    /** An error answer with Error-Message and, when given, Failed-AVP (RFC 6733 §7.2, §7.5). */
    DiameterMessage errorAnswer(
            DiameterMessage request, long resultCode, String errorMessage, Avp failedAvp);
}
