package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AvpList: lazily decoded, then changed; every change re-encodes to a valid message (RFC 6733 §3
 * Message Length, §4.1 AVP layout and padding).
 */
class AvpListTest {
    static final MessageDecoder DECODER = new MessageDecoder(DecodeOptions.DEFAULT);

    static final Avp A = Avp.ofUtf8(263, 0, Avp.FLAG_MANDATORY, "sess;1");
    static final Avp B = Avp.ofBytes(1234, 10415, 0, new byte[] {1, 2, 3, 4, 5});
    static final Avp C = Avp.ofUnsigned32(268, 0, Avp.FLAG_MANDATORY, 2001);
    static final Avp D = Avp.ofUtf8(1, 0, 0, "é");

    static DiameterMessage decoded() {
        byte[] wire = DiameterMessage.request(272, 4, true).add(A).add(B).add(C).toBytes();
        return DECODER.decode(wire, 0, wire.length).message();
    }

    /** Encodes, decodes again and checks the AVPs and the Message Length. */
    static void assertReencodesAs(DiameterMessage m, Avp... expected) {
        byte[] wire = m.toBytes();
        assertThat(wire.length).isEqualTo(m.length());
        assertThat(((wire[1] & 0xff) << 16) | ((wire[2] & 0xff) << 8) | (wire[3] & 0xff))
                .isEqualTo(wire.length);
        DiameterMessage back = DECODER.decode(wire, 0, wire.length).message();
        assertThat(back.avps().toList()).containsExactly(expected);
        assertThat(back).isEqualTo(m);
        assertThat(back.toBytes()).isEqualTo(wire);
    }

    @Test
    void decodedListReadsLazilyAndEncodesUnchanged() {
        // RFC 6733 §4.1: the AVPs re-encode byte for byte
        DiameterMessage m = decoded();
        AvpList l = m.avps();
        assertThat(l.size()).isEqualTo(3);
        assertThat(l.find(268).asUnsigned32()).isEqualTo(2001);
        assertThat(l.get(1)).isEqualTo(B);
        assertThat(l.encodedLength())
                .isEqualTo(A.encodedLength() + B.encodedLength() + C.encodedLength());
        assertReencodesAs(m, A, B, C);
    }

    @Test
    void addAfterDecodeAppends() {
        // RFC 6733 §3: the Message Length grows with the new, padded AVP
        DiameterMessage m = decoded();
        m.avps().add(D);
        assertReencodesAs(m, A, B, C, D);
    }

