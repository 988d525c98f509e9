package org.diameter4j.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.Peer;

/**
 * The realm routing table (RFC 6733 §2.7, seed 003's "routing-table", M-18, M-19): one route per
 * open peer, made from its capabilities exchange — the Origin-Realm it announced and the
 * applications it advertised (Auth-/Acct-Application-Id, Vendor-Specific-Application-Id, the Relay
 * Application Id) — with the peer's configured preference and index. A peer that goes down leaves
 * the table with its connection. Routes are in selection order: lowest preference, then lowest
 * index (then name, so the order is stable).
 */
public final class RoutingTable {
    /**
     * One route.
     *
     * @param realm the peer's Origin-Realm
     * @param applications the applications the peer advertised
     * @param preference the peer's configured preference (lower is preferred)
     * @param index the peer's configured index
     * @param serverIdentifier the peer's identity (Origin-Host)
     */
    public record Route(
            String realm,
            List<ApplicationId> applications,
            int preference,
            int index,
            String serverIdentifier) {
        /** Whether the route serves {@code applicationId}: advertised, or the peer is a relay. */
        public boolean serves(long applicationId) {
            for (ApplicationId a : applications) {
                if (a.id() == applicationId || a.isRelay()) {
                    return true;
                }
            }
            return applicationId == 0;
        }

        /** The applications in seed 003's words: "nasreq gx". */
        public String applicationNames() {
            return Applications.namesOf(applications);
        }
    }

    static final Comparator<Route> ORDER =
            Comparator.comparingInt(Route::preference)
                    .thenComparingInt(Route::index)
                    .thenComparing(r -> r.serverIdentifier().toLowerCase(java.util.Locale.ROOT));

    private final List<Route> routes;
    private final Map<Route, Peer> peers;

    private RoutingTable(List<Route> routes, Map<Route, Peer> peers) {
        this.routes = routes;
        this.peers = peers;
    }

    /** The table of these peers: one route per open peer that has announced its capabilities. */
    static RoutingTable of(Collection<Peer> peers) {
        List<Route> out = new ArrayList<>();
        Map<Route, Peer> byRoute = new java.util.IdentityHashMap<>();
        for (Peer p : peers) {
            RemoteCapabilities rc = p.remote();
            if (!p.state().isOpen() || rc == null) {
                continue;
            }
            String realm =
                    rc.originRealm() != null
                            ? rc.originRealm()
                            : org.diameter4j.peer.LocalIdentity.realmOf(p.name());
            Route r =
                    new Route(
                            realm,
                            List.copyOf(rc.applications()),
                            p.config().preference(),
                            p.config().index(),
                            p.name());
            out.add(r);
            byRoute.put(r, p);
        }
        out.sort(ORDER);
        return new RoutingTable(List.copyOf(out), byRoute);
    }

    /** All routes, in selection order. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The routes of {@code realm} (case-insensitive) that serve {@code applicationId}, in order.
     */
    public List<Route> lookup(String realm, long applicationId) {
        List<Route> out = new ArrayList<>();
        for (Route r : routes) {
            if (r.realm().equalsIgnoreCase(realm) && r.serves(applicationId)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Whether any route leads to {@code realm}, whatever the application. */
    public boolean knowsRealm(String realm) {
        return routes.stream().anyMatch(r -> r.realm().equalsIgnoreCase(realm));
    }

    /** The peer behind a route of this table. */
    Peer peer(Route r) {
        return peers.get(r);
    }

    public int size() {
        return routes.size();
    }

    @Override
    public String toString() {
        return NodeShow.routes(this);
    }
}
