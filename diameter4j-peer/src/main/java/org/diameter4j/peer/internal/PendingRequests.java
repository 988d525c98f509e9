package org.diameter4j.peer.internal;

import io.netty.util.collection.IntObjectHashMap;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.PeerDisconnectedException;
import org.diameter4j.peer.RequestTimeoutException;
import org.diameter4j.peer.Timers;

/**
 * The requests a peer has sent and not yet had answered, by Hop-by-Hop Identifier (RFC 6733 §6.2:
 * the answer carries the request's Hop-by-Hop; one that matches nothing is discarded, §6.2.1), each
 * with its timer. Loop-confined, except {@link #size()}, which any thread may read.
 */
final class PendingRequests {
    private final Peer peer;
    private final Timers timers;
    private final IntObjectHashMap<PendingRequest> byHopByHop = new IntObjectHashMap<>();
    private volatile int size;

    PendingRequests(Peer peer, Timers timers) {
        this.peer = peer;
        this.timers = timers;
    }

    /** Requests waiting for an answer (readable from any thread). */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return byHopByHop.isEmpty();
    }

    /**
     * Sends {@code p} on {@code pc} with the connection's next Hop-by-Hop Identifier (and an
     * End-to-End Identifier when it has none, §3), and arms its timer for what is left of its
     * deadline.
     */
    void send(PendingRequest p, PeerConnection pc) {
        DiameterMessage req = p.request();
        int hbh = pc.hopByHop.next();
        req.hopByHop(hbh);
        if (req.endToEnd() == 0) {
            req.endToEnd(peer.ctx.ids().nextEndToEnd());
        }
        p.hopByHop = hbh;
        PendingRequest clash = byHopByHop.put(hbh, p);
        if (clash != null) {
            clash.fail(new DiameterException("Hop-by-Hop identifier reused after 2^32 requests"));
        }
        size = byHopByHop.size();
        arm(p);
        pc.sendVetted(req);
    }

    /** The request {@code answer} answers, removed; null when none waits for it. */
    PendingRequest answered(DiameterMessage answer) {
        PendingRequest p = byHopByHop.remove(answer.hopByHop());
        size = byHopByHop.size();
        return p;
    }

    /**
     * Completes the request {@code answer} answers; §6.2.1: one that matches nothing is discarded.
     */
    void complete(DiameterMessage answer) {
        PendingRequest p = answered(answer);
        if (p == null) {
            Peer.log(
                    Level.DEBUG,
                    "answer from "
                            + peer.name()
                            + " with unknown Hop-by-Hop "
                            + Integer.toUnsignedString(answer.hopByHop())
                            + " discarded (late, or already timed out)");
            return;
        }
        p.complete(answer);
    }

    /** All the pending requests, removed, their timers cancelled (failover, §5.5.4). */
    List<PendingRequest> takeAll() {
        List<PendingRequest> all = new ArrayList<>(byHopByHop.values());
        byHopByHop.clear();
        size = 0;
        for (PendingRequest p : all) {
            p.cancelTimer();
        }
        return all;
    }

    /**
     * The connection closed (RFC 6733 §5.5.4): the pending requests fail over to other peers; those
     * none takes fail with {@link PeerDisconnectedException}, naming {@code why} when known.
     */
    void connectionClosed(String why) {
        if (byHopByHop.isEmpty()) {
            return;
        }
        for (PendingRequest p : peer.ctx.failover(peer, takeAll(), true)) {
            p.fail(
                    new PeerDisconnectedException(
                            "the connection to "
                                    + peer.name()
                                    + " closed before the answer arrived"
                                    + (why != null ? " (" + why + ")" : "")));
        }
    }

    /** Takes back requests no other peer claimed: same Hop-by-Hop, timers for what is left. */
    void keep(List<PendingRequest> kept) {
        for (PendingRequest p : kept) {
            byHopByHop.put(p.hopByHop, p);
            arm(p);
        }
        size = byHopByHop.size();
    }

    private void arm(PendingRequest p) {
        long remaining = p.deadlineMillis() - timers.nowMillis();
        p.timer = timers.schedule(Math.max(1, remaining), () -> timedOut(p));
    }

    private void timedOut(PendingRequest p) {
        if (byHopByHop.get(p.hopByHop) == p) {
            byHopByHop.remove(p.hopByHop);
            size = byHopByHop.size();
        }
        p.timer = null;
        DiameterMessage r = p.request();
        String cmd = peer.ctx.dictionary().commandName(r.applicationId(), r.commandCode(), true);
        p.fail(
                new RequestTimeoutException(
                        "no answer from "
                                + peer.name()
                                + " to "
                                + cmd
                                + " (Hop-by-Hop "
                                + Integer.toUnsignedString(r.hopByHop())
                                + ", End-to-End "
                                + Integer.toUnsignedString(r.endToEnd())
                                + ") within "
                                + (p.elapsedNanos() / 1_000_000)
                                + " ms"));
    }
}
