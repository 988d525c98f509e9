package org.diameter4j.node;

import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.peer.PeerState;

/**
 * Events of a node (seed 003's event table, M-21), given to {@link NodeListener#event} (see {@link
 * DiameterNode#addListener}) and logged once each.
 */
public sealed interface NodeEvent {
    /** Seed 003's event name: "tmnxDiamNdPeerStatActiveChanged". */
    String name();

    /** The text seed 003 logs. */
    String text();

    /**
     * The peer became active (open, watchdog OKAY) or stopped being active: "DIAMETER node
     * bng-gy.realm-1.com, peer ocs.realm-1.com is active".
     */
    record PeerActiveChanged(String node, String peer, boolean active) implements NodeEvent {
        @Override
        public String name() {
            return "tmnxDiamNdPeerStatActiveChanged";
        }

        @Override
        public String text() {
            return "DIAMETER node "
                    + node
                    + ", peer "
                    + peer
                    + " is "
                    + (active ? "active" : "inactive");
        }
    }

    /** A malformed message from the peer was dropped (its failure says why). */
    record MessageDropped(String node, String peer, DecodeFailure failure) implements NodeEvent {
        @Override
        public String name() {
            return "tmnxDiamMessageDropped";
        }

        @Override
        public String text() {
            return "DIAMETER node "
                    + node
                    + ", peer "
                    + peer
                    + ": malformed message dropped ("
                    + failure
                    + ")";
        }
    }

    /**
     * The peer's state changed (RFC 6733 §5.6): {@code from} → {@code to}. Not logged here: the
     * peer logs its transitions itself.
     *
     * @param reason when the peer closed, its last failure in words ("connection refused", "no DWA
     *     within 2 x Tw …", the CEA's Result-Code), else null
     */
    record PeerStateChanged(String node, String peer, PeerState from, PeerState to, String reason)
            implements NodeEvent {
        @Override
        public String name() {
            return "peerStateChanged";
        }

        @Override
        public String text() {
            return "DIAMETER node "
                    + node
                    + ", peer "
                    + peer
                    + ": "
                    + from
                    + " -> "
                    + to
                    + (reason != null ? " (" + reason + ")" : "");
        }
    }
}
