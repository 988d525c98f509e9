package org.diameter4j.node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.internal.Peer;

/**
 * A node's peers by Diameter identity (case-insensitive, RFC 6733 §4.3.1 DiameterIdentity), and the
 * realm routing table derived from them (M-18), rebuilt only after a peer was added, removed, or
 * changed state — not at every lookup. Thread-safe.
 */
final class PeerTable {
    /** The peers, by {@link #key} of their identity. */
    final Map<String, Peer> byKey = new ConcurrentHashMap<>();

    private final AtomicLong version = new AtomicLong();
    private volatile CachedRoutes cached;

    private record CachedRoutes(long version, RoutingTable table) {}

    static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    Peer find(String host) {
        return byKey.get(key(host));
    }

    /**
     * Refuses a second default peer (M-16, seed 003: "Multiple default peer is not allowed"),
     * naming both.
     */
    void checkDefault(PeerConfig pc) {
        if (!pc.defaultPeer()) {
            return;
        }
        String key = key(pc.name());
        for (Peer other : byKey.values()) {
            if (Routing.isDefault(other) && !key(other.name()).equals(key)) {
                throw new IllegalArgumentException(
                        "peer index "
                                + pc.index()
                                + " ("
                                + pc.name()
                                + ") and peer index "
                                + other.config().index()
                                + " ("
                                + other.name()
                                + ") are both default-peer: "
                                + "at most one default peer is allowed per node");
            }
        }
    }

    /** Adds {@code p}; refuses a peer whose identity is already there. */
    void add(Peer p) {
        if (byKey.putIfAbsent(key(p.name()), p) != null) {
            throw new IllegalArgumentException("peer " + p.name() + " already exists");
        }
        changed();
    }

    Peer remove(String host) {
        Peer p = byKey.remove(key(host));
        if (p != null) {
            changed();
        }
        return p;
    }

    /** For display: configured peers by index, then dynamic ones by name. */
    List<Peer> sorted() {
        List<Peer> out = new ArrayList<>(byKey.values());
        out.sort(
                Comparator.comparing(Peer::isDynamic)
                        .thenComparingInt((Peer p) -> p.config().index())
                        .thenComparing(Peer::name));
        return out;
    }

    /** The names of the peers, for "configured peers are …" errors. */
    List<String> names() {
        return sorted().stream().map(Peer::name).toList();
    }

    /** A peer was added, removed, or changed state or availability: the routing table is stale. */
    void changed() {
        version.incrementAndGet();
    }

    /**
     * The realm routing table. A table built while a change happened carries the older version and
     * is rebuilt at the next call.
     */
    RoutingTable routes() {
        long v = version.get();
        CachedRoutes c = cached;
        if (c != null && c.version() == v) {
            return c.table();
        }
        RoutingTable t = RoutingTable.of(byKey.values());
        cached = new CachedRoutes(v, t);
        return t;
    }
}
