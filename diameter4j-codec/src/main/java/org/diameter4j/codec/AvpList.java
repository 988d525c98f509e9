package org.diameter4j.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The AVPs of a message or of a Grouped AVP, in wire order.
 *
 * <p>After decoding, the list holds only the offsets of its AVPs within the message bytes; an
 * {@link Avp} object is made the first time an index is read. A list that was decoded and not
 * changed is encoded by copying its bytes in one go. Any change materialises the AVPs and from then
 * on the list encodes AVP by AVP.
 */
public final class AvpList implements Iterable<Avp> {
    private Avp[] items;
    private int size;
    // Lazy source: the bytes the list was decoded from and each AVP's start offset.
    private byte[] src;
    private int[] starts;
    private int srcEnd;
    // The children of a Grouped AVP are frozen: an Avp is immutable, and a change here would not
    // reach the wire for a decoded AVP (it encodes its original bytes).
    private boolean frozen;

    public AvpList() {
        items = new Avp[8];
    }

    /**
     * A list over AVPs already validated by the decoder: {@code starts[0..count)} into {@code src}.
     */
    AvpList(byte[] src, int[] starts, int count, int end) {
        this.src = src;
        this.starts = starts;
        this.size = count;
        this.srcEnd = end;
    }

    /**
     * Parses a sequence of AVPs (one level, no type knowledge), checking every length against the
     * range. Used for Grouped data the decoder did not descend into.
     */
    static AvpList parse(byte[] b, int off, int len) {
        int end = off + len;
        int[] starts = new int[8];
        int n = 0;
        int p = off;
        while (p < end) {
            int next = checkedNext(b, p, end);
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = p;
            p = next;
        }
        return new AvpList(b, starts, n, end);
    }

    /**
     * Checks the header of the AVP at {@code p} against the range ending at {@code end} (RFC 6733
     * §4.1: a whole header, an AVP Length of at least the header, inside the range) and returns
     * where the next AVP starts, after the padding. Throws what {@link Avp#children()} throws.
     */
    static int checkedNext(byte[] b, int p, int end) {
        if (end - p < Avp.HEADER) {
            throw truncated(p);
        }
        int avpLen = Avp.getInt(b, p + 4) & 0xffffff;
        if (avpLen < headerAt(b, p) || p + avpLen > end) {
            throw badLength(avpLen, p);
        }
        return p + Avp.pad4(avpLen);
    }

    // Out of line, so that checkedNext stays small enough to inline where it is hot.
    private static AvpValueException truncated(int p) {
        return new AvpValueException(null, "truncated AVP header at offset " + p);
    }

    private static AvpValueException badLength(int avpLen, int p) {
        return new AvpValueException(
                null, "AVP length " + avpLen + " at offset " + p + " is invalid");
    }

