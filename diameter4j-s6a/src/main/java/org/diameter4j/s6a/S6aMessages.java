package org.diameter4j.s6a;

import static org.diameter4j.avps.Avps.AIR_FLAGS;
import static org.diameter4j.avps.Avps.AUTHENTICATION_INFO;
import static org.diameter4j.avps.Avps.AUTH_APPLICATION_ID;
import static org.diameter4j.avps.Avps.AUTH_SESSION_STATE;
import static org.diameter4j.avps.Avps.AUTN;
import static org.diameter4j.avps.Avps.CANCELLATION_TYPE;
import static org.diameter4j.avps.Avps.CLR_FLAGS;
import static org.diameter4j.avps.Avps.DESTINATION_HOST;
import static org.diameter4j.avps.Avps.DESTINATION_REALM;
import static org.diameter4j.avps.Avps.E_UTRAN_VECTOR;
import static org.diameter4j.avps.Avps.IDA_FLAGS;
import static org.diameter4j.avps.Avps.IDR_FLAGS;
import static org.diameter4j.avps.Avps.IMMEDIATE_RESPONSE_PREFERRED;
import static org.diameter4j.avps.Avps.ITEM_NUMBER;
import static org.diameter4j.avps.Avps.KASME;
import static org.diameter4j.avps.Avps.NUMBER_OF_REQUESTED_VECTORS;
import static org.diameter4j.avps.Avps.ORIGIN_HOST;
import static org.diameter4j.avps.Avps.ORIGIN_REALM;
import static org.diameter4j.avps.Avps.PUA_FLAGS;
import static org.diameter4j.avps.Avps.PUR_FLAGS;
import static org.diameter4j.avps.Avps.RAND;
import static org.diameter4j.avps.Avps.RAT_TYPE;
import static org.diameter4j.avps.Avps.REQUESTED_EUTRAN_AUTHENTICATION_INFO;
import static org.diameter4j.avps.Avps.RE_SYNCHRONIZATION_INFO;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.ULA_FLAGS;
import static org.diameter4j.avps.Avps.ULR_FLAGS;
import static org.diameter4j.avps.Avps.USER_NAME;
import static org.diameter4j.avps.Avps.VENDOR_ID;
import static org.diameter4j.avps.Avps.VENDOR_SPECIFIC_APPLICATION_ID;
import static org.diameter4j.avps.Avps.VISITED_PLMN_ID;
import static org.diameter4j.avps.Avps.XRES;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.diameter4j.avps.AuthSessionState;
import org.diameter4j.avps.CancellationType;
import org.diameter4j.avps.RatType;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpKey;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.s6a.milenage.EpsAka.EutranVector;

/**
 * Builds S6a requests and answers (TS 29.272 §7.2) with every AVP their grammars require:
 * Session-Id first, Vendor-Specific-Application-Id {Vendor-Id 10415, Auth-Application-Id 16777251},
 * Auth-Session-State NO_STATE_MAINTAINED, and the command's own AVPs.
 *
 * <pre>{@code
 * S6aMessages s6a = S6aMessages.standard();
 * DiameterMessage ulr = s6a.ulr(node.newSessionId(), "001010000000001", PlmnId.of("001", "01"))
 *         .ratType("EUTRAN")
 *         .ulrFlags(S6a.ULR_S6A_S6D_INDICATOR | S6a.ULR_INITIAL_ATTACH_INDICATOR)
 *         .build();
 * S6aAnswer ula = S6aAnswer.of(node.send(ulr).get(), s6a.dictionary());
 * }</pre>
 *
 * Origin-Host, Origin-Realm and Destination-Realm may be left out of requests sent with {@code
 * DiameterNode.send}: the node adds them (M-09).
 */
public final class S6aMessages {
    private final Dictionary d;

    public S6aMessages(Dictionary d) {
        this.d = Objects.requireNonNull(d, "dictionary");
    }

    /** With {@link Dictionary#standard()}, which has all TS 29.272 AVPs and commands. */
    public static S6aMessages standard() {
        return new S6aMessages(Dictionary.standard());
    }

    public Dictionary dictionary() {
        return d;
    }

    // ---- requests -----------------------------------------------------------------------------

