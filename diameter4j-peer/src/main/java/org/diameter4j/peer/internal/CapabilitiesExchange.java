package org.diameter4j.peer.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.RemoteCapabilities;

/**
 * The capabilities exchange of one peer (RFC 6733 §5.3) as the state machine's actions run it:
 * Process-CER, R-Snd-CEA, Process-CEA, the election of §5.6.4, and in-band TLS after the CEA (RFC
 * 3588 §13.1). The decisions themselves are {@link CapabilitiesVerdict}'s (pure, tested without a
 * connection); this class applies them to the peer's connections. Loop-confined.
 */
final class CapabilitiesExchange {
    private final Peer peer;
    private final MessageValidator validator;

    /** The CER of the responder connection, until its CEA is sent (R-Accept → R-Snd-CEA). */
    DiameterMessage rCer;

    /** What that CER announced, once Process-CER accepted it. */
    private RemoteCapabilities rCaps;

    CapabilitiesExchange(Peer peer) {
        this.peer = peer;
        this.validator = peer.validator;
    }

    /**
     * Process-CER (§5.3.1): a CER that fails the checks is answered with the refusal and closed.
     */
    PeerStateMachine.Outcome processCer(PeerState here) {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCer(
                        rCer, validator, peer.ctx.local(), peer.config().inbandTls());
        if (!v.accepted()) {
            DiameterMessage cea =
                    refusingCea(rCer, peer.rConn, v.resultCode(), v.reason(), v.failedAvp());
            peer.failure(
                    "CER from "
                            + peer.name()
                            + " refused with "
                            + v.resultCode()
                            + ": "
                            + v.reason());
            PeerConnection pc = peer.rConn;
            pc.send(cea);
            pc.conn.close();
            peer.rConn = null;
            rCer = null;
            return PeerStateMachine.Outcome.goTo(
                    here == PeerState.CLOSED ? PeerState.CLOSED : here);
        }
        rCaps = v.capabilities();
        return PeerStateMachine.Outcome.OK;
    }

    /** A CEA refusing {@code cer} with {@code rc} (§5.3.2, §7.1.5), Failed-AVP when known. */
    DiameterMessage refusingCea(
            DiameterMessage cer, PeerConnection pc, long rc, String reason, Avp failed) {
        DiameterMessage cea =
                Capabilities.cea(
                        cer,
                        peer.ctx.local(),
                        pc.conn.localAddress().getAddress(),
                        rc,
                        reason,
                        false);
        if (failed != null) {
            cea.add(ErrorAnswers.failedAvp(failed));
        }
        return cea;
    }

    /** R-Snd-CEA: the success CEA on the responder connection, which becomes the active one. */
    PeerStateMachine.Outcome sendCea() {
        PeerConnection pc = peer.rConn;
        if (pc == null || !pc.conn.isOpen()) {
            return PeerStateMachine.Outcome.goTo(PeerState.CLOSED);
        }
        boolean tls = peer.config().inbandTls() && rCaps.offersTls();
        if (tls) {
            // The CEA leaves in plaintext, then the handshake (RFC 3588 §13.1, Inband-Security-Id).
            startTls(pc, false);
        }
        pc.send(
                Capabilities.cea(
                        rCer,
                        peer.ctx.local(),
                        pc.conn.localAddress().getAddress(),
                        ResultCodes.DIAMETER_SUCCESS,
                        null,
                        tls));
        adopt(pc, rCaps);
        rCer = null;
        return PeerStateMachine.Outcome.OK;
    }

    /**
     * §5.6.4: "If the local Origin-Host lexicographically succeeds the received Origin-Host, a
     * Win-Election event is issued locally" — ASCII case-insensitively.
     */
    boolean wins() {
        String mine = peer.ctx.local().originHost().toLowerCase(Locale.ROOT);
        String theirs =
                rCaps == null || rCaps.originHost() == null
                        ? ""
                        : rCaps.originHost().toLowerCase(Locale.ROOT);
        return mine.compareTo(theirs) > 0;
    }

    /** Process-CEA (§5.3.2): a refused CEA closes the initiator connection. */
    PeerStateMachine.Outcome processCea(PeerState here, DiameterMessage cea) {
        CapabilitiesVerdict v =
                CapabilitiesVerdict.ofCea(
                        cea,
                        peer.ctx.local(),
                        peer.config().destinationHost(),
                        peer.ctx.dictionary());
        if (!v.accepted()) {
            peer.failure(v.reason());
            reportRefused(cea, v);
            peer.closeInitiator();
            if (here == PeerState.WAIT_RETURNS && peer.rConn != null) {
                // Like I-Peer-Disc in Wait-Returns: keep the responder connection.
                PeerStateMachine.Outcome o = sendCea();
                return o == PeerStateMachine.Outcome.OK
                        ? PeerStateMachine.Outcome.goTo(PeerState.R_OPEN)
                        : o;
            }
            return PeerStateMachine.Outcome.goTo(PeerState.CLOSED);
        }
        RemoteCapabilities caps = v.capabilities();
        if (peer.config().inbandTls() && caps.offersTls()) {
            startTls(peer.iConn, true);
        }
        adopt(peer.iConn, caps);
        return PeerStateMachine.Outcome.OK;
    }

    /**
     * A CER on a connection whose capabilities were already exchanged. RFC 3588 §5.6 had {@code
     * R-Open, R-Rcv-CER -> R-Snd-CEA}; RFC 6733 §5.6 dropped that row and lists no CER event for
     * the open states, so capabilities cannot be renegotiated on an open connection. The sender
     * must still get an answer (a request is never left unanswered): a CEA with 5012
     * DIAMETER_UNABLE_TO_COMPLY (§7.1.5) and an Error-Message saying why; the connection stays open
     * with the capabilities of the first exchange. freeDiameter answers the same way.
     */
    void secondCer(PeerConnection pc, DiameterMessage cer) {
        Peer.log(
                Level.INFO,
                "a CER arrived from "
                        + peer.name()
                        + " on an open connection ("
                        + pc
                        + "): answered 5012, capabilities stay as first exchanged");
        pc.send(
                Capabilities.cea(
                        cer,
                        peer.ctx.local(),
                        pc.conn.localAddress().getAddress(),
                        ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                        "capabilities were already exchanged on this connection (RFC 6733 §5.6"
                                + " has no CER event in the open states)",
                        false));
    }

    private void startTls(PeerConnection pc, boolean client) {
        pc.conn
                .startTls(peer.config().tls(), client)
                .exceptionally(
                        e -> {
                            peer.onLoop(
                                    () ->
                                            peer.failure(
                                                    "in-band TLS handshake failed: "
                                                            + ConnectFailures.describe(e)));
                            return null;
                        });
    }

    /** Tells the node why a CEA was refused, in seed 003's terms (Result code, Failed AVP). */
    private void reportRefused(DiameterMessage cea, CapabilitiesVerdict v) {
        try {
            peer.ctx.capabilitiesRefused(
                    peer, cea, v.resultCode(), v.reportMessage(), v.failedAvp());
        } catch (RuntimeException e) {
            Peer.log(Level.WARNING, "capabilities report failed: " + e);
        }
    }

    private void adopt(PeerConnection pc, RemoteCapabilities caps) {
        List<ApplicationId> common =
                List.copyOf(
                        Capabilities.common(peer.ctx.local().applications(), caps.applications()));
        peer.adopt(pc, caps, common);
    }
}
