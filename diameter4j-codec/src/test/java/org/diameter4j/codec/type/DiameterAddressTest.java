package org.diameter4j.codec.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address (RFC 6733 §4.3.1): 2-octet IANA address family, then the address. */
class DiameterAddressTest {

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void ipv4IsFamilyOneWithFourBytes() throws Exception {
        // RFC 6733 §4.3.1 Address, IANA address family 1
        DiameterAddress a = DiameterAddress.of(InetAddress.getByName("192.0.2.1"));
        assertThat(a.family()).isEqualTo(DiameterAddress.FAMILY_IPV4);
        assertThat(hex(a.toBytes())).isEqualTo("0001c0000201");
        assertThat(a.toString()).isEqualTo("ipv4 192.0.2.1");
        byte[] b = a.toBytes();
        assertThat(DiameterAddress.decode(b, 0, b.length)).isEqualTo(a);
    }

    @Test
    void ipv6IsFamilyTwoWithSixteenBytes() throws Exception {
        // RFC 6733 §4.3.1 Address, IANA address family 2
        DiameterAddress a = DiameterAddress.parse("2001:db8::2");
        assertThat(a.family()).isEqualTo(DiameterAddress.FAMILY_IPV6);
        assertThat(hex(a.toBytes())).isEqualTo("000220010db8000000000000000000000002");
        assertThat(a.toString()).isEqualTo("ipv6 2001:db8::2");
        assertThat(a.inetAddress()).isEqualTo(InetAddress.getByName("2001:db8::2"));
    }

    @Test
    void e164KeepsAsciiDigits() {
        // RFC 6733 §4.3.1 Address, IANA address family 8 (E.164)
        DiameterAddress a = DiameterAddress.parse("e164:3212345");
        assertThat(a.family()).isEqualTo(DiameterAddress.FAMILY_E164);
        assertThat(hex(a.toBytes())).isEqualTo("000833323132333435");
        assertThat(a.toString()).isEqualTo("e164 3212345");
        assertThatThrownBy(a::inetAddress).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownFamilyIsKeptRaw() {
        // RFC 6733 §4.3.1: any IANA family; unknown ones re-encode unchanged
        byte[] wire = HexFormat.of().parseHex("00050a0b");
        DiameterAddress a = DiameterAddress.decode(wire, 0, wire.length);
        assertThat(a.family()).isEqualTo(5);
        assertThat(a.addressBytes()).containsExactly(0x0a, 0x0b);
        assertThat(a.toBytes()).isEqualTo(wire);
        assertThat(a.toString()).isEqualTo("family 5 0a0b");
        assertThat(DiameterAddress.raw(0xffff, new byte[0]).toBytes()).containsExactly(0xff, 0xff);
    }

    @ParameterizedTest
    @CsvSource({
        "0001c0000201, true",
        "0001c00002, false",
        "0001c000020102, false",
        "000220010db8000000000000000000000002, true",
        "000220010db80000000000000000000000, false",
        "0008, true",
        "00, false",
        "'', false"
    })
    void checkLengthMatchesTheFamily(String hexValue, boolean ok) {
        // RFC 6733 §4.3.1: IPv4 carries 4 bytes, IPv6 16
        byte[] b = HexFormat.of().parseHex(hexValue);
        assertThat(DiameterAddress.checkLength(b, 0, b.length)).isEqualTo(ok);
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:0:2, 2001:db8::2",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "1:0:0:0:0:0:0:0, 1::",
        "fe80:0:0:0:0:0:0:1%eth0, fe80::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6"
    })
    void compressIpv6FollowsRfc5952(String full, String compressed) {
        // RFC 5952 §4.2.1 (longest run), §4.2.2 (not one 16-bit 0), §4.2.3 (first of equal runs)
        assertThat(DiameterAddress.compressIpv6(full)).isEqualTo(compressed);
    }

    @Test
    void parsesIpLiterals() {
        // RFC 6733 §4.3.1 Address values from configuration text
        assertThat(DiameterAddress.parse("10.0.0.1").toBytes()).containsExactly(0, 1, 10, 0, 0, 1);
        assertThat(DiameterAddress.parse("255.255.255.255").toString())
                .isEqualTo("ipv4 255.255.255.255");
        assertThat(DiameterAddress.parse("::1").toString()).isEqualTo("ipv6 ::1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "example.com",
                "1.2.3",
                "1.2.3.4.5",
                "999.1.1.1",
                "1.2.3.256",
                "1..2.3",
                "1.2.3.1000",
                "1:2",
                "gggg::1",
                ".:1",
                "1.2.3.4 "
            })
    void rejectsTextThatIsNotALiteralWithoutLookingItUp(String text) {
        // DiameterAddress.parse: IP literals only, never a DNS lookup
        List<String> lookups = new ArrayList<>();
        withLookupsRecorded(
                lookups,
                () ->
                        assertThatThrownBy(() -> DiameterAddress.parse(text))
                                .isInstanceOf(IllegalArgumentException.class));
        assertThat(lookups).as("name lookups").isEmpty();
    }

    @Test
    void parsingLiteralsLooksNothingUp() {
        // DiameterAddress.parse: IP literals only, never a DNS lookup
        List<String> lookups = new ArrayList<>();
        withLookupsRecorded(
                lookups,
                () -> {
                    DiameterAddress.parse("192.0.2.1");
                    DiameterAddress.parse("2001:db8::1");
                });
        assertThat(lookups).isEmpty();
    }

    /**
     * Runs {@code r} with a SecurityManager that records host-name resolutions: InetAddress calls
     * checkConnect(host, -1) before every lookup. The only way to observe a lookup on Java 17.
     */
    @SuppressWarnings("removal")
    private static void withLookupsRecorded(List<String> lookups, Runnable r) {
        SecurityManager previous = System.getSecurityManager();
        try {
            System.setSecurityManager(
                    new SecurityManager() {
                        @Override
                        public void checkPermission(java.security.Permission perm) {}

                        @Override
                        public void checkPermission(
                                java.security.Permission perm, Object context) {}

                        @Override
                        public void checkConnect(String host, int port) {
                            if (port == -1) {
                                lookups.add(host);
                                throw new SecurityException("name lookup of " + host);
                            }
                        }
                    });
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("no SecurityManager on this JVM: " + e.getMessage());
        }
        try {
            r.run();
        } finally {
            System.setSecurityManager(previous);
        }
    }
}