    /** Update-Location-Request; RAT-Type defaults to EUTRAN and ULR-Flags to S6a/S6d-Indicator. */
    public RequestBuilder ulr(String sessionId, String imsi, PlmnId visitedPlmn) {
        return new RequestBuilder("ULR", sessionId, imsi)
                .visitedPlmn(visitedPlmn)
                .ratType("EUTRAN")
                .ulrFlags(S6a.ULR_S6A_S6D_INDICATOR);
    }

    /** Authentication-Information-Request for {@code vectors} E-UTRAN vectors. */
    public RequestBuilder air(String sessionId, String imsi, PlmnId visitedPlmn, int vectors) {
        return new RequestBuilder("AIR", sessionId, imsi)
                .visitedPlmn(visitedPlmn)
                .requestedEutranVectors(vectors);
    }

    /** Purge-UE-Request. */
    public RequestBuilder pur(String sessionId, String imsi) {
        return new RequestBuilder("PUR", sessionId, imsi);
    }

    /** Cancel-Location-Request to the MME {@code mmeHost} of {@code mmeRealm}. */
    public RequestBuilder clr(
            String sessionId,
            String imsi,
            String mmeHost,
            String mmeRealm,
            String cancellationType) {
        return new RequestBuilder("CLR", sessionId, imsi)
                .destinationHost(mmeHost)
                .destinationRealm(mmeRealm)
                .cancellationType(cancellationType);
    }

    /** Insert-Subscriber-Data-Request to the MME {@code mmeHost} of {@code mmeRealm}. */
    public RequestBuilder idr(
            String sessionId, String imsi, String mmeHost, String mmeRealm, SubscriptionData data) {
        return new RequestBuilder("IDR", sessionId, imsi)
                .destinationHost(mmeHost)
                .destinationRealm(mmeRealm)
                .subscriptionData(data);
    }

    /** Collects a request's AVPs and writes them in the order of the command's grammar. */
    public final class RequestBuilder {
        private final String command;
        private final String sessionId;
        private final String imsi;
        private String originHost;
        private String originRealm;
        private String destinationHost;
        private String destinationRealm;
        private String ratType;
        private Long ulrFlags;
        private PlmnId visitedPlmn;
        private Integer vectors;
        private Boolean immediateResponsePreferred;
        private byte[] resynchronizationInfo;
        private Long airFlags;
        private String cancellationType;
        private Long clrFlags;
        private Long purFlags;
        private SubscriptionData subscriptionData;
        private Long idrFlags;
        private final List<Avp> extra = new ArrayList<>();

        RequestBuilder(String command, String sessionId, String imsi) {
            this.command = command;
            this.sessionId = Objects.requireNonNull(sessionId, "Session-Id");
            if (imsi == null || !imsi.matches("\\d{6,15}")) {
                throw new IllegalArgumentException(
                        "User-Name must be an IMSI (6 to 15 digits), got '" + imsi + "'");
            }
            this.imsi = imsi;
        }

        public RequestBuilder originHost(String h) {
            this.originHost = h;
            return this;
        }

        public RequestBuilder originRealm(String r) {
            this.originRealm = r;
            return this;
        }

        public RequestBuilder destinationHost(String h) {
            this.destinationHost = h;
            return this;
        }

        public RequestBuilder destinationRealm(String r) {
            this.destinationRealm = r;
            return this;
        }

        /** RAT-Type by name (EUTRAN, UTRAN, GERAN, EUTRAN-NB-IoT …) or number (ULR). */
        public RequestBuilder ratType(String t) {
            this.ratType = t;
            return this;
        }

        /** ULR-Flags: an OR of the {@code S6a.ULR_*} bits. */
        public RequestBuilder ulrFlags(long f) {
            this.ulrFlags = f;
            return this;
        }

        public RequestBuilder visitedPlmn(PlmnId p) {
            this.visitedPlmn = p;
            return this;
        }

        /** Requested-EUTRAN-Authentication-Info / Number-Of-Requested-Vectors (AIR). */
        public RequestBuilder requestedEutranVectors(int n) {
            if (n < 1) {
                throw new IllegalArgumentException(
                        "Number-Of-Requested-Vectors must be at least 1, got " + n);
            }
            this.vectors = n;
            return this;
        }

        /** Requested-EUTRAN-Authentication-Info / Immediate-Response-Preferred (AIR). */
        public RequestBuilder immediateResponsePreferred(boolean b) {
            this.immediateResponsePreferred = b;
            return this;
        }

