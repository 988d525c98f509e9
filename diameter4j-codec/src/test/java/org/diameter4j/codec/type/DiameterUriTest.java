package org.diameter4j.codec.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DiameterURI (RFC 6733 §4.3.1): scheme, FQDN, port, transport and protocol parameters. */
class DiameterUriTest {

    @Test
    void aaaDefaultsToPort3868TcpDiameter() {
        // RFC 6733 §4.3.1: default port 3868 without transport security, TCP, diameter
        DiameterUri u = DiameterUri.parse("aaa://host.example.com");
        assertThat(u.secure()).isFalse();
        assertThat(u.host()).isEqualTo("host.example.com");
        assertThat(u.port()).isEqualTo(3868);
        assertThat(u.portGiven()).isFalse();
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.protocol()).isEqualTo("diameter");
        assertThat(u.toString()).isEqualTo("aaa://host.example.com:3868;transport=tcp");
    }

    @Test
    void aaasDefaultsToPort5658() {
        // RFC 6733 §4.3.1: port 5658 when transport security is used
        DiameterUri u = DiameterUri.parse("aaas://host.example.com");
        assertThat(u.secure()).isTrue();
        assertThat(u.port()).isEqualTo(5658);
        assertThat(u.toString()).isEqualTo("aaas://host.example.com:5658;transport=tcp");
    }

    @Test
    void parsesPortTransportAndProtocol() {
        // RFC 6733 §4.3.1 examples
        DiameterUri u =
                DiameterUri.parse("aaa://host.example.com:6666;transport=tcp;protocol=diameter");
        assertThat(u.port()).isEqualTo(6666);
        assertThat(u.portGiven()).isTrue();
        assertThat(u.transport()).isEqualTo("tcp");
        DiameterUri r =
                DiameterUri.parse("aaa://host.example.com:1813;transport=udp;protocol=radius");
        assertThat(r.transport()).isEqualTo("udp");
        assertThat(r.protocol()).isEqualTo("radius");
        assertThat(r.toString())
                .isEqualTo("aaa://host.example.com:1813;transport=udp;protocol=radius");
        DiameterUri s = DiameterUri.parse("aaas://h.example;protocol=tacacs+;transport=sctp");
        assertThat(s.transport()).isEqualTo("sctp");
        assertThat(s.protocol()).isEqualTo("tacacs+");
    }

    @Test
    void schemeAndParametersAreCaseInsensitive() {
        // RFC 6733 §4.3.1 (ABNF strings are case-insensitive, RFC 5234 §2.3)
        DiameterUri u = DiameterUri.parse("AAA://Host.Example;Transport=SCTP");
        assertThat(u.transport()).isEqualTo("sctp");
        assertThat(u.host()).isEqualTo("Host.Example");
    }

    @Test
    void ipv6LiteralInBrackets() {
        // RFC 6733 §4.3.1 FQDN position; IPv6 literal in brackets as in RFC 3986 §3.2.2
        DiameterUri u = DiameterUri.parse("aaa://[2001:db8::1]:3869;transport=sctp");
        assertThat(u.host()).isEqualTo("2001:db8::1");
        assertThat(u.port()).isEqualTo(3869);
        assertThat(u.toString()).isEqualTo("aaa://[2001:db8::1]:3869;transport=sctp");
        assertThat(DiameterUri.parse("aaas://[::1]").port()).isEqualTo(5658);
    }

    @Test
    void canonicalTextParsesBackToTheSameUri() {
        // RFC 6733 §4.3.1
        for (String s :
                new String[] {
                    "aaa://a.example", "aaas://[2001:db8::1]:1;transport=udp;protocol=radius"
                }) {
            DiameterUri u = DiameterUri.parse(s);
            assertThat(DiameterUri.parse(u.toString())).isEqualTo(u.portGiven() ? u : withPort(u));
        }
    }

    private static DiameterUri withPort(DiameterUri u) {
        return new DiameterUri(u.secure(), u.host(), u.port(), u.transport(), u.protocol(), true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "host.example.com", // no scheme
                "http://host.example.com",
                "aaa:/host.example.com",
                "aaa://", // no host
                "aaa://:3868",
                "aaa://host.example.com:0", // port outside 1..65535
                "aaa://host.example.com:70000",
                "aaa://host.example.com:123456",
                "aaa://host.example.com:",
                "aaa://host.example.com:-1",
                "aaa://host.example.com:38x8",
                "aaa://host.example.com;transport=quic", // bad transport
                "aaa://host.example.com;transport=",
                "aaa://host.example.com;protocol=http", // bad protocol
                "aaa://host.example.com;foo=bar", // unknown parameter
                "aaa://host.example.com;transport",
                "aaa://host.example.com;",
                "aaa://2001:db8::1", // IPv6 without brackets
                "aaa://[2001:db8::1", // unclosed bracket
                "aaa://[2001:db8::1]x",
                "aaa://host example.com",
                "aaa://user@host.example.com"
            })
    void rejectsInvalidUris(String text) {
        // RFC 6733 §4.3.1 DiameterURI grammar
        assertThatThrownBy(() -> DiameterUri.parse(text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorRejectsBadPortAndHost() {
        // RFC 6733 §4.3.1: port is a TCP/SCTP port
        assertThatThrownBy(() -> DiameterUri.of("h", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiameterUri.of("h", 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiameterUri.of("", 3868))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DiameterUri.of("h", 65535).port()).isEqualTo(65535);
    }

    @Test
    void portZeroIsOnlyForListeners() {
        // A peer's URI names a real port; a listener may ask the system to choose one (port 0).
        assertThatThrownBy(() -> DiameterUri.parse("aaa://h:0"))
                .hasMessageContaining("port 0 is outside 1..65535");
        assertThat(DiameterUri.parse("aaa://0.0.0.0:0", true).port()).isZero();
    }
}
