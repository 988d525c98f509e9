package org.diameter4j.codec.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Time (RFC 6733 §4.3.1): NTP seconds since 1900, extended past 2036-02-07T06:28:16Z as in RFC 4330
 * §3 (a value with the most significant bit clear counts from that instant).
 */
class DiameterTimeTest {

    @ParameterizedTest
    @CsvSource({
        "00000000, 2036-02-07T06:28:16Z",
        "ffffffff, 2036-02-07T06:28:15Z",
        "80000000, 1968-01-20T03:14:08Z",
        "83aa7e80, 1970-01-01T00:00:00Z",
        "bc17c200, 2000-01-01T00:00:00Z",
        "7fffffff, 2104-02-26T09:42:23Z",
        "00000001, 2036-02-07T06:28:17Z"
    })
    void wireValueDenotesInstantBothWays(String hex, String instant) {
        // RFC 6733 §4.3.1 Time; RFC 4330 §3 era rollover
        int wire = Integer.parseUnsignedInt(hex, 16);
        Instant t = Instant.parse(instant);
        assertThat(DiameterTime.toInstant(wire)).isEqualTo(t);
        assertThat(DiameterTime.fromInstant(t)).isEqualTo(wire);
    }

    @Test
    void rangeIsFrom1968To2104() {
        // RFC 4330 §3: MSB set = 1968..2036, MSB clear = 2036..2104
        assertThat(DiameterTime.MIN).isEqualTo(Instant.parse("1968-01-20T03:14:08Z"));
        assertThat(DiameterTime.MAX).isEqualTo(Instant.parse("2104-02-26T09:42:23Z"));
    }

    @Test
    void outOfRangeInstantsAreRejected() {
        // RFC 6733 §4.3.1: only 32 bits of seconds; RFC 4330 §3 range
        assertThatThrownBy(() -> DiameterTime.fromInstant(DiameterTime.MIN.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiameterTime.fromInstant(DiameterTime.MAX.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiameterTime.fromInstant(Instant.parse("1900-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DiameterTime.fromInstant(Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subSecondPrecisionIsDropped() {
        // RFC 6733 §4.3.1: whole seconds only
        Instant t = Instant.parse("2024-05-01T12:00:00.999Z");
        assertThat(DiameterTime.toInstant(DiameterTime.fromInstant(t)))
                .isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
    }
}
