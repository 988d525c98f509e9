package org.diameter4j.node;

import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.peer.internal.Peer;

/**
 * Events of a node (seed 003's event table, M-21), given to {@link DiameterNode#addEventListener}
 * and logged once each.
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
    record PeerActiveChanged(String node, Peer peer, boolean active) implements NodeEvent {
        @Override
        public String name() {
            return "tmnxDiamNdPeerStatActiveChanged";
        }

        @Override
        public String text() {
            return "DIAMETER node "
                    + node
                    + ", peer "
                    + peer.name()
                    + " is "
                    + (active ? "active" : "inactive");
        }
    }

    /** A malformed message from the peer was dropped (its failure says why). */
    record MessageDropped(String node, Peer peer, DecodeFailure failure) implements NodeEvent {
        @Override
        public String name() {
            return "tmnxDiamMessageDropped";
        }

        @Override
        public String text() {
            return "DIAMETER node "
                    + node
                    + ", peer "
                    + peer.name()
                    + ": malformed message dropped ("
                    + failure
                    + ")";
        }
    }
}
