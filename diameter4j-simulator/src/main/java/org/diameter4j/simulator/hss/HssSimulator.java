package org.diameter4j.simulator.hss;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.PeerView;
import org.diameter4j.node.RequestContext;
import org.diameter4j.node.yaml.YamlReader;
import org.diameter4j.peer.DisconnectCause;
import org.diameter4j.s6a.S6a;
import org.diameter4j.s6a.S6aAnswer;
import org.diameter4j.s6a.S6aMessages;
import org.diameter4j.s6a.S6aRequest;
import org.diameter4j.s6a.S6aResult;
import org.diameter4j.s6a.milenage.EpsAka;
import org.diameter4j.s6a.milenage.EpsAka.EutranVector;
import org.diameter4j.session.InMemorySessionStore;
import org.diameter4j.session.SessionStoreFullException;
import org.diameter4j.simulator.Rules;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * An HSS for S6a (M-13): serves ULR, AIR and PUR from a {@link SubscriberStore}, and sends CLR/IDR
 * to the MME a subscriber is registered at.
 *
 * <ul>
 *   <li>ULR → ULA 2001 with ULA-Flags (Separation Indication by default) and Subscription-Data
 *       built from the profile (none when the ULR-Flags ask to skip it); the Origin-Host of the ULR
 *       becomes the subscriber's serving MME.
 *   <li>AIR → AIA 2001 with the requested number of E-UTRAN vectors (at most {@code maxVectors}),
 *       made with MILENAGE and the Visited-PLMN-Id as serving network id. SQNs are allocated and
 *       persisted (see {@link SubscriberStore}) before the answer leaves. Re-Synchronization-Info
 *       is verified (MAC-S) and resets the SQN to SQN<sub>MS</sub>; a bad AUTS gets 4181
 *       DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE.
 *   <li>PUR → PUA 2001; PUA-Flags "freeze M-TMSI" when it comes from the serving MME, which is then
 *       forgotten.
 *   <li>The registrations (IMSI → serving MME) are held in a bounded {@link InMemorySessionStore}:
 *       a ULR that would register one more IMSI than {@code max-registrations} (default {@value
 *       #DEFAULT_MAX_REGISTRATIONS}) gets Result-Code 5006 DIAMETER_RESOURCES_EXCEEDED (RFC 6733
 *       §7.1.5) with an Error-Message naming the bound; registered IMSIs are still served. A
 *       registration has no lifetime in S6a: it lasts until a PUR from its MME (TS 29.272 §5.2.1.3)
 *       or a successful CLR (§5.2.1.2) ends it.
 *   <li>An unknown IMSI gets Experimental-Result 5001 DIAMETER_ERROR_USER_UNKNOWN (vendor 10415).
 *   <li>Negative tests: {@link Rules} are applied per command ("ULR", "AIR", "PUR") and subscriber
 *       (the IMSI). A rule's result that is a TS 29.272 Experimental-Result-Code (4181, 4182, 5001,
 *       5004, 5420–5423) is sent as Experimental-Result of vendor 10415, others as Result-Code;
 *       both with the S6a mandatory AVPs.
 * </ul>
 *
 * <pre>{@code
 * DiameterNode node = DiameterNode.start(HssSimulator.nodeConfig("hss.epc.example").listen("0.0.0.0:3868").build());
 * HssSimulator hss = HssSimulator.builder(SubscriberStore.load(Path.of("subscribers.yaml"))).build().attach(node);
 * }</pre>
 *
 * AIR work (MILENAGE, the state file's fsync) runs on the simulator's own thread, never on the
 * node's event loop. {@link #close()} stops that thread (the node is the caller's to close).
 */