    static Avp readAt(byte[] b, int p) {
        int code = Avp.getInt(b, p);
        int flagsLen = Avp.getInt(b, p + 4);
        int flags = flagsLen >>> 24;
        int avpLen = flagsLen & 0xffffff;
        if ((flags & Avp.FLAG_VENDOR) != 0) {
            return new Avp(code, flags, Avp.getInt(b, p + 8), b, p + 12, avpLen - 12);
        }
        return new Avp(code, flags, 0, b, p + 8, avpLen - 8);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public Avp get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + ", size " + size);
        }
        Avp[] it = items;
        if (it == null) {
            it = items = new Avp[size];
        }
        Avp a = it[i];
        if (a == null) {
            a = it[i] = readAt(src, starts[i]);
        }
        return a;
    }

    // ---- reading AVP i without an Avp object (RFC 6733 §4.1 header) -----------------------------
    //
    // Each reads what get(i) would answer, straight from the decoded bytes while the list is the
    // unchanged view of a message, so nothing is allocated; once the list was changed, from its
    // AVP.

    /** {@code get(i).code()}, without making the {@link Avp}. */
    public int codeAt(int i) {
        int p = sourceStart(i);
        return p >= 0 ? Avp.getInt(src, p) : items[i].code();
    }

    /** {@code get(i).flags()} (V, M, P and the reserved bits), without making the {@link Avp}. */
    public int flagsAt(int i) {
        int p = sourceStart(i);
        return p >= 0 ? src[p + 4] & 0xff : items[i].flags();
    }

    /** {@code get(i).vendorId()}: 0 when the V flag is clear; without making the {@link Avp}. */
    public int vendorIdAt(int i) {
        int p = sourceStart(i);
        if (p < 0) {
            return items[i].vendorId();
        }
        return (src[p + 4] & Avp.FLAG_VENDOR) != 0 ? Avp.getInt(src, p + 8) : 0;
    }

    /** {@code get(i).valueLength()}: the data's length, without header and padding. */
    public int valueLengthAt(int i) {
        int p = sourceStart(i);
        return p >= 0
                ? (Avp.getInt(src, p + 4) & 0xffffff) - headerAt(src, p)
                : items[i].valueLength();
    }

    /**
     * {@code get(i).asInt32()}: the data as a 32-bit number (Integer32, Unsigned32 and Enumerated
     * bits), without making the {@link Avp} when it has four bytes of data; else throws the {@link
     * AvpValueException} {@code asInt32()} throws.
     */
    public int int32At(int i) {
        int p = sourceStart(i);
        if (p >= 0 && (Avp.getInt(src, p + 4) & 0xffffff) - headerAt(src, p) == 4) {
            return Avp.getInt(src, p + headerAt(src, p));
        }
        return get(i).asInt32();
    }

    /** Where AVP {@code i} starts in the decoded bytes, -1 once the list was changed. */
    private int sourceStart(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + ", size " + size);
        }
        return src != null ? starts[i] : -1;
    }

    static int headerAt(byte[] b, int p) {
        return (b[p + 4] & Avp.FLAG_VENDOR) != 0 ? Avp.VENDOR_HEADER : Avp.HEADER;
    }

    /** The decoded bytes this list reads from, or null once it was changed (for AvpCursor). */
    byte[] source() {
        return src;
    }

    /** With {@link #source()}: where AVP {@code i} starts in them. */
    int startAt(int i) {
        return starts[i];
    }

    /** With no {@link #source()}: AVP {@code i}. */
    Avp item(int i) {
        return items[i];
    }

    /** The first AVP with this code and Vendor-Id, or null. */
    public Avp find(int code, int vendorId) {
        for (int i = 0; i < size; i++) {
            if (src != null) {
                int p = starts[i];
                if (Avp.getInt(src, p) != code) {
                    continue;
                }
                int v = (src[p + 4] & Avp.FLAG_VENDOR) != 0 ? Avp.getInt(src, p + 8) : 0;
                if (v == vendorId) {
                    return get(i);
                }
            } else {
                Avp a = items[i];
                if (a.code() == code && a.vendorId() == vendorId) {
                    return a;
                }
            }
        }
        return null;
    }

    /** The first base (Vendor-Id 0) AVP with this code, or null. */
    public Avp find(int code) {
        return find(code, 0);
    }

    // ---- typed access (AvpKey) ---------------------------------------------------------------

    /** The first AVP of {@code key}, or null. */
    public Avp find(AvpKey<?> key) {
        return find(key.code(), key.vendorId());
    }

    /**
     * The value of the first AVP of {@code key}, or null when there is none; throws {@link
     * AvpValueException} when the AVP is there but its value is not one of its format.
     */
    public <T> T get(AvpKey<T> key) {
        Avp a = find(key.code(), key.vendorId());
        return a == null ? null : key.valueOf(a);
    }

    /** The values of every AVP of {@code key}, in order. */
    public <T> List<T> getAll(AvpKey<T> key) {
        List<Avp> all = findAll(key.code(), key.vendorId());
        List<T> out = new ArrayList<>(all.size());
        for (Avp a : all) {
            out.add(key.valueOf(a));
        }
        return out;
    }

    /** Appends the AVP of {@code key} carrying {@code value}. */
    public <T> AvpList add(AvpKey<T> key, T value) {
        return add(key.of(value));
    }

    /** Every AVP with this code and Vendor-Id, in order. */
    public List<Avp> findAll(int code, int vendorId) {
        List<Avp> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            // The header in place first: an AVP of another code is not made (issue 10).
            if (codeAt(i) == code && vendorIdAt(i) == vendorId) {
                out.add(get(i));
            }
        }
        return out;
    }

    AvpList freeze() {
        frozen = true;
        return this;
    }

    /**
     * False for the children of a Grouped AVP: build a new one with {@link Avp#grouped} instead.
     */
    public boolean isModifiable() {
        return !frozen;
    }

    private void checkModifiable() {
        if (frozen) {
            throw new UnsupportedOperationException(
                    "the children of a Grouped AVP cannot be changed: build a new one with Avp.grouped(...)");
        }
    }

    private void materialise() {
        checkModifiable();
        if (src == null) {
            return;
        }
        Avp[] all = new Avp[Math.max(8, size + 4)];
        for (int i = 0; i < size; i++) {
            all[i] = get(i);
        }
        items = all;
        src = null;
        starts = null;
    }

    private void ensureCapacity(int n) {
        if (items.length < n) {
            items = Arrays.copyOf(items, Math.max(n, items.length * 2));
        }
    }

    public AvpList add(Avp avp) {
        materialise();
        ensureCapacity(size + 1);
        items[size++] = avp;
        return this;
    }

    public AvpList add(int index, Avp avp) {
        materialise();
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        ensureCapacity(size + 1);
        System.arraycopy(items, index, items, index + 1, size - index);
        items[index] = avp;
        size++;
        return this;
    }

    public Avp set(int index, Avp avp) {
        checkModifiable();
        Avp old = get(index);
        materialise();
        items[index] = avp;
        return old;
    }

    public Avp remove(int index) {
        checkModifiable();
        Avp old = get(index);
        materialise();
        System.arraycopy(items, index + 1, items, index, size - index - 1);
        items[--size] = null;
        return old;
    }

    /** Removes every AVP with this code and Vendor-Id; returns how many were removed. */
    public int removeAll(int code, int vendorId) {
        int removed = 0;
        for (int i = size - 1; i >= 0; i--) {
            Avp a = get(i);
            if (a.code() == code && a.vendorId() == vendorId) {
                remove(i);
                removed++;
            }
        }
        return removed;
    }

    public List<Avp> toList() {
        List<Avp> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }

    /** Bytes the AVPs take on the wire, padding included. */
    public int encodedLength() {
        if (src != null) {
            return size == 0 ? 0 : srcEnd - starts[0];
        }
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += items[i].encodedLength();
        }
        return n;
    }

    public void encode(ByteBuf out) {
        if (src != null) {
            if (size > 0) {
                out.writeBytes(src, starts[0], srcEnd - starts[0]);
            }
            return;
        }
        for (int i = 0; i < size; i++) {
            items[i].encode(out);
        }
    }

    int encodeTo(byte[] dst, int pos) {
        if (src != null) {
            if (size > 0) {
                int n = srcEnd - starts[0];
                System.arraycopy(src, starts[0], dst, pos, n);
                return pos + n;
            }
            return pos;
        }
        int p = pos;
        for (int i = 0; i < size; i++) {
            p = items[i].encodeTo(dst, p);
        }
        return p;
    }

    @Override
    public Iterator<Avp> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Avp next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return get(i++);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AvpList l) || l.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!get(i).equals(l.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size; i++) {
            h = 31 * h + get(i).hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        return toList().toString();
    }
}