        /**
         * Requested-EUTRAN-Authentication-Info / Re-Synchronization-Info = RAND ‖ AUTS, 30 octets
         * (AIR).
         */
        public RequestBuilder resynchronizationInfo(byte[] randAndAuts) {
            if (randAndAuts.length != 30) {
                throw new IllegalArgumentException(
                        "Re-Synchronization-Info is RAND (16) + AUTS (14) = 30 octets, got "
                                + randAndAuts.length);
            }
            this.resynchronizationInfo = randAndAuts.clone();
            return this;
        }

        public RequestBuilder airFlags(long f) {
            this.airFlags = f;
            return this;
        }

        /**
         * Cancellation-Type by name (MME_UPDATE_PROCEDURE, SUBSCRIPTION_WITHDRAWAL,
         * INITIAL_ATTACH_PROCEDURE …).
         */
        public RequestBuilder cancellationType(String t) {
            this.cancellationType = t;
            return this;
        }

        public RequestBuilder clrFlags(long f) {
            this.clrFlags = f;
            return this;
        }

        public RequestBuilder purFlags(long f) {
            this.purFlags = f;
            return this;
        }

        public RequestBuilder subscriptionData(SubscriptionData s) {
            this.subscriptionData = s;
            return this;
        }

        public RequestBuilder idrFlags(long f) {
            this.idrFlags = f;
            return this;
        }

        /** Any other AVP (appended before the end). */
        public RequestBuilder add(Avp a) {
            extra.add(a);
            return this;
        }

        /** Any other AVP by name. */
        public RequestBuilder add(String name, Object value) {
            extra.add(d.avp(name, value));
            return this;
        }

        public DiameterMessage build() {
            DiameterMessage m = d.request(command, S6a.APPLICATION_ID);
            m.add(SESSION_ID, sessionId);
            m.add(vendorSpecificApplicationId());
            m.add(AUTH_SESSION_STATE, AuthSessionState.NO_STATE_MAINTAINED);
            opt(m, ORIGIN_HOST, originHost);
            opt(m, ORIGIN_REALM, originRealm);
            opt(m, DESTINATION_HOST, destinationHost);
            opt(m, DESTINATION_REALM, destinationRealm);
            m.add(USER_NAME, imsi);
            switch (command) {
                case "ULR" -> {
                    m.add(
                            EnumeratedValues.avp(
                                    d, RAT_TYPE, RatType::of, require(ratType, "RAT-Type")));
                    m.add(ULR_FLAGS, require(ulrFlags, "ULR-Flags"));
                    m.add(VISITED_PLMN_ID, require(visitedPlmn, "Visited-PLMN-Id").encode());
                }
                case "AIR" -> {
                    if (vectors != null
                            || immediateResponsePreferred != null
                            || resynchronizationInfo != null) {
                        List<Avp> c = new ArrayList<>();
                        if (vectors != null) {
                            c.add(NUMBER_OF_REQUESTED_VECTORS.of((long) vectors));
                        }
                        if (immediateResponsePreferred != null) {
                            c.add(
                                    IMMEDIATE_RESPONSE_PREFERRED.of(
                                            immediateResponsePreferred ? 1L : 0L));
                        }
                        if (resynchronizationInfo != null) {
                            c.add(RE_SYNCHRONIZATION_INFO.of(resynchronizationInfo));
                        }
                        m.add(REQUESTED_EUTRAN_AUTHENTICATION_INFO.of(c));
                    }
                    m.add(VISITED_PLMN_ID, require(visitedPlmn, "Visited-PLMN-Id").encode());
                    opt(m, AIR_FLAGS, airFlags);
                }
                case "PUR" -> opt(m, PUR_FLAGS, purFlags);
                case "CLR" -> {
                    require(destinationHost, "Destination-Host");
                    require(destinationRealm, "Destination-Realm");
                    m.add(
                            EnumeratedValues.avp(
                                    d,
                                    CANCELLATION_TYPE,
                                    CancellationType::of,
                                    require(cancellationType, "Cancellation-Type")));
                    opt(m, CLR_FLAGS, clrFlags);
                }
                case "IDR" -> {
                    require(destinationHost, "Destination-Host");
                    require(destinationRealm, "Destination-Realm");
                    m.add(require(subscriptionData, "Subscription-Data").toAvp(d));
                    opt(m, IDR_FLAGS, idrFlags);
                }
                default -> throw new IllegalStateException(command);
            }
            for (Avp a : extra) {
                m.add(a);
            }
            return m;
        }

