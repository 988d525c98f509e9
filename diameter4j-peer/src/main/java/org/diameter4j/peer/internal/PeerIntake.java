package org.diameter4j.peer.internal;

import java.lang.System.Logger.Level;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.peer.PeerState;

/**
 * What arrives on a peer's connections, turned into the events of RFC 6733 §5.6's table: a message
 * becomes I-/R-Rcv-CEA, -DWR, -DWA, -DPR, -DPA or -Message (I-Rcv-Non-CEA while waiting for the
 * CEA); a malformed request is answered with its error and Failed-AVP (§7.2); a closed connection
 * becomes I-/R-Peer-Disc, with the failure named. Every message counts for the watchdog (RFC 3539
 * §3.4.1: any traffic resets it). Loop-confined.
 */
final class PeerIntake {
    /** A connection's CER before the connection belongs to a peer (R-Conn-CER). */
    record Inbound(PeerConnection pc, DiameterMessage cer) {}

    /** A message received on one of the peer's connections. */
    record Received(PeerConnection pc, DiameterMessage message) {}

    private final Peer peer;
    private final CapabilitiesExchange cx;
    private final Watchdog watchdog;
    private final MessageValidator validator;

    PeerIntake(Peer peer, CapabilitiesExchange cx, Watchdog watchdog) {
        this.peer = peer;
        this.cx = cx;
        this.watchdog = watchdog;
        this.validator = peer.validator;
    }

    void received(PeerConnection pc, DiameterMessage m) {
        if (!pc.current()) {
            return; // a connection this peer has let go of
        }
        peer.counters.received(m.commandCode(), m.isRequest());
        peer.ctx.traced(peer, m, true);
        if (pc == peer.active) {
            watchdog.received(m.commandCode() == Peer.DWR && !m.isRequest());
        }
        boolean i = pc.initiator;
        PeerEvent e;
        switch (m.commandCode()) {
            case Capabilities.CER -> {
                if (m.isRequest()) {
                    cx.secondCer(pc, m);
                    return;
                }
                e = i ? PeerEvent.I_RCV_CEA : null;
            }
            case Peer.DWR ->
                    e =
                            m.isRequest()
                                    ? (i ? PeerEvent.I_RCV_DWR : PeerEvent.R_RCV_DWR)
                                    : (i ? PeerEvent.I_RCV_DWA : PeerEvent.R_RCV_DWA);
            case Peer.DPR ->
                    e =
                            m.isRequest()
                                    ? (i ? PeerEvent.I_RCV_DPR : PeerEvent.R_RCV_DPR)
                                    : (i ? PeerEvent.I_RCV_DPA : PeerEvent.R_RCV_DPA);
            default -> e = i ? PeerEvent.I_RCV_MESSAGE : PeerEvent.R_RCV_MESSAGE;
        }
        if (i && peer.fsmState() == PeerState.WAIT_I_CEA && e != PeerEvent.I_RCV_CEA) {
            e = PeerEvent.I_RCV_NON_CEA;
        } else if (m.isRequest() && (m.commandCode() == Peer.DWR || m.commandCode() == Peer.DPR)) {
            // §7.2, §7.1.5: a base-protocol request is checked against its grammar like any
            // other; a DWR or DPR without Origin-Host, or with an unknown M-bit AVP, is answered
            // with the error (5005, 5001 …) and Failed-AVP and has no other effect: a DPR that
            // fails its grammar does not close the connection.
            DecodeFailure f = validator.validate(m);
            if (f != null) {
                Peer.log(
                        Level.INFO,
                        peer.name()
                                + " sent an invalid "
                                + (m.commandCode() == Peer.DWR ? "DWR" : "DPR")
                                + ": "
                                + f.reason()
                                + "; answered "
                                + f.resultCode());
                pc.send(peer.errorAnswer(m, f.resultCode(), f.reason(), f.failedAvp()));
                return;
            }
        }
        if (e == null) {
            return;
        }
        peer.fire(e, new Received(pc, m));
    }

    void malformed(PeerConnection pc, DecodeFailure f) {
        peer.ctx.malformed(peer, f);
        Peer.log(
                Level.WARNING,
                "malformed message from "
                        + peer.name()
                        + " dropped: "
                        + f
                        + (f.fatal() ? "; closing the connection (framing lost)" : ""));
        DiameterMessage partial = f.partial();
        if (!f.fatal()
                && partial != null
                && partial.isRequest()
                && pc.current()
                && pc.conn.isOpen()) {
            // §7.2: answer a malformed request with the error and the Failed-AVP. A CER's answer
            // is a CEA: without the E bit (5xxx) it follows the CEA grammar of §5.3.2.
            pc.send(
                    partial.commandCode() == Capabilities.CER
                            ? cx.refusingCea(partial, pc, f.resultCode(), f.reason(), f.failedAvp())
                            : peer.errorAnswer(partial, f.resultCode(), f.reason(), f.failedAvp()));
        }
    }

    void closed(PeerConnection pc, Throwable cause) {
        if (cause != null && pc.current()) {
            peer.failure(ConnectFailures.lost(pc.conn, cause));
        } else if (pc.current() && peer.fsmState() == PeerState.WAIT_I_CEA) {
            // Seed 001: a server that does not know us closes on the CER without a CEA.
            peer.failure(
                    "connection "
                            + pc.conn
                            + " closed by the peer after our CER, without a CEA (RFC 6733 §5.6):"
                            + " it likely does not accept Origin-Host "
                            + peer.ctx.local().originHost()
                            + " or our address; check its peer list");
        }
        if (pc == peer.iConn) {
            peer.fire(PeerEvent.I_PEER_DISC, pc);
        } else if (pc == peer.rConn) {
            peer.fire(PeerEvent.R_PEER_DISC, pc);
        }
    }

    /**
     * Process-DWA (RFC 6733 §5.5.2): a DWR the application sent itself (not the watchdog's) waits
     * for this DWA; its Origin-State-Id tells whether the peer restarted (§8.16).
     */
    void dwa(DiameterMessage dwa) {
        PendingRequest own = peer.pending.answered(dwa);
        if (own != null) {
            own.complete(dwa);
        }
        peer.originStateId(dwa);
        Avp rc = dwa.find(Capabilities.RESULT_CODE);
        if (rc != null
                && rc.valueLength() == 4
                && rc.asUnsigned32() != ResultCodes.DIAMETER_SUCCESS) {
            Peer.log(
                    Level.INFO,
                    "DWA from " + peer.name() + " carries Result-Code " + rc.asUnsigned32());
        }
    }

    /** The Disconnect-Cause of a DPR (§5.4.3), or null when absent or malformed. */
    DisconnectCause disconnectCause(DiameterMessage dpr) {
        Avp c = dpr.find(BaseMessages.DISCONNECT_CAUSE);
        return c != null && c.valueLength() == 4 ? DisconnectCause.of(c.asInt32()) : null;
    }
}
