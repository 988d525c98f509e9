package org.diameter4j.gy.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.peer.Timers;
import org.diameter4j.session.InMemorySessionStore;
import org.diameter4j.session.SessionStoreFullException;

/**
 * The credit-control server's sessions (RFC 4006 §7, server state machine Idle/Open), held in a
 * bounded {@link InMemorySessionStore}: each one lives for Tcc (§13) after its last CCR — when no
 * CCR arrives within Tcc the session is dropped and {@code onExpiry} releases its reservations. One
 * sweep timer (every {@link #SWEEP}) finds the expired sessions, instead of a timer per session, so
 * expiry happens within a second after Tcc. When {@code maxSessions} are held a new session is
 * refused with {@link SessionStoreFullException} (the OCS answers 5006
 * DIAMETER_RESOURCES_EXCEEDED): memory stays bounded whatever the clients do.
 *
 * <p>Also the server-initiated messages towards the session's client: RAR (re-authorisation, §5.5)
 * and ASR (abort, RFC 6733 §8.5), sent to the peer the session's requests came from.
 *
 * @param <S> the application's per-session state
 */
public final class GyServerSessions<S> implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.gy");

    /** How often expired sessions are looked for. */
    public static final Duration SWEEP = Duration.ofSeconds(1);

    private final DiameterNode node;
    private final Timers timers;
    private final Duration defaultTcc;
    private final BiConsumer<String, S> onExpiry;
    private final InMemorySessionStore<Entry<S>> store;
    private volatile Timers.Timer sweep;
    private volatile boolean closed;

    /** What the store keeps per session: the state and where its requests come from. */
    private static final class Entry<S> {
        volatile String peer;
        volatile String clientHost;
        volatile S state;
    }

    /**
     * @param node the server node (for RAR/ASR; may be null when only Tcc is used)
     * @param timers where Tcc and the expiry sweep run: {@link Timers#system()}, or a {@link
     *     org.diameter4j.peer.ManualTimers} in tests
     * @param tcc the default Tcc (RFC 4006 §13 recommends 2 × Validity-Time)
     * @param onExpiry called with the session's state when Tcc expires (outside any lock)
     */
    public GyServerSessions(
            DiameterNode node, Timers timers, Duration tcc, BiConsumer<String, S> onExpiry) {
        this(node, timers, tcc, onExpiry, 100_000);
    }

    /**
     * @param maxSessions sessions held at once; one more is refused
     */
    public GyServerSessions(
            DiameterNode node,
            Timers timers,
            Duration tcc,
            BiConsumer<String, S> onExpiry,
            int maxSessions) {
        this.node = node;
        this.timers = timers;
        this.defaultTcc = tcc;
        this.onExpiry = onExpiry;
        this.store = new InMemorySessionStore<>(maxSessions, timers::nowMillis, this::expired);
        this.sweep = timers.schedule(SWEEP.toMillis(), this::sweep);
    }

    private void sweep() {
        store.purgeExpired();
        if (!closed) {
            sweep = timers.schedule(SWEEP.toMillis(), this::sweep);
        }
    }

    private void expired(String sessionId, Entry<S> e) {
        LOG.log(
                Level.INFO,
                "session " + sessionId + ": no CCR within Tcc; releasing it (RFC 4006 §13)");
        if (onExpiry != null) {
            onExpiry.accept(sessionId, e.state);
        }
    }

    /**
     * A CCR of the session arrived from {@code peer} (whose Origin-Host is {@code clientHost}):
     * creates or updates the state with {@code fn} and restarts Tcc. Atomic per session.
     *
     * @throws SessionStoreFullException for a new session when the store is full
     */
    public S touch(String sessionId, String peer, String clientHost, Function<S, S> fn) {
        return touch(sessionId, peer, clientHost, defaultTcc, fn);
    }

    public S touch(
            String sessionId, String peer, String clientHost, Duration tcc, Function<S, S> fn) {
        Entry<S> e =
                store.compute(
                        sessionId,
                        tcc,
                        (id, old) -> {
                            Entry<S> x = old != null ? old : new Entry<>();
                            x.peer = peer;
                            x.clientHost = clientHost;
                            x.state = fn.apply(x.state);
                            return x;
                        });
        return e.state;
    }

    public S get(String sessionId) {
        return store.get(sessionId).map(e -> e.state).orElse(null);
    }

    /** Ends the session (CCR-TERMINATE answered). */
    public S remove(String sessionId) {
        return store.remove(sessionId).map(e -> e.state).orElse(null);
    }

    public int size() {
        return store.size();
    }

    /** The peer the session's requests come from, or null. */
    public String peerOf(String sessionId) {
        return store.get(sessionId).map(e -> e.peer).orElse(null);
    }

    /** Stops the sweep timer; the sessions held are dropped without their expiry being told. */
    @Override
    public void close() {
        closed = true;
        Timers.Timer t = sweep;
        if (t != null) {
            t.cancel();
        }
    }

    /**
     * Sends a Re-Auth-Request (RFC 4006 §5.5, AUTHORIZE_ONLY) to the session's client; the future
     * is the RAA.
     */
    public CompletableFuture<DiameterMessage> reAuth(String sessionId, Duration timeout) {
        Entry<S> e = store.get(sessionId).orElse(null);
        if (e == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("no session " + sessionId));
        }
        Dictionary d = node.dictionary();
        DiameterMessage rar =
                d.request("RAR", GyConstants.APPLICATION_ID)
                        .add(d.avp("Session-Id", sessionId))
                        .add(d.avp("Origin-Host", node.identity().originHost()))
                        .add(d.avp("Origin-Realm", node.identity().originRealm()))
                        .add(d.avp("Destination-Host", e.clientHost))
                        .add(d.avp("Auth-Application-Id", GyConstants.APPLICATION_ID))
                        .add(d.avp("Re-Auth-Request-Type", "AUTHORIZE_ONLY"));
        return node.send(e.peer, rar, timeout);
    }

    /**
     * Sends an Abort-Session-Request (RFC 6733 §8.5) to the session's client; the future is the
     * ASA.
     */
    public CompletableFuture<DiameterMessage> abort(String sessionId, Duration timeout) {
        Entry<S> e = store.get(sessionId).orElse(null);
        if (e == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("no session " + sessionId));
        }
        Dictionary d = node.dictionary();
        DiameterMessage asr =
                d.request("ASR", GyConstants.APPLICATION_ID)
                        .add(d.avp("Session-Id", sessionId))
                        .add(d.avp("Origin-Host", node.identity().originHost()))
                        .add(d.avp("Origin-Realm", node.identity().originRealm()))
                        .add(d.avp("Destination-Host", e.clientHost))
                        .add(d.avp("Auth-Application-Id", GyConstants.APPLICATION_ID));
        return node.send(e.peer, asr, timeout);
    }
}
