package org.diameter4j.node;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.Peer;

/**
 * One peer as seed 003's {@code show aaa diameter-node "…" peer "…"} shows it (M-19): a snapshot,
 * taken by {@link DiameterNode#peer(String)}. Values that do not apply in the current state
 * (timers, remote and local addresses when the peer is closed) are null or -1, shown as "N/A" or
 * "(Not Specified)" by {@link NodeShow}.
 *
 * @param connectionTimerSeconds seconds until the next connection attempt (Tc), or -1
 * @param watchdogTimerSeconds seconds until the watchdog timer (Tw) expires, or -1
 * @param lastDisconnectCause the Disconnect-Cause of the last DPR received ("rebooting"), or null
 * @param lastFailure the last failure in words (DNS, connection refused, the CEA's Result-Code, no
 *     DWA within 2 x Tw …), or null: why a peer that should be open is not
 * @param remote what the peer said about itself in its CER/CEA (RFC 6733 §5.3: Origin-Host,
 *     Product-Name, applications …) while open, else null
 */
public record PeerView(
        int index,
        String hostIdentity,
        PeerState status,
        boolean adminEnabled,
        boolean active,
        List<ApplicationId> activeApplications,
        String lastDisconnectCause,
        int preference,
        boolean defaultPeer,
        long connectionTimerSeconds,
        long watchdogTimerSeconds,
        int pendingMessages,
        String remoteRealm,
        InetSocketAddress remoteAddress,
        Long remoteOriginStateId,
        String localHostIdentity,
        String localRealm,
        InetSocketAddress localAddress,
        Instant lastManagementChange,
        boolean dynamic,
        String lastFailure,
        RemoteCapabilities remote) {

    static PeerView of(Peer p, LocalIdentity local) {
        PeerState s = p.state();
        boolean open = s.isOpen();
        RemoteCapabilities rc = open ? p.remote() : null;
        return new PeerView(
                p.config().index(),
                p.name(),
                s,
                p.isEnabled(),
                p.isReady(),
                open ? p.commonApplications() : List.of(),
                p.lastDisconnectCause() != null ? p.lastDisconnectCause().displayName() : null,
                p.config().preference(),
                !p.isDynamic() && p.config().defaultPeer(),
                open ? -1 : p.reconnectRemainingSeconds(),
                open ? p.watchdogRemainingSeconds() : -1,
                p.pendingCount(),
                rc != null ? rc.originRealm() : null,
                open ? p.remoteAddress() : null,
                open ? p.remoteOriginStateId() : null,
                local.originHost(),
                local.originRealm(),
                open ? p.localAddress() : null,
                p.lastManagementChange(),
                p.isDynamic(),
                p.lastFailure(),
                rc);
    }

    /** The active applications in seed 003's words: "nasreq gx". */
    public String activeApplicationNames() {
        return Applications.namesOf(activeApplications);
    }
}
