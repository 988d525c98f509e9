package org.diameter4j.gy.client;

import static org.diameter4j.avps.Avps.DESTINATION_HOST;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.CreditControlRequests;
import org.diameter4j.gy.MsccRequest;
import org.diameter4j.gy.RequestedAction;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.gy.client.CcFailureHandling.Result;

/**
 * The requests of one client session: the CC-Request-Number (RFC 4006 §8.2: 0 for the first
 * request, one more for every new one; 0 for an event), the CCRs (§3.1) and what each request type
 * carries, their transmission and retransmission to the alternate server (§5.7, §6.5), and the log
 * of every request sent. Guarded by its {@link GyClientSession}'s lock.
 */
final class CcRequests {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.gy");

    private final Dictionary d;
    private final String sessionId;
    private final String subscriber;
    private final List<MsccRequest> templates;
    private final GyClientConfig config;
    private final CcTransport transport;
    private final CcInFlight.AnswerHandler handler;
    private final List<DiameterMessage> sent = new ArrayList<>();
    private long nextNumber;

    /** {@code handler} hears the answer to, or the failure of, every transmission. */
    CcRequests(
            Dictionary d,
            String sessionId,
            String subscriber,
            List<MsccRequest> templates,
            GyClientConfig config,
            CcTransport transport,
            CcInFlight.AnswerHandler handler) {
        this.d = d;
        this.sessionId = sessionId;
        this.subscriber = subscriber;
        this.templates = List.copyOf(templates);
        this.config = config;
        this.transport = transport;
        this.handler = handler;
    }

    /** The CC-Request-Number of the next session request. */
    long nextNumber() {
        return nextNumber;
    }

    /** Every request sent, retransmissions included, in order. */
    List<DiameterMessage> sent() {
        return List.copyOf(sent);
    }

    /** The next request of {@code type} (see {@link #build}) for {@code server}; not sent yet. */
    CcInFlight next(
            CcRequestType type,
            String server,
            Instant at,
            CcQuotas quotas,
            RequestedAction action,
            Consumer<CreditControlRequests.Builder> eventContent) {
        long number = type == CcRequestType.EVENT_REQUEST ? 0 : nextNumber++;
        return new CcInFlight(
                type, build(type, number, server, at, quotas, action, eventContent), server);
    }

    /** The stored event request (§6.5) again, for {@code server}; not sent yet. */
    CcInFlight again(DiameterMessage stored, String server) {
        return new CcInFlight(CcRequestType.EVENT_REQUEST, copy(stored, null), server);
    }

    void transmit(CcInFlight f) {
        f.transmit(transport, config.requestTimeout(), sent, handler);
    }

    /**
     * §5.7 / §6.5: moves the failed request to the alternate server with the T flag and sends it,
     * when {@link CcFailureHandling#mayFailover} allows; false when it does not.
     */
    boolean failover(CcInFlight f, Result r, CreditControlAnswer a, CcAnswerState answers) {
        String alt = config.alternateServer();
        if (!CcFailureHandling.mayFailover(f, alt, r, a, answers.failoverSupported())) {
            return false;
        }
        LOG.log(
                Level.INFO,
                sessionId
                        + ": "
                        + f.type
                        + " to "
                        + f.peer
                        + " failed ("
                        + answers.describe()
                        + "); retransmitting to alternate server "
                        + alt
                        + " with the T flag");
        f.moveTo(alt);
        transmit(f);
        return true;
    }

    /**
     * The CCR of {@code type} numbered {@code number}: INITIAL asks for the templates' units
     * (§5.1), UPDATE and TERMINATION report the units used since the last report ({@code quotas},
     * §5.2, §5.3), EVENT carries {@code action} and what {@code eventContent} adds (§6).
     */
    private DiameterMessage build(
            CcRequestType type,
            long number,
            String server,
            Instant at,
            CcQuotas quotas,
            RequestedAction action,
            Consumer<CreditControlRequests.Builder> eventContent) {
        CreditControlRequests.Builder b =
                CreditControlRequests.builder(d)
                        .sessionId(sessionId)
                        .serviceContextId(config.serviceContextId())
                        .requestType(type)
                        .requestNumber(number)
                        .destinationRealm(config.destinationRealm())
                        .eventTimestamp(at);
        if (server != null) {
            b.destinationHost(server);
        }
        if (subscriber != null) {
            b.subscriptionE164(subscriber);
        }
        switch (type) {
            case INITIAL_REQUEST -> {
                b.multipleServicesIndicator(true);
                templates.forEach(b::mscc);
            }
            case UPDATE_REQUEST -> {
                for (MsccRequest t : templates) {
                    b.mscc(
                            t.withUnits(
                                    t.requested() != null ? t.requested() : ServiceUnits.EMPTY,
                                    quotas.takeUsed(t.ratingGroup())));
                }
            }
            case TERMINATION_REQUEST -> {
                b.terminationCause("DIAMETER_LOGOUT");
                for (MsccRequest t : templates) {
                    b.mscc(t.withUnits(null, quotas.takeUsed(t.ratingGroup())));
                }
            }
            case EVENT_REQUEST -> {
                b.requestedAction(action);
                if (eventContent != null) {
                    eventContent.accept(b);
                }
            }
            default -> throw new IllegalStateException("no CCR for " + type);
        }
        return b.build();
    }

    /**
     * A copy for retransmission: same End-to-End identifier, new Hop-by-Hop (the peer assigns it),
     * Destination-Host replaced by {@code newHost} when given.
     */
    static DiameterMessage copy(DiameterMessage m, String newHost) {
        DiameterMessage c =
                new DiameterMessage(m.flags(), m.commandCode(), m.applicationId(), 0, m.endToEnd());
        for (Avp a : m.avps()) {
            c.add(
                    DESTINATION_HOST.matches(a) && newHost != null
                            ? DESTINATION_HOST.of(newHost)
                            : a);
        }
        return c;
    }

    static boolean hasDestinationHost(DiameterMessage m) {
        return m.find(DESTINATION_HOST) != null;
    }
}
