package org.diameter4j.codec;

import java.util.NoSuchElementException;

/**
 * Reads the AVPs of one level — a message's {@link AvpList}, or the children of a Grouped AVP — one
 * after the other and in place: the header fields (RFC 6733 §4.1) and a 32-bit value straight from
 * the decoded bytes, with no {@link Avp} object made unless {@link #avp()} asks for one. A Grouped
 * AVP's children are read the same way through a second cursor ({@link #overChildren}), without the
 * child list {@link Avp#children()} would parse and keep.
 *
 * <p>A cursor is reusable: point it at another level and it allocates nothing, so a checker that
 * walks every AVP of every message (the grammar check) can keep one cursor per depth per thread.
 * Not thread-safe.
 *
 * <pre>{@code
 * AvpCursor top = new AvpCursor().over(message.avps());
 * AvpCursor inner = new AvpCursor();
 * while (top.next()) {
 *     if (top.code() == 456) { // Multiple-Services-Credit-Control
 *         inner.overChildren(top);
 *         while (inner.next()) { ... inner.code(), inner.int32() ... }
 *     }
 * }
 * }</pre>
 */
public final class AvpCursor {
    // The bytes read at pos (src != null): a Grouped AVP's children (list == null), or a list that
    // is still the view of its decoded bytes. A changed list (src == null) is read by index.
    private AvpList list;
    private byte[] src;
    private int end;
    private int pos;
    private int nextPos;
    private int index = -1;
    private boolean current;

    /** A cursor over nothing: point it with {@link #over} or {@link #overChildren}. */
    public AvpCursor() {}

    /**
     * Reads the AVPs of {@code avps}, from the first; {@link #next()} moves to it. The list must
     * not change while it is read.
     */
    public AvpCursor over(AvpList avps) {
        list = avps;
        src = avps == null ? null : avps.source();
        index = -1;
        current = false;
        return this;
    }

    /**
     * Reads the children of {@code parent}'s current AVP, from the first: its data read as a
     * sequence of AVPs, whatever its type (the caller knows it is Grouped). Checks every child's
     * length against the data first, and throws the {@link AvpValueException} {@link
     * Avp#children()} throws when the data is not a valid sequence of AVPs (RFC 6733 §4.4). {@code
     * parent} stays where it is.
     */
    public AvpCursor overChildren(AvpCursor parent) {
        if (parent == this) {
            throw new IllegalArgumentException(
                    "a cursor cannot read its own current AVP's children");
        }
        parent.checkCurrent();
        byte[] b;
        int from;
        int len;
        if (parent.src != null) {
            b = parent.src;
            int h = AvpList.headerAt(b, parent.pos);
            from = parent.pos + h;
            len = (Avp.getInt(b, parent.pos + 4) & 0xffffff) - h;
        } else {
            Avp a = parent.list.item(parent.index);
            if (a.isBuiltGrouped()) {
                return over(a.children());
            }
            b = a.dataArray();
            from = a.dataOffset();
            len = a.valueLength();
        }
        int to = from + len;
        for (int p = from; p < to; ) {
            p = AvpList.checkedNext(b, p, to);
        }
        list = null;
        src = b;
        end = to;
        nextPos = from;
        index = -1;
        current = false;
        return this;
    }

    /** Forgets the level it reads, so that a kept cursor does not keep a message's bytes alive. */
    public void clear() {
        over(null);
    }

    /** Moves to the next AVP; false when there is none (or the cursor reads nothing). */
    public boolean next() {
        if (list != null) {
            current = index + 1 < list.size();
            if (current) {
                index++;
                if (src != null) {
                    pos = list.startAt(index);
                }
            }
            return current;
        }
        if (src == null || nextPos >= end) {
            current = false;
            return false;
        }
        pos = nextPos;
        nextPos = pos + Avp.pad4(Avp.getInt(src, pos + 4) & 0xffffff);
        index++;
        current = true;
        return true;
    }

    /** The position of the current AVP in its level, from 0. */
    public int index() {
        checkCurrent();
        return index;
    }

    /** The current AVP's code. */
    public int code() {
        checkCurrent();
        return src != null ? Avp.getInt(src, pos) : list.codeAt(index);
    }

    /** The current AVP's flags (V, M, P and the reserved bits). */
    public int flags() {
        checkCurrent();
        return src != null ? src[pos + 4] & 0xff : list.flagsAt(index);
    }

    /** Whether the current AVP has the M bit. */
    public boolean isMandatory() {
        return (flags() & Avp.FLAG_MANDATORY) != 0;
    }

    /** The current AVP's Vendor-Id, 0 when the V flag is clear. */
    public int vendorId() {
        checkCurrent();
        if (src == null) {
            return list.vendorIdAt(index);
        }
        return (src[pos + 4] & Avp.FLAG_VENDOR) != 0 ? Avp.getInt(src, pos + 8) : 0;
    }

    /** The length of the current AVP's data, without header and padding. */
    public int valueLength() {
        checkCurrent();
        if (src == null) {
            return list.valueLengthAt(index);
        }
        return (Avp.getInt(src, pos + 4) & 0xffffff) - AvpList.headerAt(src, pos);
    }

    /**
     * The current AVP's data as a 32-bit number, as {@link Avp#asInt32()} reads it; throws its
     * {@link AvpValueException} when the data is not four bytes.
     */
    public int int32() {
        checkCurrent();
        if (src == null) {
            return list.int32At(index);
        }
        if (valueLength() != 4) {
            return avp().asInt32();
        }
        return Avp.getInt(src, pos + AvpList.headerAt(src, pos));
    }

    /**
     * The current AVP as an object: the list's own for a list, a new one over the same bytes for a
     * Grouped AVP's child (made at each call: for the rare reader that needs it, e.g. a fault's
     * Failed-AVP).
     */
    public Avp avp() {
        checkCurrent();
        return list != null ? list.get(index) : AvpList.readAt(src, pos);
    }

    private void checkCurrent() {
        if (!current) {
            throw new NoSuchElementException("no current AVP: call next() first");
        }
    }
}
