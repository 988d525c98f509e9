package org.diameter4j.peer;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.transport.TlsConfig;

/**
 * One peer of a node (RFC 6733 §2.6 peer table; seed 003's "peer index N"; M-16).
 *
 * @param destinationHost the peer's Origin-Host: a CEA from another host is refused (M-17). Null
 *     only for a peer whose identity is learned from its CEA (a quick client with no --dest-host)
 * @param uri where to connect; null for a peer that only connects to us
 * @param index seed 003's peer index (routing tie-break)
 * @param preference lower is preferred (default 50)
 * @param defaultPeer the node's default route
 * @param enabled admin state
 * @param tc the Tc reconnect timer (RFC 6733 §2.1; default 30 s)
 * @param tw the Tw watchdog timer (RFC 3539; default 30 s, at least 6 s)
 * @param ceaTimeout how long to wait for the CEA once connected (M-05: from the connect)
 * @param dpaTimeout how long to wait for the DPA
 * @param tls TLS settings: used at connect for aaas:// URIs and for in-band TLS; null for none
 * @param inbandTls offer/accept Inband-Security-Id TLS (RFC 3588 style)
 * @param bindAddress the local address to connect from, or null to let the OS choose (M-02)
 */
public record PeerConfig(
        String destinationHost,
        DiameterUri uri,
        int index,
        int preference,
        boolean defaultPeer,
        boolean enabled,
        Duration tc,
        Duration tw,
        Duration ceaTimeout,
        Duration dpaTimeout,
        TlsConfig tls,
        boolean inbandTls,
        InetSocketAddress bindAddress) {

    public static final Duration DEFAULT_TC = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TW = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CEA_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DPA_TIMEOUT = Duration.ofSeconds(5);

    /** RFC 3539 §3.4.1: Tw MUST NOT be set lower than 6 seconds. */
    public static final long MIN_TW_MILLIS = 6_000;

    public static final int DEFAULT_PREFERENCE = 50;

    public PeerConfig {
        if (destinationHost == null && uri == null) {
            throw new IllegalArgumentException("a peer needs a destination host, a URI, or both");
        }
        if (tw.toMillis() < MIN_TW_MILLIS) {
            throw new IllegalArgumentException(
                    "Tw " + tw.toSeconds() + " s is below the minimum of 6 s (RFC 3539 §3.4.1)");
        }
        if (tc.isNegative() || tc.isZero()) {
            throw new IllegalArgumentException("Tc must be positive");
        }
        if (uri != null && uri.secure() && tls == null) {
            throw new IllegalArgumentException(
                    uri + " uses aaas:// (TLS at connect) but no TLS settings are given");
        }
        if (inbandTls && tls == null) {
            throw new IllegalArgumentException(
                    "in-band TLS needs TLS settings (certificate, key, trust)");
        }
    }

    /** The name the peer is known by: its destination host, else the URI host. */
    public String name() {
        return destinationHost != null ? destinationHost : uri.host();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A peer to connect to: {@code aaa://host[:port][;transport=tcp]}, {@code aaas://…}, or {@code
     * host[:port]}.
     */
    public static Builder connectTo(String peer) {
        String p = peer.contains("://") ? peer : "aaa://" + peer;
        return new Builder().uri(DiameterUri.parse(p));
    }

    public static final class Builder {
        Builder() {} // PeerConfig.builder() or connectTo(...)

        private String destinationHost;
        private DiameterUri uri;
        private int index = 1;
        private int preference = DEFAULT_PREFERENCE;
        private boolean defaultPeer;
        private boolean enabled = true;
        private Duration tc = DEFAULT_TC;
        private Duration tw = DEFAULT_TW;
        private Duration ceaTimeout = DEFAULT_CEA_TIMEOUT;
        private Duration dpaTimeout = DEFAULT_DPA_TIMEOUT;
        private TlsConfig tls;
        private boolean inbandTls;
        private InetSocketAddress bindAddress;

        public Builder destinationHost(String h) {
            this.destinationHost = h;
            return this;
        }

        public Builder uri(DiameterUri u) {
            this.uri = u;
            return this;
        }

        public Builder index(int i) {
            this.index = i;
            return this;
        }

        public Builder preference(int p) {
            this.preference = p;
            return this;
        }

        public Builder defaultPeer(boolean d) {
            this.defaultPeer = d;
            return this;
        }

        public Builder enabled(boolean e) {
            this.enabled = e;
            return this;
        }

        public Builder tc(Duration d) {
            this.tc = d;
            return this;
        }

        public Builder tw(Duration d) {
            this.tw = d;
            return this;
        }

        public Builder ceaTimeout(Duration d) {
            this.ceaTimeout = d;
            return this;
        }

        public Builder dpaTimeout(Duration d) {
            this.dpaTimeout = d;
            return this;
        }

        public Builder tls(TlsConfig t) {
            this.tls = t;
            return this;
        }

        public Builder inbandTls(boolean b) {
            this.inbandTls = b;
            return this;
        }

        public Builder bindAddress(InetSocketAddress a) {
            this.bindAddress = a;
            return this;
        }

        public PeerConfig build() {
            return new PeerConfig(
                    destinationHost,
                    uri,
                    index,
                    preference,
                    defaultPeer,
                    enabled,
                    tc,
                    tw,
                    ceaTimeout,
                    dpaTimeout,
                    tls,
                    inbandTls,
                    bindAddress);
        }
    }
}
