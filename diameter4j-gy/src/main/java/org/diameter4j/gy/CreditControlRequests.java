package org.diameter4j.gy;

import static org.diameter4j.avps.Avps.AUTH_APPLICATION_ID;
import static org.diameter4j.avps.Avps.CC_REQUEST_NUMBER;
import static org.diameter4j.avps.Avps.CC_REQUEST_TYPE;
import static org.diameter4j.avps.Avps.DESTINATION_HOST;
import static org.diameter4j.avps.Avps.DESTINATION_REALM;
import static org.diameter4j.avps.Avps.EVENT_TIMESTAMP;
import static org.diameter4j.avps.Avps.MULTIPLE_SERVICES_INDICATOR;
import static org.diameter4j.avps.Avps.ORIGIN_HOST;
import static org.diameter4j.avps.Avps.ORIGIN_REALM;
import static org.diameter4j.avps.Avps.ORIGIN_STATE_ID;
import static org.diameter4j.avps.Avps.REQUESTED_SERVICE_UNIT;
import static org.diameter4j.avps.Avps.SERVICE_CONTEXT_ID;
import static org.diameter4j.avps.Avps.SERVICE_IDENTIFIER;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.USED_SERVICE_UNIT;
import static org.diameter4j.avps.Avps.USER_NAME;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.avps.CcRequestType;
import org.diameter4j.avps.MultipleServicesIndicator;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;

/**
 * Typed builders of Credit-Control-Requests (RFC 4006 §3.1, 3GPP TS 32.299 §6.4.2). The
 * CC-Request-Number is normally set by {@link org.diameter4j.gy.client.GyClientSession}, which
 * keeps it strictly increasing within a session.
 *
 * <pre>{@code
 * DiameterMessage ccr = CreditControlRequests.smsEvent(dict, sessionId, "41780000001", "41780000002")
 *         .build(); // seed 001's SMS event CCR
 * }</pre>
 */
public final class CreditControlRequests {
    private CreditControlRequests() {}

    public static Builder builder(Dictionary d) {
        return new Builder(d);
    }

    /**
     * Seed 001's SMS event CCR (TS 32.274): Service-Context-Id 32274@3gpp.org, EVENT_REQUEST number
     * 0, Requested-Action DIRECT_DEBITING, Event-Timestamp now, Subscription-Id END_USER_E164, one
     * MSCC asking for 1 CC-Service-Specific-Unit of Service-Identifier 1, and Service-Information /
     * SMS-Information (Data-Coding-Scheme 8, SM-Message-Type SUBMISSION, Recipient-Info /
     * Recipient-Address (MSISDN)).
     */
    public static Builder smsEvent(
            Dictionary d, String sessionId, String msisdn, String recipientMsisdn) {
        return builder(d)
                .sessionId(sessionId)
                .serviceContextId(GyConstants.SMS_SERVICE_CONTEXT)
                .requestType(CcRequestType.EVENT_REQUEST)
                .requestNumber(0)
                .eventTimestamp(Instant.now())
                .requestedAction(RequestedAction.DIRECT_DEBITING)
                .subscriptionE164(msisdn)
                .mscc(MsccRequest.of(null, 1L, ServiceUnits.units(1), null))
                .serviceInformation(
                        d.grouped(
                                "Service-Information",
                                smsInformation(d, 8, "SUBMISSION", recipientMsisdn)));
    }

    /** SMS-Information (TS 32.299 §7.2.209) with one MSISDN recipient. */
    public static Avp smsInformation(
            Dictionary d, int dataCodingScheme, String smMessageType, String recipientMsisdn) {
        return d.grouped(
                "SMS-Information",
                d.avp("Data-Coding-Scheme", dataCodingScheme),
                d.avp("SM-Message-Type", smMessageType),
                d.grouped(
                        "Recipient-Info",
                        d.grouped(
                                "Recipient-Address",
                                d.avp("Address-Type", "MSISDN"),
                                d.avp("Address-Data", recipientMsisdn))));
    }

    /** A data-session (TS 32.251) CCR of this type and number with these MSCCs. */
    public static Builder dataSession(
            Dictionary d,
            String sessionId,
            String msisdn,
            CcRequestType type,
            long number,
            List<MsccRequest> msccs) {
        Builder b =
                builder(d)
                        .sessionId(sessionId)
                        .serviceContextId(GyConstants.PS_SERVICE_CONTEXT)
                        .requestType(type)
                        .requestNumber(number)
                        .subscriptionE164(msisdn)
                        .multipleServicesIndicator(true)
                        .eventTimestamp(Instant.now());
        msccs.forEach(b::mscc);
        return b;
    }

    /** A CCR, AVPs in the order of the RFC 4006 §3.1 grammar. */
    public static final class Builder {
        private final Dictionary d;
        private String sessionId;
        private String originHost;
        private String originRealm;
        private String destinationRealm;
        private String destinationHost;
        private String serviceContextId = GyConstants.PS_SERVICE_CONTEXT;
        private CcRequestType type = CcRequestType.INITIAL_REQUEST;
        private long number;
        private String userName;
        private Long originStateId;
        private Instant eventTimestamp;
        private final List<Avp> subscriptions = new ArrayList<>();
        private Long serviceIdentifier;
        private String terminationCause;
        private ServiceUnits requested;
        private RequestedAction requestedAction;
        private ServiceUnits used;
        private Boolean multipleServices;
        private final List<MsccRequest> msccs = new ArrayList<>();
        private final List<Avp> extra = new ArrayList<>();

