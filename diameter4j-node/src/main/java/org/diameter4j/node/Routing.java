package org.diameter4j.node;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.Peer;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.RemoteCapabilities;

/**
 * Peer selection for a request (RFC 6733 §6.1, seed 003, M-18), in three steps:
 *
 * <ol>
 *   <li>Forwarding: a ready peer whose identity equals the request's Destination-Host.
 *   <li>Routing: ready peers whose realm (from their CEA) equals the Destination-Realm and that
 *       support the request's application — lowest preference, then lowest index.
 *   <li>The default peer.
 * </ol>
 *
 * A request without Destination-Realm goes to the default peer, or to the only ready peer. Peers
 * that are suspect (watchdog) or closed are skipped. No candidate: {@link NoRouteException} with
 * 3003 DIAMETER_REALM_NOT_SERVED when no peer serves the realm at all, else 3002
 * DIAMETER_UNABLE_TO_DELIVER.
 */
public final class Routing {
    static final int DESTINATION_HOST = 293;
    static final int DESTINATION_REALM = 283;

    private static final Comparator<Peer> ORDER =
            Comparator.comparingInt((Peer p) -> p.config().preference())
                    .thenComparingInt(p -> p.config().index());

    private Routing() {}

    /** The peer for {@code request}, never {@code exclude}; throws {@link NoRouteException}. */
    public static Peer select(
            DiameterMessage request, Collection<Peer> peers, Peer exclude, PeerConfig defaultPeer) {
        String host = text(request.find(DESTINATION_HOST));
        String realm = text(request.find(DESTINATION_REALM));
        long app = request.applicationId();
        if (host != null) {
            for (Peer p : peers) {
                if (p != exclude && p.isReady() && LocalIdentity.sameIdentity(p.name(), host)) {
                    return p;
                }
            }
        }
        boolean realmKnown = false;
        if (realm != null) {
            List<Peer> candidates =
                    peers.stream().filter(p -> p != exclude && servesRealm(p, realm)).toList();
            realmKnown = !candidates.isEmpty();
            Peer best =
                    candidates.stream()
                            .filter(p -> p.isReady() && supports(p, app))
                            .min(ORDER)
                            .orElse(null);
            if (best != null) {
                return best;
            }
        }
        if (defaultPeer != null) {
            for (Peer p : peers) {
                if (p != exclude && p.isReady() && p.config() == defaultPeer) {
                    return p;
                }
            }
        }
        if (realm == null) {
            List<Peer> ready = peers.stream().filter(p -> p != exclude && p.isReady()).toList();
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
        for (ApplicationId a : p.commonApplications()) {
            if (a.id() == app || a.isRelay()) {
                return true;
            }
        }
        RemoteCapabilities rc = p.remote();
        return rc != null && rc.applications().stream().anyMatch(ApplicationId::isRelay);
    }

    private static String text(Avp a) {
        return a == null ? null : a.asUtf8();
    }
}
