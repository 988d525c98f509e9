package org.diameter4j.peer.internal;

import java.lang.System.Logger.Level;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;

/**
 * The peer's Origin-State-Id as last seen in its CER/CEA, DWR or DWA (RFC 6733 §8.16). A new value
 * means the peer restarted and lost its sessions (§8.6): said once at INFO. Readable from any
 * thread.
 */
final class RemoteOriginState {
    private final Peer peer;
    private volatile Long value;

    RemoteOriginState(Peer peer) {
        this.peer = peer;
    }

    Long value() {
        return value;
    }

    /** The Origin-State-Id of {@code m}, when it carries a well-formed one. */
    void seen(DiameterMessage m) {
        Avp osi = m.find(Capabilities.ORIGIN_STATE_ID);
        if (osi != null && osi.valueLength() == 4) {
            seen(osi.asUnsigned32());
        }
    }

    void seen(Long osi) {
        if (osi == null) {
            return;
        }
        Long old = value;
        if (old != null && !old.equals(osi)) {
            Peer.log(
                    Level.INFO,
                    "peer " + peer.name() + " restarted: Origin-State-Id " + old + " -> " + osi);
        }
        value = osi;
    }
}
