package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/**
 * AvpCursor: the AVPs of a list and of Grouped AVPs read in place (RFC 6733 §4.1 header, §4.4
 * Grouped data), answering what the {@link Avp} objects would, and allocating nothing.
 */
class AvpCursorTest {
    static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    static final Avp SESSION = Avp.ofUtf8(263, 0, Avp.FLAG_MANDATORY, "sess;1");
    static final Avp VENDOR = Avp.ofBytes(1234, 10415, 0, new byte[] {1, 2, 3, 4, 5});
    static final Avp NUMBER = Avp.ofInt32(432, 0, Avp.FLAG_MANDATORY, -7);
    static final Avp INNER = Avp.grouped(437, 0, Avp.FLAG_MANDATORY, NUMBER, VENDOR);
    static final Avp OUTER = Avp.grouped(456, 10415, Avp.FLAG_MANDATORY, INNER, NUMBER);

    static DiameterMessage message() {
        return DiameterMessage.request(272, 4, true).add(SESSION).add(OUTER).add(NUMBER);
    }

    static DiameterMessage decoded() {
        byte[] wire = message().toBytes();
        return DECODER.decode(wire, 0, wire.length).message();
    }

    /** Reads a level and the levels below it as "code/vendor/flags/length" lines. */
    static void walk(AvpCursor c, String indent, List<String> out) {
        while (c.next()) {
            out.add(
                    indent
                            + c.index()
                            + ": "
                            + c.code()
                            + "/"
                            + c.vendorId()
                            + "/"
                            + c.flags()
                            + "/"
                            + c.valueLength()
                            + (c.valueLength() == 4 ? " = " + c.int32() : ""));
            if (c.code() == 456 || c.code() == 437) {
                walk(new AvpCursor().overChildren(c), indent + "  ", out);
            }
        }
    }

    static final List<String> EXPECTED =
            List.of(
                    "0: 263/0/64/6",
                    "1: 456/10415/192/" + OUTER.valueLength(),
                    "  0: 437/0/64/" + INNER.valueLength(),
                    "    0: 432/0/64/4 = -7",
                    "    1: 1234/10415/128/5",
                    "  1: 432/0/64/4 = -7",
                    "2: 432/0/64/4 = -7");

