package org.diameter4j.s6a;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.diameter4j.codec.Avp;
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
            m.add(d.avp("Session-Id", sessionId));
            m.add(vendorSpecificApplicationId(d));
            m.add(d.avp("Auth-Session-State", "NO_STATE_MAINTAINED"));
            opt(m, "Origin-Host", originHost);
            opt(m, "Origin-Realm", originRealm);
            opt(m, "Destination-Host", destinationHost);
            opt(m, "Destination-Realm", destinationRealm);
            m.add(d.avp("User-Name", imsi));
            switch (command) {
                case "ULR" -> {
                    m.add(d.avp("RAT-Type", require(ratType, "RAT-Type")));
                    m.add(d.avp("ULR-Flags", require(ulrFlags, "ULR-Flags")));
                    m.add(
                            d.avp(
                                    "Visited-PLMN-Id",
                                    require(visitedPlmn, "Visited-PLMN-Id").encode()));
                }
                case "AIR" -> {
                    if (vectors != null
                            || immediateResponsePreferred != null
                            || resynchronizationInfo != null) {
                        List<Avp> c = new ArrayList<>();
                        if (vectors != null) {
                            c.add(d.avp("Number-Of-Requested-Vectors", vectors));
                        }
                        if (immediateResponsePreferred != null) {
                            c.add(
                                    d.avp(
                                            "Immediate-Response-Preferred",
                                            immediateResponsePreferred ? 1 : 0));
                        }
                        if (resynchronizationInfo != null) {
                            c.add(d.avp("Re-Synchronization-Info", resynchronizationInfo));
                        }
                        m.add(
                                d.grouped(
                                        "Requested-EUTRAN-Authentication-Info",
                                        c.toArray(new Avp[0])));
                    }
                    m.add(
                            d.avp(
                                    "Visited-PLMN-Id",
                                    require(visitedPlmn, "Visited-PLMN-Id").encode()));
                    if (airFlags != null) {
                        m.add(d.avp("AIR-Flags", airFlags));
                    }
                }
                case "PUR" -> {
                    if (purFlags != null) {
                        m.add(d.avp("PUR-Flags", purFlags));
                    }
                }
                case "CLR" -> {
                    require(destinationHost, "Destination-Host");
                    require(destinationRealm, "Destination-Realm");
                    m.add(
                            d.avp(
                                    "Cancellation-Type",
                                    require(cancellationType, "Cancellation-Type")));
                    if (clrFlags != null) {
                        m.add(d.avp("CLR-Flags", clrFlags));
                    }
                }
                case "IDR" -> {
                    require(destinationHost, "Destination-Host");
                    require(destinationRealm, "Destination-Realm");
                    m.add(require(subscriptionData, "Subscription-Data").toAvp(d));
                    if (idrFlags != null) {
                        m.add(d.avp("IDR-Flags", idrFlags));
                    }
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

        private void opt(DiameterMessage m, String name, String v) {
            if (v != null) {
                m.add(d.avp(name, v));
            }
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
        a.add(vendorSpecificApplicationId(d));
        a.add(result.toAvp(d));
        a.add(d.avp("Auth-Session-State", "NO_STATE_MAINTAINED"));
        a.add(d.avp("Origin-Host", originHost));
        a.add(d.avp("Origin-Realm", originRealm));
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
        if (ulaFlags != null) {
            a.add(d.avp("ULA-Flags", ulaFlags));
        }
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
                        d.grouped(
                                "E-UTRAN-Vector",
                                d.avp("Item-Number", item++),
                                d.avp("RAND", v.rand()),
                                d.avp("XRES", v.xres()),
                                d.avp("AUTN", v.autn()),
                                d.avp("KASME", v.kasme())));
            }
            a.add(d.grouped("Authentication-Info", vs.toArray(new Avp[0])));
        }
        return a;
    }

    /** Purge-UE-Answer. */
    public DiameterMessage pua(
            DiameterMessage pur, LocalIdentity id, S6aResult result, Long puaFlags) {
        DiameterMessage a = answer(pur, id, result);
        if (puaFlags != null) {
            a.add(d.avp("PUA-Flags", puaFlags));
        }
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
        if (idaFlags != null) {
            a.add(d.avp("IDA-Flags", idaFlags));
        }
        return a;
    }

    static Avp vendorSpecificApplicationId(Dictionary d) {
        return d.grouped(
                "Vendor-Specific-Application-Id",
                d.avp("Vendor-Id", S6a.VENDOR_3GPP),
                d.avp("Auth-Application-Id", S6a.APPLICATION_ID));
    }
}
