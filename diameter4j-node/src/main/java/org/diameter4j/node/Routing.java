package org.diameter4j.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.Peer;

/**
 * Peer selection for a request (RFC 6733 §6.1, seed 003, M-18), in three steps:
 *
 * <ol>
 *   <li>Forwarding: the peer whose identity equals the request's Destination-Host. When that peer
 *       is one of ours but cannot take the request (down, or excluded), the request is not sent
 *       elsewhere: 3002 DIAMETER_UNABLE_TO_DELIVER.
 *   <li>Routing: the {@link RoutingTable} routes of the Destination-Realm that serve the request's
 *       application — in the table's order: lowest preference, then lowest index.
 *   <li>The default peer.
 * </ol>
 *
 * Among the candidates of steps 2 and 3, in that order, the first one that is ready and has not
 * answered 3004 DIAMETER_TOO_BUSY lately is chosen; a busy one only when no other is ready; a
 * suspect one (watchdog, RFC 3539) only when nothing else is open. A request without
 * Destination-Realm goes to the default peer, or to the only ready peer. No candidate: {@link
 * NoRouteException} with 3003 DIAMETER_REALM_NOT_SERVED when no peer serves the realm at all, else
 * 3002 DIAMETER_UNABLE_TO_DELIVER.
 */
final class Routing {
    static final int DESTINATION_HOST = 293;
    static final int DESTINATION_REALM = 283;

    private Routing() {}

    /** The peer for {@code request}, never {@code exclude}; throws {@link NoRouteException}. */
    static Peer select(
            DiameterMessage request, Collection<Peer> peers, Peer exclude, PeerConfig defaultPeer) {
        return select(
                request,
                peers,
                RoutingTable.of(peers),
                p -> p == exclude,
                p -> false,
                p -> defaultPeer != null ? p.config() == defaultPeer : isDefault(p));
    }

    /**
     * The peer for {@code request} among {@code peers}, with {@code table} their routing table
     * (built when a peer's state changes, not per request): never an {@code excluded} one (the peer
     * a failed-over request leaves, peers in its Route-Record), a {@code busy} one only when no
     * other is ready.
     */
    static Peer select(
            DiameterMessage request,
            Collection<Peer> peers,
            RoutingTable table,
            Predicate<Peer> excluded,
            Predicate<Peer> busy) {
        return select(request, peers, table, excluded, busy, Routing::isDefault);
    }

    static boolean isDefault(Peer p) {
        return !p.isDynamic() && p.config().defaultPeer();
    }

    private static Peer select(
            DiameterMessage request,
            Collection<Peer> peers,
            RoutingTable table,
            Predicate<Peer> excluded,
            Predicate<Peer> busy,
            Predicate<Peer> isDefault) {
        String host = text(request.find(DESTINATION_HOST));
        String realm = text(request.find(DESTINATION_REALM));
        long app = request.applicationId();
        // 1. Forwarding.
        if (host != null) {
            for (Peer p : peers) {
                if (LocalIdentity.sameIdentity(p.name(), host)) {
                    if (!excluded.test(p) && p.state().isOpen()) {
                        return p;
                    }
                    throw new NoRouteException(
                            ResultCodes.DIAMETER_UNABLE_TO_DELIVER,
                            "the request is for Destination-Host "
                                    + host
                                    + ", and that peer "
                                    + (excluded.test(p)
                                            ? "cannot take it (it is the peer the request comes from,"
                                                    + " failed, or is in its Route-Record)"
                                            : "is " + p.state()));
                }
            }
        }
        Peer defaultPeer = null;
        for (Peer p : peers) {
            if (isDefault.test(p)) {
                defaultPeer = p;
                break;
            }
        }
        if (realm == null) {
            if (defaultPeer != null && !excluded.test(defaultPeer) && defaultPeer.isReady()) {
                return defaultPeer;
            }
            List<Peer> ready =
                    peers.stream().filter(p -> !excluded.test(p) && p.isReady()).toList();
            if (ready.size() == 1) {
                return ready.get(0);
            }
            throw new NoRouteException(
                    ResultCodes.DIAMETER_UNABLE_TO_DELIVER,
                    ready.isEmpty()
                            ? "no peer is ready" + describe(peers)
                            : "the request has no Destination-Realm and "
                                    + ready.size()
                                    + " peers are ready: set Destination-Realm or Destination-Host");
        }
        // 2. Routing, then 3. the default peer.
        List<Peer> candidates = new ArrayList<>();
        for (RoutingTable.Route r : table.lookup(realm, app)) {
            Peer p = table.peer(r);
            if (!excluded.test(p)) {
                candidates.add(p);
            }
        }
        if (defaultPeer != null
                && !excluded.test(defaultPeer)
                && !candidates.contains(defaultPeer)) {
            candidates.add(defaultPeer);
        }
        for (Peer p : candidates) {
            if (p.isReady() && !busy.test(p)) {
                return p;
            }
        }
        for (Peer p : candidates) {
            if (p.isReady()) {
                return p;
            }
        }
        for (Peer p : candidates) {
            if (p.state().isOpen()) {
                return p;
            }
        }
        boolean realmKnown =
                table.knowsRealm(realm)
                        || peers.stream().anyMatch(p -> !excluded.test(p) && servesRealm(p, realm));
        if (!realmKnown) {
            throw new NoRouteException(
                    ResultCodes.DIAMETER_REALM_NOT_SERVED,
                    "no peer serves realm '"
                            + realm
                            + "'"
                            + (host != null ? " and none is '" + host + "'" : "")
                            + describe(peers));
        }
        throw new NoRouteException(
                ResultCodes.DIAMETER_UNABLE_TO_DELIVER,
                "no ready peer of realm '"
                        + realm
                        + "' supports application "
                        + app
                        + describe(peers));
    }

    private static String describe(Collection<Peer> peers) {
        if (peers.isEmpty()) {
            return " (no peer is configured)";
        }
        StringBuilder sb = new StringBuilder(" (peers: ");
        boolean first = true;
        for (Peer p : peers) {
            sb.append(first ? "" : ", ").append(p.name()).append(' ').append(p.state());
            RemoteCapabilities rc = p.remote();
            if (rc != null && rc.originRealm() != null) {
                sb.append(" realm ").append(rc.originRealm());
            }
            first = false;
        }
        return sb.append(')').toString();
    }

    static boolean servesRealm(Peer p, String realm) {
        RemoteCapabilities rc = p.remote();
        String r =
                rc != null && rc.originRealm() != null
                        ? rc.originRealm()
                        : LocalIdentity.realmOf(p.name());
        return r.equalsIgnoreCase(realm);
    }

    static boolean supports(Peer p, long app) {
        if (app == 0) {
            return true;
        }
        RemoteCapabilities rc = p.remote();
        if (rc != null) {
            for (ApplicationId a : rc.applications()) {
                if (a.id() == app || a.isRelay()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(Avp a) {
        return a == null ? null : a.asUtf8();
    }
}
