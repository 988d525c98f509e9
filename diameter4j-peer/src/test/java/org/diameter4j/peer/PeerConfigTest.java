package org.diameter4j.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.internal.Watchdog;
import org.diameter4j.transport.TlsConfig;
import org.junit.jupiter.api.Test;

/**
 * Peer configuration: the peer table entry of RFC 6733 §2.6 with the Tc timer (§2.1), the Tw
 * watchdog timer (RFC 3539 §3.4.1: at least 6 s) and DiameterURIs (RFC 6733 §4.3.1).
 */
class PeerConfigTest {
    /** TLS settings with no files: the JDK's default trust, no own certificate. */
    private static final TlsConfig TLS = TlsConfig.trustOnly(null);

    @Test
    void defaultsAreTc30sTw30sAndPreference50() {
        PeerConfig c = PeerConfig.connectTo("dra-1.realm-2.com").build();

        assertThat(c.tc()).isEqualTo(Duration.ofSeconds(30)).isEqualTo(PeerConfig.DEFAULT_TC);
        assertThat(c.tw()).isEqualTo(Duration.ofSeconds(30)).isEqualTo(PeerConfig.DEFAULT_TW);
        assertThat(c.tw().toMillis()).isEqualTo(Watchdog.DEFAULT_TW_MILLIS);
        assertThat(c.preference()).isEqualTo(50).isEqualTo(PeerConfig.DEFAULT_PREFERENCE);
        assertThat(c.index()).isEqualTo(1);
        assertThat(c.enabled()).isTrue();
        assertThat(c.defaultPeer()).isFalse();
        assertThat(c.ceaTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.dpaTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.tls()).isNull();
        assertThat(c.inbandTls()).isFalse();
        assertThat(c.bindAddress()).isNull();
        assertThat(c.destinationHost()).isNull();
    }

    @Test
    void connectToHostAndPort() {
        DiameterUri uri = PeerConfig.connectTo("dra-1.realm-2.com:3869").build().uri();

        assertThat(uri.host()).isEqualTo("dra-1.realm-2.com");
        assertThat(uri.port()).isEqualTo(3869);
        assertThat(uri.secure()).isFalse();
        assertThat(uri.transport()).isEqualTo("tcp");
    }

    @Test
    void connectToWithoutPortUsesTheDiameterPort3868() {
        DiameterUri uri = PeerConfig.connectTo("dra-1.realm-2.com").build().uri();

        assertThat(uri.port()).isEqualTo(3868).isEqualTo(DiameterUri.DEFAULT_PORT);
    }

    @Test
    void connectToAcceptsAFullDiameterUri() {
        DiameterUri uri =
                PeerConfig.connectTo("aaa://dra-1.realm-2.com:1234;transport=tcp").build().uri();

        assertThat(uri.host()).isEqualTo("dra-1.realm-2.com");
        assertThat(uri.port()).isEqualTo(1234);
    }

    @Test
    void connectToAnIpv6LiteralInBrackets() {
        DiameterUri uri = PeerConfig.connectTo("[2001:db8::1]:3870").build().uri();

        assertThat(uri.host()).isEqualTo("2001:db8::1");
        assertThat(uri.port()).isEqualTo(3870);
    }

    @Test
    void twBelowSixSecondsIsRejected() {
        assertThatThrownBy(() -> PeerConfig.connectTo("h").tw(Duration.ofMillis(5_999)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 3539");
        assertThatThrownBy(() -> PeerConfig.connectTo("h").tw(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twOfExactlySixSecondsIsAccepted() {
        assertThat(PeerConfig.connectTo("h").tw(Duration.ofSeconds(6)).build().tw())
                .isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void aaasUriWithoutTlsSettingsIsRejected() {
        assertThatThrownBy(() -> PeerConfig.connectTo("aaas://dra-1.realm-2.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aaas://");
    }

    @Test
    void aaasUriWithTlsSettingsUsesPort5658() {
        PeerConfig c = PeerConfig.connectTo("aaas://dra-1.realm-2.com").tls(TLS).build();

        assertThat(c.uri().secure()).isTrue();
        assertThat(c.uri().port()).isEqualTo(5658);
    }

    @Test
    void inbandTlsWithoutTlsSettingsIsRejected() {
        assertThatThrownBy(() -> PeerConfig.connectTo("h").inbandTls(true).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PeerConfig.connectTo("h").inbandTls(true).tls(TLS).build().inbandTls()).isTrue();
    }

    @Test
    void nonPositiveTcIsRejected() {
        assertThatThrownBy(() -> PeerConfig.connectTo("h").tc(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerConfig.connectTo("h").tc(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void peerNeedsADestinationHostOrAUri() {
        assertThatThrownBy(() -> PeerConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PeerConfig.builder().destinationHost("dra-1.realm-2.com").build().uri())
                .isNull();
    }

    @Test
    void nameIsTheDestinationHostElseTheUriHost() {
        assertThat(PeerConfig.connectTo("10.0.0.1:3868").build().name()).isEqualTo("10.0.0.1");
        assertThat(
                        PeerConfig.connectTo("10.0.0.1:3868")
                                .destinationHost("dra-1.realm-2.com")
                                .build()
                                .name())
                .isEqualTo("dra-1.realm-2.com");
    }

    @Test
    void builderSetsEveryField() {
        PeerConfig c =
                PeerConfig.connectTo("h:1")
                        .destinationHost("d")
                        .index(3)
                        .preference(10)
                        .defaultPeer(true)
                        .enabled(false)
                        .tc(Duration.ofSeconds(5))
                        .tw(Duration.ofSeconds(7))
                        .ceaTimeout(Duration.ofSeconds(2))
                        .dpaTimeout(Duration.ofSeconds(1))
                        .build();

        assertThat(c.index()).isEqualTo(3);
        assertThat(c.preference()).isEqualTo(10);
        assertThat(c.defaultPeer()).isTrue();
        assertThat(c.enabled()).isFalse();
        assertThat(c.tc()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.tw()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.ceaTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.dpaTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void malformedPeerIsRejected() {
        assertThatThrownBy(() -> PeerConfig.connectTo("h:notaport"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