    @Test
    void readsADecodedMessageAndItsGroupedAvpsInPlace() {
        // RFC 6733 §4.4: the children of a Grouped AVP, read from the message's bytes
        List<String> out = new ArrayList<>();
        walk(new AvpCursor().over(decoded().avps()), "", out);
        assertThat(out).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void readsABuiltMessageTheSameWay() {
        // a message built from objects (Grouped AVPs holding child lists) reads alike
        List<String> out = new ArrayList<>();
        walk(new AvpCursor().over(message().avps()), "", out);
        assertThat(out).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void readsAChangedDecodedListTheSameWay() {
        // a decoded list that was changed reads its AVP objects, whose Grouped data is bytes
        DiameterMessage m = decoded();
        m.avps().add(Avp.ofInt32(1, 0, 0, 1));
        m.avps().remove(3);
        List<String> out = new ArrayList<>();
        walk(new AvpCursor().over(m.avps()), "", out);
        assertThat(out).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void theCurrentAvpAsAnObjectEqualsTheDecodedOne() {
        // Failed-AVP (§7.5) needs the offending AVP itself
        AvpCursor top = new AvpCursor().over(decoded().avps());
        top.next();
        assertThat(top.avp()).isEqualTo(SESSION);
        top.next();
        AvpCursor inner = new AvpCursor().overChildren(top);
        inner.next();
        assertThat(inner.avp()).isEqualTo(INNER);
        assertThat(top.avp()).isEqualTo(OUTER);
    }

    @Test
    void malformedGroupedDataIsRefusedAsAvpChildrenRefusesIt() {
        // RFC 6733 §4.4, §7.1.5: same exception and text as Avp.children(), before any child
        Avp bad = Avp.ofBytes(456, 0, 0, new byte[] {0, 0, 0, 1, 0, 0, 0, 99});
        Avp cut = Avp.ofBytes(456, 0, 0, new byte[] {0, 0, 0, 1});
        for (Avp g : List.of(bad, cut)) {
            String expected = catchMessage(g::children);
            for (DiameterMessage m : List.of(built(g), decode(built(g)))) {
                AvpCursor top = new AvpCursor().over(m.avps());
                top.next();
                assertThatThrownBy(() -> new AvpCursor().overChildren(top))
                        .isInstanceOf(AvpValueException.class)
                        .hasMessage(expected.replace("offset 0", "offset " + offsetIn(m)));
            }
        }
    }

    private static DiameterMessage built(Avp g) {
        return DiameterMessage.request(272, 4, true).add(g);
    }

    private static DiameterMessage decode(DiameterMessage m) {
        byte[] wire = m.toBytes();
        return DECODER.decode(wire, 0, wire.length).message();
    }

    /** Where the Grouped AVP's data starts in the bytes the offsets count in. */
    private static int offsetIn(DiameterMessage m) {
        return m.avps().source() == null ? 0 : 20 + 8; // header, then Grouped AVP header
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (AvpValueException e) {
            return e.getMessage();
        }
        throw new AssertionError("no AvpValueException");
    }

    @Test
    void readingWithoutACurrentAvpIsRefused() {
        AvpCursor c = new AvpCursor();
        assertThat(c.next()).isFalse();
        assertThatThrownBy(c::code).isInstanceOf(NoSuchElementException.class);
        c.over(decoded().avps());
        assertThatThrownBy(c::flags).isInstanceOf(NoSuchElementException.class);
        while (c.next()) {
            c.code();
        }
        assertThatThrownBy(c::vendorId).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> c.overChildren(c)).isInstanceOf(IllegalArgumentException.class);
        c.clear();
        assertThat(c.next()).isFalse();
    }

    @Test
    void int32NeedsFourBytesOfDataInsideAGroupedAvpToo() {
        // as Avp.asInt32
        AvpCursor top = new AvpCursor().over(decoded().avps());
        top.next();
        top.next();
        AvpCursor in = new AvpCursor().overChildren(top);
        in.next();
        AvpCursor leaf = new AvpCursor().overChildren(in);
        leaf.next();
        leaf.next();
        assertThatThrownBy(leaf::int32)
                .isInstanceOf(AvpValueException.class)
                .hasMessageContaining("Integer32 needs 4 bytes");
    }

    /** Sums every header field of the message, two levels deep, with reused cursors. */
    private static long readAll(AvpList avps, AvpCursor top, AvpCursor mid, AvpCursor low) {
        long sum = 0;
        top.over(avps);
        while (top.next()) {
            sum += top.code() + top.vendorId() + top.flags() + top.valueLength();
            if (top.code() == 456) {
                mid.overChildren(top);
                while (mid.next()) {
                    sum += mid.code() + mid.vendorId() + mid.flags() + mid.valueLength();
                    if (mid.code() == 437) {
                        low.overChildren(mid);
                        while (low.next()) {
                            sum += low.code() + low.flags() + low.valueLength();
                            sum += low.valueLength() == 4 ? low.int32() : 0;
                        }
                    }
                }
            }
        }
        return sum;
    }

    @Test
    void readingInPlaceAllocatesNothing() {
        // the point of the cursor: nothing per AVP, nothing per Grouped AVP
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<DiameterMessage> fresh = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            fresh.add(decoded());
        }
        AvpCursor top = new AvpCursor();
        AvpCursor mid = new AvpCursor();
        AvpCursor low = new AvpCursor();
        long expected = readAll(fresh.get(0).avps(), top, mid, low);
        for (int i = 0; i < 1_000; i++) {
            readAll(fresh.get(i).avps(), top, mid, low);
        }
        long overhead = measuringCost(mx);
        long before = mx.getCurrentThreadAllocatedBytes();
        long sum = 0;
        for (int i = 1_000; i < 2_000; i++) {
            sum += readAll(fresh.get(i).avps(), top, mid, low);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before - overhead;
        assertThat(sum).isEqualTo(expected * 1_000);
        assertThat(allocated).isZero();
    }

    /** What reading the counter twice costs by itself. */
    static long measuringCost(com.sun.management.ThreadMXBean mx) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long a = mx.getCurrentThreadAllocatedBytes();
            least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - a);
        }
        return least;
    }
}
