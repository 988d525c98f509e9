package org.diameter4j.gy.server;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.gy.time.CcScheduler;
import org.diameter4j.node.DiameterNode;

/**
 * The credit-control server's sessions (RFC 4006 §7, server state machine Idle/Open): each one
 * supervised by the Tcc timer (§13) — when no CCR arrives within Tcc the session is dropped and
 * {@code onExpiry} releases its reservations. Also the server-initiated messages towards the
 * session's client: RAR (re-authorisation, §5.5) and ASR (abort, RFC 6733 §8.5), sent to the peer
 * the session's requests came from.
 *
 * @param <S> the application's per-session state
 */
public final class GyServerSessions<S> {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.gy");

    private final DiameterNode node;
    private final CcScheduler scheduler;
    private final Duration defaultTcc;
    private final BiConsumer<String, S> onExpiry;
    private final Map<String, Entry<S>> sessions = new ConcurrentHashMap<>();

    private static final class Entry<S> {
        final String sessionId;
        volatile String peer;
        volatile String clientHost;
        volatile S state;
        CcScheduler.Timer tcc;

        Entry(String sessionId) {
            this.sessionId = sessionId;
        }
    }

    /**
     * @param node the server node (for RAR/ASR; may be null when only Tcc is used)
     * @param tcc the default Tcc (RFC 4006 §13 recommends 2 × Validity-Time)
     * @param onExpiry called with the session's state when Tcc expires (outside any lock)
     */
    public GyServerSessions(
            DiameterNode node,
            CcScheduler scheduler,
            Duration tcc,
            BiConsumer<String, S> onExpiry) {
        this.node = node;
        this.scheduler = scheduler;
        this.defaultTcc = tcc;
        this.onExpiry = onExpiry;
    }

    /**
     * A CCR of the session arrived from {@code peer} (whose Origin-Host is {@code clientHost}):
     * creates or updates the state with {@code fn} (null removes nothing: the session keeps its
     * state) and restarts Tcc. Atomic per session.
     */
    public S touch(String sessionId, String peer, String clientHost, Function<S, S> fn) {
        return touch(sessionId, peer, clientHost, defaultTcc, fn);
    }

    public S touch(
            String sessionId, String peer, String clientHost, Duration tcc, Function<S, S> fn) {
        Entry<S> e = sessions.computeIfAbsent(sessionId, Entry::new);
        synchronized (e) {
            e.peer = peer;
            e.clientHost = clientHost;
            e.state = fn.apply(e.state);
            if (e.tcc != null) {
                e.tcc.cancel();
            }
            if (sessions.get(sessionId) != e) {
                sessions.put(sessionId, e); // raced with an expiry: the CCR revives the session
            }
            CcScheduler.Timer[] t = new CcScheduler.Timer[1];
            t[0] = scheduler.schedule(tcc, () -> expire(e, t[0]));
            e.tcc = t[0];
            return e.state;
        }
    }

    private void expire(Entry<S> e, CcScheduler.Timer t) {
        S state;
        synchronized (e) {
            if (e.tcc != t || !sessions.remove(e.sessionId, e)) {
                return;
            }
            e.tcc = null;
            state = e.state;
        }
        LOG.log(
                Level.INFO,
                "session " + e.sessionId + ": no CCR within Tcc; releasing it (RFC 4006 §13)");
        if (onExpiry != null) {
            onExpiry.accept(e.sessionId, state);
        }
    }

    public S get(String sessionId) {
        Entry<S> e = sessions.get(sessionId);
        return e == null ? null : e.state;
    }

    /** Ends the session (CCR-TERMINATE answered): Tcc stops. */
    public S remove(String sessionId) {
        Entry<S> e = sessions.remove(sessionId);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            if (e.tcc != null) {
                e.tcc.cancel();
                e.tcc = null;
            }
            return e.state;
        }
    }

    public int size() {
        return sessions.size();
    }

    /** The peer the session's requests come from, or null. */
    public String peerOf(String sessionId) {
        Entry<S> e = sessions.get(sessionId);
        return e == null ? null : e.peer;
    }

    /**
     * Sends a Re-Auth-Request (RFC 4006 §5.5, AUTHORIZE_ONLY) to the session's client; the future
     * is the RAA.
     */
    public CompletableFuture<DiameterMessage> reAuth(String sessionId, Duration timeout) {
        Entry<S> e = sessions.get(sessionId);
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
        Entry<S> e = sessions.get(sessionId);
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
