package org.diameter4j.peer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hop-by-Hop and End-to-End identifiers, RFC 6733 §3: the End-to-End identifier's high 12 bits are
 * the low 12 bits of the start time and the low 20 bits random, then it is incremented; Hop-by-Hop
 * identifiers increase monotonically per connection.
 */
class IdsTest {

    @Test
    void endToEndHigh12BitsAreTheLow12BitsOfTheStartTime() {
        Ids ids = new Ids(0x1234_5678L, 0);

        assertThat(ids.nextEndToEnd() >>> 20).isEqualTo(0x678);
    }

    @Test
    void endToEndLow20BitsAreTheRandomValue() {
        Ids ids = new Ids(0xABCL, 0xFFF9_8765);

        int first = ids.nextEndToEnd();

        assertThat(first & 0xFFFFF).isEqualTo(0x98765);
        assertThat(first >>> 20).isEqualTo(0xABC); // random bits above 20 do not leak into time
    }

    @Test
    void endToEndIncrementsByOne() {
        Ids ids = new Ids(0x345L, 0x10);

        int a = ids.nextEndToEnd();
        int b = ids.nextEndToEnd();
        int c = ids.nextEndToEnd();

        assertThat(a).isEqualTo((0x345 << 20) | 0x10);
        assertThat(b).isEqualTo(a + 1);
        assertThat(c).isEqualTo(a + 2);
    }

    @Test
    void endToEndCarriesFromTheRandomPartIntoTheTimePart() {
        Ids ids = new Ids(0x001L, 0xFFFFF);

        assertThat(ids.nextEndToEnd()).isEqualTo(0x001F_FFFF);
        assertThat(ids.nextEndToEnd()).isEqualTo(0x0020_0000);
    }

    @Test
    void endToEndWrapsAroundThe32BitSpace() {
        Ids ids = new Ids(0xFFFL, 0xFFFFF);

        assertThat(ids.nextEndToEnd()).isEqualTo(0xFFFF_FFFF);
        assertThat(ids.nextEndToEnd()).isZero();
        assertThat(ids.nextEndToEnd()).isEqualTo(1);
    }

    @Test
    void defaultEndToEndStartsFromTheCurrentTimeInSeconds() {
        long before = System.currentTimeMillis() / 1000;
        Ids ids = new Ids();
        long after = System.currentTimeMillis() / 1000;

        int high = ids.nextEndToEnd() >>> 20;

        assertThat(high).isIn((int) (before & 0xFFF), (int) (after & 0xFFF));
    }

    @Test
    void endToEndValuesAreUniqueOverManyRequests() {
        Ids ids = new Ids(0x123L, 0x54321);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(ids.nextEndToEnd())).isTrue();
        }
    }

    @Test
    void hopByHopIncrementsFromItsStart() {
        Ids.HopByHop h = new Ids.HopByHop(41);

        assertThat(h.next()).isEqualTo(41);
        assertThat(h.next()).isEqualTo(42);
        assertThat(h.next()).isEqualTo(43);
    }

    @Test
    void hopByHopWrapsAroundThe32BitSpace() {
        Ids.HopByHop h = new Ids.HopByHop(Integer.MAX_VALUE);

        assertThat(h.next()).isEqualTo(0x7FFF_FFFF);
        assertThat(h.next()).isEqualTo(0x8000_0000);

        Ids.HopByHop u = new Ids.HopByHop(-1);
        assertThat(u.next()).isEqualTo(0xFFFF_FFFF);
        assertThat(u.next()).isZero();
    }

    @Test
    void eachConnectionGetsItsOwnHopByHopSequence() {
        Ids.HopByHop a = Ids.hopByHop();
        Ids.HopByHop b = Ids.hopByHop();

        int a1 = a.next();
        int b1 = b.next();

        assertThat(a.next()).isEqualTo(a1 + 1);
        assertThat(b.next()).isEqualTo(b1 + 1);
    }
}
