package org.diameter4j.node;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.overload.OverloadConfig;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.transport.TlsConfig;

/**
 * A node's configuration (M-14, M-16): identity, listeners, peers, applications and limits. Built
 * with {@link #builder(String)} or loaded by {@link NodeConfigLoader}; {@link Builder#build()}
 * checks it and says what is wrong.
 *
 * @param listen where to listen: {@code aaa://0.0.0.0:3868}, {@code aaas://[::]:5658} (TLS), …
 * @param listenTls TLS settings for aaas:// listeners and in-band TLS
 * @param localAddresses the node's local addresses to connect from (seed 003's connection ipv4/ipv6
 *     local-address), used by peers without their own bind address
 * @param acceptAnyPeer accept a CER from a host that is not a configured peer (simulators)
 * @param unsupportedCommandResult 3001 (RFC 6733 §7.1.3) or 5012 (seed 002's terminator)
 * @param originStateIdInRequests add Origin-State-Id to requests sent through the node
 * @param relay act as a relay agent (RFC 6733 §2.8, §6.1.9): advertise the Relay Application Id and
 *     forward requests that are not for this node
 * @param duplicateWindow how long a received request is remembered for duplicate detection (RFC
 *     6733 §5.5.4; default 60 s)
 * @param duplicateCapacity at most this many requests are remembered (least recently used first
 *     out; default 100,000)
 * @param busyBackoff a peer that answered 3004 DIAMETER_TOO_BUSY is avoided this long while another
 *     can take the request (default 5 s)
 * @param strictSend what happens to an outgoing message that breaks its command grammar (RFC 6733
 *     §3.2): sent anyway, logged once, or refused (default from the {@code diameter4j.strict-send}
 *     system property, else off)
 * @param callbackExecutor where request handlers and the continuations of {@link
 *     DiameterNode#send}'s futures run; null (the default) for the node's own pool, see {@link
 *     Builder#callbackExecutor}
 * @param overload overload control, DOIC (RFC 7683); {@link OverloadConfig#DISABLED} by default
 */