public final class HssSimulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.simulator.hss");

    private final SubscriberStore store;
    private final Rules rules;
    private final long ulaFlags;
    private final int maxVectors;
    private final Duration requestTimeout;
    private final ExecutorService auc;
    private final int maxRegistrations;
    private final InMemorySessionStore<Registration> registrations;
    private volatile DiameterNode node;
    private volatile S6aMessages s6a;

    /** Where a subscriber is registered: the MME's identity (from its ULR). */
    public record Registration(String mmeHost, String mmeRealm) {}

    /**
     * Registrations held at once unless {@code max-registrations} says otherwise; one more is
     * answered 5006. About 260 bytes each (measured, see docs/configuration.md), so about 26 MB
     * when full.
     */
    public static final int DEFAULT_MAX_REGISTRATIONS = 100_000;

    /**
     * The lifetime given to a registration in the store: S6a has none (a registration ends with PUR
     * or CLR, TS 29.272 §5.2.1), so a century — kept, but counted against the bound.
     */
    private static final Duration KEPT = Duration.ofDays(36_500);

    private HssSimulator(Builder b) {
        this.store = b.store;
        this.rules = b.rules;
        this.ulaFlags = b.ulaFlags;
        this.maxVectors = b.maxVectors;
        this.requestTimeout = b.requestTimeout;
        this.maxRegistrations = b.maxRegistrations;
        this.registrations = new InMemorySessionStore<>(b.maxRegistrations);
        this.auc =
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "hss-auc");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public static Builder builder(SubscriberStore store) {
        return new Builder(store);
    }

    /**
     * An HSS from one YAML/JSON file holding {@code subscribers} and, optionally, {@code rules}
     * (the format of {@link Rules#read}) and {@code max-registrations}; every fault names file,
     * line and column.
     */
    public static HssSimulator fromFile(Path file) {
        YamlReader yaml = YamlReader.read(file);
        Builder b = builder(SubscriberStore.load(yaml, file, SubscriberStore.DEFAULT_STEP));
        b.read(yaml, yaml.root(), "");
        yaml.check();
        return b.build();
    }

    /**
     * A node configuration for an HSS: S6a advertised, Supported-Vendor-Id 10415, any MME accepted.
     */
    public static NodeConfig.Builder nodeConfig(String originHost) {
        return NodeConfig.builder(originHost)
                .application(S6a.application())
                .supportedVendorId(S6a.VENDOR_3GPP)
                .acceptAnyPeer(true)
                .productName("diameter4j HSS simulator");
    }

    public SubscriberStore store() {
        return store;
    }

    /** The MME the subscriber is registered at, if any. */
    public Optional<Registration> registration(String imsi) {
        return imsi == null ? Optional.empty() : registrations.get(imsi);
    }

    /** How many subscribers are registered at an MME now (at most {@code max-registrations}). */
    public int registrationCount() {
        return registrations.size();
    }

    /** The bound on registrations; one more is answered 5006. */
    public int maxRegistrations() {
        return maxRegistrations;
    }

    /** Registers the ULR, AIR and PUR handlers on {@code n}. */
    public HssSimulator attach(DiameterNode n) {
        this.node = Objects.requireNonNull(n);
        this.s6a = new S6aMessages(n.dictionary());
        // In memory, and Milenage on the HSS's own executor: on the event loop (issue 10).
        n.handleOnEventLoop(
                S6a.APPLICATION_ID,
                S6a.UPDATE_LOCATION,
                (req, ctx) -> serve("ULR", req, ctx, this::updateLocation));
        n.handleOnEventLoop(
                S6a.APPLICATION_ID,
                S6a.AUTHENTICATION_INFORMATION,
                (req, ctx) ->
                        serve(
                                "AIR",
                                req,
                                ctx,
                                (r, c) ->
                                        CompletableFuture.supplyAsync(
                                                        () -> authenticationInformation(r, c), auc)
                                                .exceptionally(
                                                        e ->
                                                                c.errorAnswer(
                                                                        r,
                                                                        ResultCodes
                                                                                .DIAMETER_UNABLE_TO_COMPLY,
                                                                        "HSS failure: "
                                                                                + e.getCause(),
                                                                        null))));
        n.handleOnEventLoop(
                S6a.APPLICATION_ID,
                S6a.PURGE_UE,
                (req, ctx) -> serve("PUR", req, ctx, this::purgeUe));
        return this;
    }

    private interface Serving {
        CompletableFuture<DiameterMessage> serve(DiameterMessage request, RequestContext ctx);
    }

    private CompletableFuture<DiameterMessage> serve(
            String command, DiameterMessage req, RequestContext ctx, Serving normal) {
        RequestContext s6aCtx = new S6aContext(ctx);
        String imsi = S6aRequest.of(req, ctx.dictionary()).imsi();
        return rules.apply(req, s6aCtx, command, imsi, null, () -> normal.serve(req, s6aCtx));
    }

    // ---- ULR ----------------------------------------------------------------------------------

    private CompletableFuture<DiameterMessage> updateLocation(
            DiameterMessage ulr, RequestContext ctx) {
        S6aRequest r = S6aRequest.of(ulr, ctx.dictionary());
        Subscriber sub = store.find(r.imsi());
        if (sub == null) {
            return done(
                    s6a.ula(
                            ulr,
                            node.identity(),
                            S6aResult.experimental(S6a.DIAMETER_ERROR_USER_UNKNOWN),
                            null,
                            null));
        }
        try {
            register(sub.imsi(), new Registration(r.originHost(), r.originRealm()));
        } catch (SessionStoreFullException full) {
            // RFC 6733 §7.1.5: a resource limit of this HSS, not the request's fault; no Failed-AVP
            // (§7.5: that names an erroneous AVP, and none is).
            LOG.log(Level.WARNING, () -> "ULR " + sub.imsi() + ": 5006, " + full.getMessage());
            return done(
                    ctx.errorAnswer(
                            ulr,
                            ResultCodes.DIAMETER_RESOURCES_EXCEEDED,
                            "the HSS holds "
                                    + maxRegistrations
                                    + " registrations (max-registrations) and cannot register "
                                    + sub.imsi()
                                    + " — raise max-registrations in the HSS settings, or purge"
                                    + " (PUR) UEs that left",
                            null));
        }
        long flags = r.ulrFlags() == null ? 0 : r.ulrFlags();
        boolean skip = (flags & S6a.ULR_SKIP_SUBSCRIBER_DATA) != 0;
        LOG.log(Level.DEBUG, () -> "ULR " + sub.imsi() + " from " + r.originHost() + ": 2001");
        return done(
                s6a.ula(
                        ulr,
                        node.identity(),
                        S6aResult.SUCCESS,
                        ulaFlags,
                        skip ? null : sub.subscriptionData()));
    }

    // ---- AIR ----------------------------------------------------------------------------------

    private DiameterMessage authenticationInformation(DiameterMessage air, RequestContext ctx) {
        S6aRequest r = S6aRequest.of(air, ctx.dictionary());
        Subscriber sub = store.find(r.imsi());
        if (sub == null) {
            return s6a.aia(
                    air,
                    node.identity(),
                    S6aResult.experimental(S6a.DIAMETER_ERROR_USER_UNKNOWN),
                    null);
        }
        byte[] snId = r.visitedPlmnBytes();
        if (snId == null || snId.length != 3) {
            return ctx.errorAnswer(
                    air,
                    ResultCodes.DIAMETER_INVALID_AVP_VALUE,
                    "Visited-PLMN-Id must be 3 octets (TS 29.272 §7.3.9)",
                    null);
        }
        byte[] resync = r.resynchronizationInfo();
        if (resync != null) {
            try {
                long sqnMs = EpsAka.resync(sub.milenage(), resync);
                store.resynchronize(sub.imsi(), sqnMs);
                LOG.log(Level.INFO, "AIR " + sub.imsi() + ": resynchronised, SQN_MS = " + sqnMs);
            } catch (EpsAka.MacFailureException | IllegalArgumentException e) {
                DiameterMessage a =
                        s6a.aia(
                                air,
                                node.identity(),
                                S6aResult.experimental(
                                        S6a.DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE),
                                null);
                a.add(
                        ctx.dictionary()
                                .avp(
                                        "Error-Message",
                                        "resynchronisation failed: " + e.getMessage()));
                return a;
            }
        }
        Long asked = r.requestedEutranVectors();
        int n = (int) Math.max(1, Math.min(asked == null ? 1 : asked, maxVectors));
        long[] sqns;
        try {
            sqns = store.allocate(sub.imsi(), n);
        } catch (UncheckedIOException | IllegalStateException e) {
            LOG.log(Level.WARNING, "AIR " + sub.imsi() + ": " + e.getMessage());
            return ctx.errorAnswer(
                    air, ResultCodes.DIAMETER_UNABLE_TO_COMPLY, e.getMessage(), null);
        }
        List<EutranVector> vectors = new ArrayList<>();
        for (long sqn : sqns) {
            vectors.add(EpsAka.vector(sub.milenage(), sqn, sub.amf(), snId));
        }
        return s6a.aia(air, node.identity(), S6aResult.SUCCESS, vectors);
    }

    // ---- PUR ----------------------------------------------------------------------------------

    private CompletableFuture<DiameterMessage> purgeUe(DiameterMessage pur, RequestContext ctx) {
        S6aRequest r = S6aRequest.of(pur, ctx.dictionary());
        Subscriber sub = store.find(r.imsi());
        if (sub == null) {
            return done(
                    s6a.pua(
                            pur,
                            node.identity(),
                            S6aResult.experimental(S6a.DIAMETER_ERROR_USER_UNKNOWN),
                            null));
        }
        Registration reg = registrations.get(sub.imsi()).orElse(null);
        long flags = 0;
        if (reg != null
                && reg.mmeHost() != null
                && reg.mmeHost().equalsIgnoreCase(r.originHost())) {
            unregister(sub.imsi(), reg);
            flags = S6a.PUA_FREEZE_M_TMSI;
        }
        return done(s6a.pua(pur, node.identity(), S6aResult.SUCCESS, flags));
    }

    /**
     * The subscriber is now served by {@code reg}'s MME (a ULR was accepted).
     *
     * @throws SessionStoreFullException when {@code max-registrations} IMSIs are registered and
     *     this one is not
     */
    void register(String imsi, Registration reg) {
        registrations.put(imsi, reg, KEPT);
    }

    /** Drops the registration if it is still {@code reg} (a ULR from another MME may have won). */
    private void unregister(String imsi, Registration reg) {
        try {
            registrations.compute(imsi, KEPT, (id, cur) -> cur == reg ? null : cur);
        } catch (SessionStoreFullException gone) {
            // the IMSI was no longer registered (and the store is full): nothing to drop
        }
    }

    // ---- HSS-initiated ------------------------------------------------------------------------

    /**
     * Sends CLR to the MME the subscriber is registered at ({@code cancellationType}:
     * SUBSCRIPTION_WITHDRAWAL, MME_UPDATE_PROCEDURE …); the registration is dropped when the CLA is
     * a success. Fails with IllegalStateException when the subscriber is not registered.
     */
    public CompletableFuture<S6aAnswer> cancelLocation(String imsi, String cancellationType) {
        Registration reg = registration(imsi).orElse(null);
        if (node == null || reg == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(
                            node == null
                                    ? "the HSS is not attached to a node"
                                    : imsi + " is not registered at any MME"));
        }
        DiameterMessage clr =
                s6a.clr(node.newSessionId(), imsi, reg.mmeHost(), reg.mmeRealm(), cancellationType)
                        .build();
        return node.send(reg.mmeHost(), clr, requestTimeout)
                .thenApply(
                        a -> {
                            S6aAnswer cla = S6aAnswer.of(a, node.dictionary());
                            if (cla.isSuccess()) {
                                unregister(imsi, reg);
                            }
                            return cla;
                        });
    }

    /** Sends IDR with the subscriber's current Subscription-Data to the MME it is registered at. */
    public CompletableFuture<S6aAnswer> insertSubscriberData(String imsi) {
        Registration reg = registration(imsi).orElse(null);
        Subscriber sub = store.find(imsi);
        if (node == null || reg == null || sub == null) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException(imsi + " is not registered at any MME"));
        }
        DiameterMessage idr =
                s6a.idr(
                                node.newSessionId(),
                                imsi,
                                reg.mmeHost(),
                                reg.mmeRealm(),
                                sub.subscriptionData())
                        .build();
        return node.send(reg.mmeHost(), idr, requestTimeout)
                .thenApply(a -> S6aAnswer.of(a, node.dictionary()));
    }

    @Override
    public void close() {
        auc.shutdownNow();
    }

    private static CompletableFuture<DiameterMessage> done(DiameterMessage m) {
        return CompletableFuture.completedFuture(m);
    }

    /**
     * The node's context with S6a answers: every answer carries Vendor-Specific-Application-Id and
     * Auth-Session-State (mandatory in S6a answers), and the TS 29.272 codes go in
     * Experimental-Result. Rules answer through it.
     */
    private final class S6aContext implements RequestContext {
        private final RequestContext ctx;

        S6aContext(RequestContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public String peerName() {
            return ctx.peerName();
        }

        @Override
        public PeerView peer() {
            return ctx.peer();
        }

        @Override
        public CompletableFuture<Void> disconnect(DisconnectCause cause) {
            return ctx.disconnect(cause);
        }

        @Override
        public void schedule(Runnable task, java.time.Duration delay) {
            ctx.schedule(task, delay);
        }

        @Override
        public Dictionary dictionary() {
            return ctx.dictionary();
        }

        @Override
        public org.diameter4j.peer.LocalIdentity identity() {
            return node.identity();
        }

        @Override
        public DiameterMessage experimentalAnswer(
                DiameterMessage request, int vendorId, long code) {
            return s6a.answer(request, node.identity(), new S6aResult(code, true, vendorId, null));
        }

        @Override
        public DiameterMessage answer(DiameterMessage request, long resultCode) {
            return errorAnswer(request, resultCode, null, null);
        }

        @Override
        public DiameterMessage errorAnswer(
                DiameterMessage request, long resultCode, String errorMessage, Avp failedAvp) {
            Dictionary d = ctx.dictionary();
            DiameterMessage a = s6a.answer(request, node.identity(), S6aResult.forCode(resultCode));
            if (errorMessage != null) {
                a.add(d.avp("Error-Message", errorMessage));
            }
            if (failedAvp != null) {
                a.add(d.grouped("Failed-AVP", failedAvp));
            }
            return a;
        }
    }

    /** Builds an {@link HssSimulator}. */
    public static final class Builder {
        private final SubscriberStore store;
        private Rules rules = Rules.none();
        private long ulaFlags = S6a.ULA_SEPARATION_INDICATION;
        private int maxVectors = 5;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxRegistrations = DEFAULT_MAX_REGISTRATIONS;

        Builder(SubscriberStore store) {
            this.store = Objects.requireNonNull(store, "subscriber store");
        }

        /**
         * The HSS settings beside the subscribers at {@code n} of a configuration file ({@code
         * rules}, {@code max-registrations}), {@code path} its place ({@code ""} for an HSS file,
         * {@code hss} inline); nothing when {@code n} is a bare list of subscribers. Faults are
         * recorded in {@code yaml} (the caller checks); unknown keys are the subscriber reader's.
         */
        public Builder read(YamlReader yaml, Node n, String path) {
            if (!(n instanceof MappingNode m)) {
                return this;
            }
            String p = path.isEmpty() ? "" : path + ".";
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    continue;
                }
                switch (k.getValue()) {
                    case "rules" -> rules(Rules.read(yaml, t.getValueNode(), p + "rules"));
                    case "max-registrations" -> {
                        Long v =
                                yaml.number(
                                        t.getValueNode(),
                                        p + "max-registrations",
                                        1,
                                        Integer.MAX_VALUE);
                        if (v != null) {
                            maxRegistrations(v.intValue());
                        }
                    }
                    default -> {}
                }
            }
            return this;
        }

        /**
         * Registrations held at once (default {@value HssSimulator#DEFAULT_MAX_REGISTRATIONS}); a
         * ULR registering one more IMSI is answered 5006 DIAMETER_RESOURCES_EXCEEDED.
         */
        public Builder maxRegistrations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException(
                        "max-registrations must be at least 1, not " + n);
            }
            this.maxRegistrations = n;
            return this;
        }

        public Builder rules(Rules r) {
            this.rules = Objects.requireNonNull(r);
            return this;
        }

        /** ULA-Flags of successful ULAs (default: Separation Indication). */
        public Builder ulaFlags(long f) {
            this.ulaFlags = f;
            return this;
        }

        /** The most E-UTRAN vectors one AIA carries (default 5); larger requests get this many. */
        public Builder maxVectors(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxVectors must be at least 1");
            }
            this.maxVectors = n;
            return this;
        }

        /** Timeout of the HSS's own CLR and IDR. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public HssSimulator build() {
            return new HssSimulator(this);
        }
    }
}