        private <T> T require(T v, String avp) {
            if (v == null) {
                throw new IllegalArgumentException(command + " needs " + avp + " (TS 29.272 §7.2)");
            }
            return v;
        }
    }

    private static <T> void opt(DiameterMessage m, AvpKey<T> key, T v) {
        if (v != null) {
            m.add(key, v);
        }
    }

    // ---- answers ------------------------------------------------------------------------------

    /**
     * The answer skeleton of any S6a request: Session-Id, Vendor-Specific-Application-Id, the
     * result (Result-Code or Experimental-Result), Auth-Session-State, Origin-Host, Origin-Realm.
     */
    public DiameterMessage answer(
            DiameterMessage request, String originHost, String originRealm, S6aResult result) {
        DiameterMessage a = request.answer();
        a.add(vendorSpecificApplicationId());
        a.add(result.toAvp(d));
        a.add(AUTH_SESSION_STATE, AuthSessionState.NO_STATE_MAINTAINED);
        a.add(ORIGIN_HOST, originHost);
        a.add(ORIGIN_REALM, originRealm);
        if (!result.experimental() && result.code() >= 3000 && result.code() < 4000) {
            a.setFlag(DiameterMessage.FLAG_ERROR, true);
        }
        return a;
    }

    public DiameterMessage answer(DiameterMessage request, LocalIdentity id, S6aResult result) {
        return answer(request, id.originHost(), id.originRealm(), result);
    }

    /** Update-Location-Answer; {@code data} null for none (an error, or Skip-Subscriber-Data). */
    public DiameterMessage ula(
            DiameterMessage ulr,
            LocalIdentity id,
            S6aResult result,
            Long ulaFlags,
            SubscriptionData data) {
        DiameterMessage a = answer(ulr, id, result);
        opt(a, ULA_FLAGS, ulaFlags);
        if (data != null) {
            a.add(data.toAvp(d));
        }
        return a;
    }

    /** Authentication-Information-Answer with these E-UTRAN vectors (Item-Number 1, 2 …). */
    public DiameterMessage aia(
            DiameterMessage air, LocalIdentity id, S6aResult result, List<EutranVector> vectors) {
        DiameterMessage a = answer(air, id, result);
        if (vectors != null && !vectors.isEmpty()) {
            List<Avp> vs = new ArrayList<>();
            int item = 1;
            for (EutranVector v : vectors) {
                vs.add(
                        E_UTRAN_VECTOR.of(
                                ITEM_NUMBER.of((long) item++),
                                RAND.of(v.rand()),
                                XRES.of(v.xres()),
                                AUTN.of(v.autn()),
                                KASME.of(v.kasme())));
            }
            a.add(AUTHENTICATION_INFO.of(vs));
        }
        return a;
    }

    /** Purge-UE-Answer. */
    public DiameterMessage pua(
            DiameterMessage pur, LocalIdentity id, S6aResult result, Long puaFlags) {
        DiameterMessage a = answer(pur, id, result);
        opt(a, PUA_FLAGS, puaFlags);
        return a;
    }

    /** Cancel-Location-Answer. */
    public DiameterMessage cla(DiameterMessage clr, LocalIdentity id, S6aResult result) {
        return answer(clr, id, result);
    }

    /** Insert-Subscriber-Data-Answer. */
    public DiameterMessage ida(
            DiameterMessage idr, LocalIdentity id, S6aResult result, Long idaFlags) {
        DiameterMessage a = answer(idr, id, result);
        opt(a, IDA_FLAGS, idaFlags);
        return a;
    }

    /** Vendor-Specific-Application-Id {Vendor-Id 10415, Auth-Application-Id 16777251}. */
    static Avp vendorSpecificApplicationId() {
        return VENDOR_SPECIFIC_APPLICATION_ID.of(
                VENDOR_ID.of((long) S6a.VENDOR_3GPP), AUTH_APPLICATION_ID.of(S6a.APPLICATION_ID));
    }
}
