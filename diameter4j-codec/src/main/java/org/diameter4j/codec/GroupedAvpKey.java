package org.diameter4j.codec;

import java.util.List;

/**
 * A typed Grouped AVP (RFC 6733 §4.4): its value is the {@link AvpList} of the AVPs it holds, read
 * with the same typed {@code get}/{@code find} as a message.
 */
public final class GroupedAvpKey extends AvpKey<AvpList> {

    GroupedAvpKey(String name, int code, int vendorId, int flags) {
        super(
                name,
                code,
                vendorId,
                flags,
                DataType.GROUPED,
                (c, v, f, x) -> Avp.grouped(c, v, f, x.toList()),
                (k, a) -> a.children());
    }

    /** The grouped AVP holding {@code children}, in order. */
    public Avp of(Avp... children) {
        return Avp.grouped(code(), vendorId(), flags(), children);
    }

    /** The grouped AVP holding {@code children}, in order. */
    public Avp of(List<Avp> children) {
        return Avp.grouped(code(), vendorId(), flags(), children);
    }
}
