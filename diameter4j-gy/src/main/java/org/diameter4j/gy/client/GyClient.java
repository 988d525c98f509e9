package org.diameter4j.gy.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.GyConstants;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.RequestContext;
import org.diameter4j.peer.Timers;

/**
 * The credit-control client of a node: creates {@link GyClientSession}s and serves the server's RAR
 * (re-authorisation, RFC 4006 §5.5) and ASR (abort, RFC 6733 §8.5) for them.
 *
 * <pre>{@code
 * GyClient gy = new GyClient(node, GyClientConfig.defaults().withServers("ocs.example.net", null));
 * GyClientSession s = gy.newSession("41780000001", List.of(MsccRequest.of(10L, 1L, ServiceUnits.octets(1_000_000), null)));
 * CcOutcome o = s.start().get();
 * }</pre>
 */
public final class GyClient {
    private final DiameterNode node;
    private final GyClientConfig config;
    private final Timers timers;
    private final CcTransport transport;
    private final Dictionary d;
    private final Map<String, GyClientSession> sessions = new ConcurrentHashMap<>();
    private final GyClientListener listener;

    /** A client whose Tx and Validity-Time timers run on {@link Timers#system()}. */
    public GyClient(DiameterNode node, GyClientConfig config) {
        this(node, config, Timers.system(), GyClientListener.NONE);
    }

    /**
     * @param timers where Tx and Validity-Time run (RFC 4006 §13) and Event-Timestamp is read:
     *     {@link Timers#system()} in production, a {@link org.diameter4j.peer.ManualTimers} in
     *     tests
     * @param listener told of grants, terminations and state changes; null for none
     */
    public GyClient(
            DiameterNode node, GyClientConfig config, Timers timers, GyClientListener listener) {
        this.node = node;
        this.config = config;
        this.timers = timers;
        this.transport = CcTransport.of(node);
        this.d = node.dictionary();
        GyClientListener user = listener == null ? GyClientListener.NONE : listener;
        this.listener =
                new GyClientListener() {
                    @Override
                    public void serviceGranted(GyClientSession s, CcOutcome o) {
                        user.serviceGranted(s, o);
                    }

                    @Override
                    public void serviceTerminated(GyClientSession s, CcOutcome o) {
                        user.serviceTerminated(s, o);
                    }

                    @Override
                    public void stateChanged(
                            GyClientSession s,
                            CcClientState from,
                            CcClientState to,
                            CcClientEvent e) {
                        if (to == CcClientState.IDLE) {
                            sessions.remove(s.sessionId(), s);
                        }
                        user.stateChanged(s, from, to, e);
                    }
                };
        node.handle(GyConstants.APPLICATION_ID, GyConstants.RAR, this::onRar);
        node.handle(GyConstants.APPLICATION_ID, GyConstants.ASR, this::onAsr);
    }

    /** A new session (a fresh Session-Id) for this subscriber (E.164) and these MSCCs. */
    public GyClientSession newSession(String msisdn, List<MsccRequest> msccs) {
        GyClientSession s =
                new GyClientSession(
                        node.newSessionId(), msisdn, msccs, config, transport, timers, d, listener);
        sessions.put(s.sessionId(), s);
        return s;
    }

    public GyClientSession session(String sessionId) {
        return sessions.get(sessionId);
    }

    public int sessionCount() {
        return sessions.size();
    }

    private String sessionId(DiameterMessage m) {
        Avp a = d.get(m, "Session-Id");
        return a == null ? null : a.asUtf8();
    }

    private CompletableFuture<DiameterMessage> onRar(DiameterMessage rar, RequestContext ctx) {
        GyClientSession s = sessions.get(String.valueOf(sessionId(rar)));
        if (s == null) {
            return CompletableFuture.completedFuture(
                    answer(rar, ctx, ResultCodes.DIAMETER_UNKNOWN_SESSION_ID));
        }
        return CompletableFuture.completedFuture(
                s.onReAuthRequest(rar, rc -> answer(rar, ctx, rc)));
    }

    private CompletableFuture<DiameterMessage> onAsr(DiameterMessage asr, RequestContext ctx) {
        GyClientSession s = sessions.get(String.valueOf(sessionId(asr)));
        if (s == null) {
            return CompletableFuture.completedFuture(
                    answer(asr, ctx, ResultCodes.DIAMETER_UNKNOWN_SESSION_ID));
        }
        // RFC 4006 §7: "User service terminated" can be triggered by ASR.
        DiameterMessage asa = answer(asr, ctx, ResultCodes.DIAMETER_SUCCESS);
        CompletableFuture.runAsync(
                s::stop,
                CompletableFuture.delayedExecutor(0, java.util.concurrent.TimeUnit.MILLISECONDS));
        return CompletableFuture.completedFuture(asa);
    }

    private static DiameterMessage answer(DiameterMessage req, RequestContext ctx, long rc) {
        DiameterMessage a = ctx.answer(req, rc);
        return a;
    }
}