    @Test
    void addAtIndexAfterDecodeInserts() {
        // RFC 6733 §8.8: e.g. keep Session-Id first while inserting after it
        DiameterMessage m = decoded();
        m.avps().add(1, D);
        assertReencodesAs(m, A, D, B, C);
        assertThatThrownBy(() -> m.avps().add(9, D)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void setAfterDecodeReplaces() {
        // RFC 6733 §4.1
        DiameterMessage m = decoded();
        Avp old = m.avps().set(1, D);
        assertThat(old).isEqualTo(B);
        assertReencodesAs(m, A, D, C);
    }

    @Test
    void removeAfterDecodeDrops() {
        // RFC 6733 §4.1
        DiameterMessage m = decoded();
        assertThat(m.avps().remove(0)).isEqualTo(A);
        assertReencodesAs(m, B, C);
        m.avps().remove(1);
        m.avps().remove(0);
        assertReencodesAs(m);
        assertThat(m.length()).isEqualTo(20);
    }

    @Test
    void removeAllAfterDecodeMatchesCodeAndVendor() {
        // RFC 6733 §4.1: (code, Vendor-Id) identifies an AVP
        DiameterMessage m = decoded();
        assertThat(m.avps().removeAll(1234, 0)).isZero();
        assertThat(m.avps().removeAll(1234, 10415)).isEqualTo(1);
        assertReencodesAs(m, A, C);
    }

    @Test
    void manyAddsGrowTheList() {
        // RFC 6733 §4.1
        DiameterMessage m = decoded();
        List<Avp> expected = new ArrayList<>(List.of(A, B, C));
        for (int i = 0; i < 40; i++) {
            Avp a = Avp.ofUnsigned32(10_000 + i, i % 2 == 0 ? 0 : 99, 0, i);
            m.add(a);
            expected.add(a);
        }
        assertReencodesAs(m, expected.toArray(new Avp[0]));
        assertThat(m.find(10_001, 99).asUnsigned32()).isEqualTo(1);
    }

    @Test
    void decodedAvpsSurviveTheirListBeingChanged() {
        // Avp is immutable: an AVP read before a change keeps its value
        DiameterMessage m = decoded();
        Avp b = m.avps().get(1);
        m.avps().remove(1);
        m.avps().add(0, D);
        assertThat(b).isEqualTo(B);
        assertThat(b.toBytes()).isEqualTo(B.toBytes());
    }

    @Test
    void emptyDecodedListAcceptsAdds() {
        // RFC 6733 §3: a message with no AVPs is 20 bytes
        byte[] wire = DiameterMessage.request(280, 0, false).toBytes();
        DiameterMessage m = DECODER.decode(wire, 0, wire.length).message();
        assertThat(m.avps().isEmpty()).isTrue();
        assertThat(m.avps().find(1)).isNull();
        m.add(D);
        assertReencodesAs(m, D);
    }

    @Test
    void iteratorAndEqualityWorkOnLazyAndMaterialisedLists() {
        // AvpList contract
        DiameterMessage lazy = decoded();
        DiameterMessage changed = decoded();
        changed.add(D);
        changed.avps().remove(3);
        assertThat(lazy.avps()).isEqualTo(changed.avps());
        assertThat(lazy.avps().hashCode()).isEqualTo(changed.avps().hashCode());
        List<Avp> seen = new ArrayList<>();
        lazy.avps().forEach(seen::add);
        assertThat(seen).containsExactly(A, B, C);
        assertThatThrownBy(() -> lazy.avps().get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void groupedChildrenParseLazilyFromTheMessageBytes() {
        // RFC 6733 §4.4: a Grouped AVP's data is a sequence of AVPs
        Avp g = Avp.grouped(284, 0, Avp.FLAG_MANDATORY, A, B);
        byte[] wire = DiameterMessage.request(272, 4, true).add(g).toBytes();
        DiameterMessage m = DECODER.decode(wire, 0, wire.length).message();
        AvpList children = m.find(284).children();
        assertThat(children.toList()).containsExactly(A, B);
        assertThat(children.find(1234, 10415)).isEqualTo(B);
    }

    @Test
    void childrenOfMalformedGroupedDataAreRejected() {
        // RFC 6733 §4.4, §7.1.5: Grouped data that is not a sequence of AVPs
        Avp notGrouped = Avp.ofBytes(284, 0, 0, new byte[] {0, 0, 0, 1, 0, 0, 0, 99});
        assertThatThrownBy(notGrouped::children).isInstanceOf(AvpValueException.class);
        Avp shortHeader = Avp.ofBytes(284, 0, 0, new byte[] {0, 0, 0, 1});
        assertThatThrownBy(shortHeader::children).isInstanceOf(AvpValueException.class);
    }

    @Test
    void headerReadsByIndexAnswerWhatTheAvpWouldOnALazyList() {
        // RFC 6733 §4.1: code, flags, Vendor-Id (V flag), data length; read from the bytes
        AvpList l = decoded().avps();
        for (int i = 0; i < l.size(); i++) {
            Avp a = List.of(A, B, C).get(i);
            assertThat(l.codeAt(i)).isEqualTo(a.code());
            assertThat(l.flagsAt(i)).isEqualTo(a.flags());
            assertThat(l.vendorIdAt(i)).isEqualTo(a.vendorId());
            assertThat(l.valueLengthAt(i)).isEqualTo(a.valueLength());
        }
        assertThat(l.vendorIdAt(1)).isEqualTo(10415);
        assertThat(l.flagsAt(1) & Avp.FLAG_VENDOR).isNotZero();
        assertThat(l.int32At(2)).isEqualTo(2001);
    }

    @Test
    void headerReadsByIndexFollowAChangedList() {
        // once changed, the list reads its AVP objects: the new one, and the shifted ones
        AvpList l = decoded().avps();
        l.add(0, Avp.ofInt32(5, 77, Avp.FLAG_MANDATORY, -2));
        assertThat(l.codeAt(0)).isEqualTo(5);
        assertThat(l.vendorIdAt(0)).isEqualTo(77);
        assertThat(l.flagsAt(0)).isEqualTo(Avp.FLAG_VENDOR | Avp.FLAG_MANDATORY);
        assertThat(l.valueLengthAt(0)).isEqualTo(4);
        assertThat(l.int32At(0)).isEqualTo(-2);
        assertThat(l.codeAt(3)).isEqualTo(268);
        assertThat(l.int32At(3)).isEqualTo(2001);
    }

    @Test
    void int32ByIndexNeedsFourBytesOfData() {
        // as Avp.asInt32: Session-Id's text is not an Integer32
        AvpList l = decoded().avps();
        assertThatThrownBy(() -> l.int32At(0))
                .isInstanceOf(AvpValueException.class)
                .hasMessageContaining("Integer32 needs 4 bytes");
        assertThatThrownBy(() -> l.codeAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> l.flagsAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