public record NodeConfig(
        LocalIdentity identity,
        List<DiameterUri> listen,
        TlsConfig listenTls,
        List<InetAddress> localAddresses,
        List<PeerConfig> peers,
        boolean acceptAnyPeer,
        Duration requestTimeout,
        Duration cerTimeout,
        int maxMessageLength,
        int unsupportedCommandResult,
        Dictionary dictionary,
        int ioThreads,
        boolean originStateIdInRequests,
        boolean relay,
        Duration duplicateWindow,
        int duplicateCapacity,
        Duration busyBackoff,
        StrictSend strictSend,
        java.util.concurrent.Executor callbackExecutor,
        OverloadConfig overload) {

    public NodeConfig {
        if (overload == null) {
            overload = OverloadConfig.DISABLED;
        }
    }

    public static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofSeconds(60);
    public static final int DEFAULT_DUPLICATE_CAPACITY = 100_000;
    public static final Duration DEFAULT_BUSY_BACKOFF = Duration.ofSeconds(5);

    /** The configuration as it was before relaying and duplicate detection were configurable. */
    public NodeConfig(
            LocalIdentity identity,
            List<DiameterUri> listen,
            TlsConfig listenTls,
            List<InetAddress> localAddresses,
            List<PeerConfig> peers,
            boolean acceptAnyPeer,
            Duration requestTimeout,
            Duration cerTimeout,
            int maxMessageLength,
            int unsupportedCommandResult,
            Dictionary dictionary,
            int ioThreads,
            boolean originStateIdInRequests) {
        this(
                identity,
                listen,
                listenTls,
                localAddresses,
                peers,
                acceptAnyPeer,
                requestTimeout,
                cerTimeout,
                maxMessageLength,
                unsupportedCommandResult,
                dictionary,
                ioThreads,
                originStateIdInRequests,
                identity.applications().stream().anyMatch(ApplicationId::isRelay),
                DEFAULT_DUPLICATE_WINDOW,
                DEFAULT_DUPLICATE_CAPACITY,
                DEFAULT_BUSY_BACKOFF,
                StrictSend.fromSystem(),
                null,
                OverloadConfig.DISABLED);
    }

    public static Builder builder(String originHost) {
        return new Builder(originHost);
    }

    /** The peer marked default, or null. */
    public PeerConfig defaultPeer() {
        for (PeerConfig p : peers) {
            if (p.defaultPeer()) {
                return p;
            }
        }
        return null;
    }

    public static final class Builder {
        private final String originHost;
        private String originRealm;
        private int vendorId;
        private String productName = "diameter4j";
        private Long firmwareRevision = 1L;
        private final List<Integer> supportedVendorIds = new ArrayList<>();
        private final List<ApplicationId> applications = new ArrayList<>();
        private Long originStateId = System.currentTimeMillis() / 1000;
        private boolean inbandTls;
        private final List<DiameterUri> listen = new ArrayList<>();
        private TlsConfig listenTls;
        private final List<InetAddress> localAddresses = new ArrayList<>();
        private final List<PeerConfig> peers = new ArrayList<>();
        private boolean acceptAnyPeer;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration cerTimeout = Duration.ofSeconds(10);
        private int maxMessageLength = DecodeOptions.DEFAULT_MAX_MESSAGE_LENGTH;
        private int unsupportedCommandResult = ResultCodes.DIAMETER_COMMAND_UNSUPPORTED;
        private Dictionary dictionary;
        private int ioThreads;
        private boolean originStateIdInRequests;
        private boolean relay;
        private Duration duplicateWindow = DEFAULT_DUPLICATE_WINDOW;
        private int duplicateCapacity = DEFAULT_DUPLICATE_CAPACITY;
        private Duration busyBackoff = DEFAULT_BUSY_BACKOFF;
        private StrictSend strictSend = StrictSend.fromSystem();
        private java.util.concurrent.Executor callbackExecutor;
        private OverloadConfig overload = OverloadConfig.DISABLED;

        Builder(String originHost) {
            this.originHost = originHost;
        }

        /** Defaults to the part of the Origin-Host after the first dot (seed 003). */
        public Builder originRealm(String r) {
            this.originRealm = r;
            return this;
        }

        public Builder vendorId(int v) {
            this.vendorId = v;
            return this;
        }

        public Builder productName(String p) {
            this.productName = p;
            return this;
        }

        public Builder firmwareRevision(Long f) {
            this.firmwareRevision = f;
            return this;
        }

        public Builder supportedVendorId(int v) {
            this.supportedVendorIds.add(v);
            return this;
        }

        public Builder application(ApplicationId a) {
            this.applications.add(a);
            return this;
        }

        /**
         * Origin-State-Id (RFC 6733 §8.16); defaults to the start time, so it changes at every
         * restart.
         */
        public Builder originStateId(Long osi) {
            this.originStateId = osi;
            return this;
        }

        public Builder inbandTls(boolean b) {
            this.inbandTls = b;
            return this;
        }

        /** Listen on {@code aaa://host:port}, {@code aaas://…} or {@code host:port}. */
        public Builder listen(String where) {
            this.listen.add(
                    DiameterUri.parse(
                            where.contains("://") ? where : "aaa://" + bracket(where), true));
            return this;
        }

        private static String bracket(String hostPort) {
            // "::1" or ":::3868" style IPv6 without brackets is ambiguous; accept "[::]:3868" and
            // "::" alone.
            if (hostPort.chars().filter(c -> c == ':').count() > 1 && !hostPort.startsWith("[")) {
                return "[" + hostPort + "]";
            }
            return hostPort;
        }

        public Builder listenTls(TlsConfig t) {
            this.listenTls = t;
            return this;
        }

        public Builder localAddress(InetAddress a) {
            this.localAddresses.add(a);
            return this;
        }

        public Builder peer(PeerConfig p) {
            this.peers.add(p);
            return this;
        }

        /**
         * A peer to connect to, with every default of {@link PeerConfig}: {@code
         * aaa://host[:port][;transport=tcp]}, {@code aaas://…} or {@code host[:port]} (RFC 6733
         * §4.3.1 DiameterURI). Its identity — the Destination-Host it must announce in its CEA and
         * the name {@link DiameterNode#awaitReady} takes — is the URI's host; a host name is
         * resolved again at every connection attempt. For a different identity, timers, TLS or
         * preference, build a {@link PeerConfig} ({@code PeerConfig.connectTo(uri)}).
         */
        public Builder peer(String uri) {
            return peer(PeerConfig.connectTo(uri).build());
        }

        public Builder acceptAnyPeer(boolean b) {
            this.acceptAnyPeer = b;
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        public Builder cerTimeout(Duration d) {
            this.cerTimeout = d;
            return this;
        }

        public Builder maxMessageLength(int n) {
            this.maxMessageLength = n;
            return this;
        }

        /**
         * 3001 DIAMETER_COMMAND_UNSUPPORTED (default, RFC 6733 §7.1.3) or 5012
         * DIAMETER_UNABLE_TO_COMPLY.
         */
        public Builder unsupportedCommandResult(int rc) {
            this.unsupportedCommandResult = rc;
            return this;
        }

        public Builder dictionary(Dictionary d) {
            this.dictionary = d;
            return this;
        }

        /** Add Origin-State-Id to requests sent through the node (M-09; seed 001 needed it). */
        public Builder originStateIdInRequests(boolean b) {
            this.originStateIdInRequests = b;
            return this;
        }

        /**
         * Relay agent (RFC 6733 §2.8): advertise the Relay Application Id and forward requests that
         * are not for this node (another Destination-Host or Destination-Realm, or no local
         * handler) by the routing rules, with a Route-Record.
         */
        public Builder relay(boolean b) {
            this.relay = b;
            return this;
        }

        /** Duplicate detection window (RFC 6733 §5.5.4); default 60 s. */
        public Builder duplicateWindow(Duration d) {
            this.duplicateWindow = d;
            return this;
        }

        /** Duplicate detection memory, in requests; default 100,000. */
        public Builder duplicateCapacity(int n) {
            this.duplicateCapacity = n;
            return this;
        }

        /** How long a peer that answered 3004 DIAMETER_TOO_BUSY is avoided; default 5 s. */
        public Builder busyBackoff(Duration d) {
            this.busyBackoff = d;
            return this;
        }

        /**
         * Whether outgoing messages are checked against their command grammar before they are sent:
         * {@link StrictSend#OFF} (default), {@link StrictSend#LOG} (sent, violation logged once),
         * {@link StrictSend#REJECT} (not sent; the caller gets {@link
         * org.diameter4j.peer.InvalidMessageException} naming the AVP and the rule).
         */
        public Builder strictSend(StrictSend s) {
            this.strictSend = java.util.Objects.requireNonNull(s, "strictSend");
            return this;
        }

        /**
         * Where request handlers run and where the futures of {@link DiameterNode#send} complete.
         * Default (null): the node's own pool — virtual threads on Java 21+, else {@code max(4, 2 ×
         * cores)} threads — so that a handler or a continuation that blocks never stalls a
         * connection's I/O or its watchdog. {@code Runnable::run} runs them on the I/O thread: the
         * fastest, and right only for code that never blocks (diameter4j's simulators).
         */
        public Builder callbackExecutor(java.util.concurrent.Executor e) {
            this.callbackExecutor = e;
            return this;
        }

        /**
         * Overload control, DOIC (RFC 7683, loss algorithm): {@link OverloadConfig#ENABLED} makes
         * the node advertise DOIC in its requests, obey the reports in their answers and report its
         * own overload when told to; default {@link OverloadConfig#DISABLED}.
         */
        public Builder overload(OverloadConfig o) {
            this.overload = java.util.Objects.requireNonNull(o, "overload");
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = n;
            return this;
        }

        /** Checks the configuration; every fault names what to change. */
        public NodeConfig build() {
            if (originHost == null || originHost.isBlank()) {
                throw new IllegalArgumentException(
                        "origin-host is required (this node's Diameter identity, e.g. client.example.com)");
            }
            if (unsupportedCommandResult != 3001 && unsupportedCommandResult != 5012) {
                throw new IllegalArgumentException(
                        "unsupported-command result must be 3001 or 5012, not "
                                + unsupportedCommandResult);
            }
            if (relay && applications.stream().noneMatch(ApplicationId::isRelay)) {
                applications.add(ApplicationId.relay());
            }
            if (duplicateCapacity < 0 || duplicateWindow.isNegative()) {
                throw new IllegalArgumentException(
                        "duplicate detection: window and capacity must not be negative");
            }
            if (applications.isEmpty()) {
                throw new IllegalArgumentException(
                        "no application configured: a node must advertise at least one "
                                + "(e.g. ApplicationId.auth(4) for Gy) or the relay application");
            }
            PeerConfig firstDefault = null;
            List<String> names = new ArrayList<>();
            for (PeerConfig p : peers) {
                if (p.defaultPeer()) {
                    if (firstDefault != null) {
                        // M-16, seed 003: "Multiple default peer is not allowed".
                        throw new IllegalArgumentException(
                                "peer index "
                                        + p.index()
                                        + " ("
                                        + p.name()
                                        + ") and peer index "
                                        + firstDefault.index()
                                        + " ("
                                        + firstDefault.name()
                                        + ") are both default-peer: "
                                        + "at most one default peer is allowed per node");
                    }
                    firstDefault = p;
                }
                String n = p.name().toLowerCase(java.util.Locale.ROOT);
                if (names.contains(n)) {
                    throw new IllegalArgumentException("peer " + p.name() + " is configured twice");
                }
                names.add(n);
                if (p.bindAddress() != null) {
                    checkLocal(p.bindAddress().getAddress(), "peer " + p.name() + " bind address");
                }
            }
            for (InetAddress a : localAddresses) {
                checkLocal(a, "local-address");
            }
            for (DiameterUri u : listen) {
                if (u.secure() && listenTls == null) {
                    throw new IllegalArgumentException(
                            "listener "
                                    + u
                                    + " uses TLS (aaas://) but no TLS certificate is configured");
                }
            }
            LocalIdentity id =
                    new LocalIdentity(
                            originHost,
                            originRealm,
                            vendorId,
                            productName,
                            firmwareRevision,
                            supportedVendorIds,
                            applications,
                            originStateId,
                            inbandTls);
            return new NodeConfig(
                    id,
                    List.copyOf(listen),
                    listenTls,
                    List.copyOf(localAddresses),
                    List.copyOf(peers),
                    acceptAnyPeer,
                    requestTimeout,
                    cerTimeout,
                    maxMessageLength,
                    unsupportedCommandResult,
                    dictionary != null ? dictionary : Dictionary.standard(),
                    ioThreads,
                    originStateIdInRequests,
                    applications.stream().anyMatch(ApplicationId::isRelay),
                    duplicateWindow,
                    duplicateCapacity,
                    busyBackoff,
                    strictSend,
                    callbackExecutor,
                    overload);
        }

        /**
         * M-02: a local address that does not exist on this machine is refused before connecting.
         */
        static void checkLocal(InetAddress a, String what) {
            if (a.isAnyLocalAddress()) {
                return;
            }
            try {
                if (NetworkInterface.getByInetAddress(a) == null) {
                    throw new IllegalArgumentException(
                            what
                                    + " "
                                    + a.getHostAddress()
                                    + " is not an address of this machine: "
                                    + "use one of its addresses, or leave it out to let the system choose (seed 000, issue 2)");
                }
            } catch (SocketException e) {
                throw new IllegalArgumentException(
                        "cannot check " + what + " " + a.getHostAddress() + ": " + e.getMessage());
            }
        }
    }
}