        Builder(Dictionary d) {
            this.d = d;
        }

        public Builder sessionId(String s) {
            this.sessionId = s;
            return this;
        }

        /** Optional: the node adds its own Origin-Host/Realm when absent. */
        public Builder origin(String host, String realm) {
            this.originHost = host;
            this.originRealm = realm;
            return this;
        }

        /** Optional: the node adds the chosen peer's realm when absent (M-09). */
        public Builder destinationRealm(String r) {
            this.destinationRealm = r;
            return this;
        }

        public Builder destinationHost(String h) {
            this.destinationHost = h;
            return this;
        }

        public Builder serviceContextId(String s) {
            this.serviceContextId = s;
            return this;
        }

        public Builder requestType(CcRequestType t) {
            this.type = t;
            return this;
        }

        public Builder requestNumber(long n) {
            this.number = n;
            return this;
        }

        public CcRequestType requestType() {
            return type;
        }

        public Builder userName(String u) {
            this.userName = u;
            return this;
        }

        public Builder originStateId(Long o) {
            this.originStateId = o;
            return this;
        }

        public Builder eventTimestamp(Instant t) {
            this.eventTimestamp = t;
            return this;
        }

        /** Subscription-Id of any type (END_USER_E164, END_USER_IMSI, …). */
        public Builder subscription(String type, String data) {
            subscriptions.add(
                    d.grouped(
                            "Subscription-Id",
                            d.avp("Subscription-Id-Type", type),
                            d.avp("Subscription-Id-Data", data)));
            return this;
        }

        public Builder subscriptionE164(String msisdn) {
            return subscription("END_USER_E164", msisdn);
        }

        public Builder subscriptionImsi(String imsi) {
            return subscription("END_USER_IMSI", imsi);
        }

        public Builder serviceIdentifier(Long s) {
            this.serviceIdentifier = s;
            return this;
        }

        /** Termination-Cause by name (DIAMETER_LOGOUT …), for TERMINATION_REQUEST. */
        public Builder terminationCause(String c) {
            this.terminationCause = c;
            return this;
        }

        /** Command-level Requested-Service-Unit (single-service credit control). */
        public Builder requested(ServiceUnits u) {
            this.requested = u;
            return this;
        }

        /** Command-level Used-Service-Unit. */
        public Builder used(ServiceUnits u) {
            this.used = u;
            return this;
        }

        public Builder requestedAction(RequestedAction a) {
            this.requestedAction = a;
            return this;
        }

        public Builder multipleServicesIndicator(boolean supported) {
            this.multipleServices = supported;
            return this;
        }

        public Builder mscc(MsccRequest m) {
            msccs.add(m);
            return this;
        }

        public Builder clearMscc() {
            msccs.clear();
            return this;
        }

        /** Service-Information (3GPP, TS 32.299 §7.2.192), e.g. from {@link #smsInformation}. */
        public Builder serviceInformation(Avp serviceInformation) {
            extra.add(serviceInformation);
            return this;
        }

        /** Any other AVP, added at the end. */
        public Builder avp(Avp a) {
            extra.add(a);
            return this;
        }

        public DiameterMessage build() {
            if (sessionId == null) {
                throw new IllegalStateException(
                        "a CCR needs a Session-Id (DiameterNode.newSessionId())");
            }
            DiameterMessage m = d.request("CCR", GyConstants.APPLICATION_ID);
            m.add(SESSION_ID, sessionId);
            if (originHost != null) {
                m.add(ORIGIN_HOST, originHost);
                m.add(ORIGIN_REALM, originRealm);
            }
            if (destinationRealm != null) {
                m.add(DESTINATION_REALM, destinationRealm);
            }
            m.add(AUTH_APPLICATION_ID, GyConstants.APPLICATION_ID);
            m.add(SERVICE_CONTEXT_ID, serviceContextId);
            m.add(CC_REQUEST_TYPE, type);
            m.add(CC_REQUEST_NUMBER, number);
            if (destinationHost != null) {
                m.add(DESTINATION_HOST, destinationHost);
            }
            if (userName != null) {
                m.add(USER_NAME, userName);
            }
            if (originStateId != null) {
                m.add(ORIGIN_STATE_ID, originStateId);
            }
            if (eventTimestamp != null) {
                m.add(EVENT_TIMESTAMP, eventTimestamp);
            }
            subscriptions.forEach(m::add);
            if (serviceIdentifier != null) {
                m.add(SERVICE_IDENTIFIER, serviceIdentifier);
            }
            if (terminationCause != null) {
                m.add(d.avp("Termination-Cause", terminationCause));
            }
            if (requested != null) {
                m.add(requested.toAvp(REQUESTED_SERVICE_UNIT));
            }
            if (requestedAction != null) {
                m.add(d.avp("Requested-Action", requestedAction.name()));
            }
            if (used != null) {
                m.add(used.toAvp(USED_SERVICE_UNIT));
            }
            if (multipleServices != null) {
                m.add(
                        MULTIPLE_SERVICES_INDICATOR,
                        multipleServices
                                ? MultipleServicesIndicator.MULTIPLE_SERVICES_SUPPORTED
                                : MultipleServicesIndicator.MULTIPLE_SERVICES_NOT_SUPPORTED);
            }
            for (MsccRequest x : msccs) {
                m.add(x.toAvp(d));
            }
            extra.forEach(m::add);
            return m;
        }
    }
}
