package org.diameter4j.gy;

/** CC-Request-Type (RFC 4006 §8.3). */
public enum CcRequestType {
    INITIAL(1, "INITIAL_REQUEST"),
    UPDATE(2, "UPDATE_REQUEST"),
    TERMINATE(3, "TERMINATION_REQUEST"),
    EVENT(4, "EVENT_REQUEST");

    private final int value;
    private final String avpName;

    CcRequestType(int value, String avpName) {
        this.value = value;
        this.avpName = avpName;
    }

    public int value() {
        return value;
    }

    /** The enumerated name in the dictionary ("INITIAL_REQUEST"). */
    public String avpName() {
        return avpName;
    }

    public static CcRequestType of(long value) {
        for (CcRequestType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("CC-Request-Type " + value + " is not 1..4");
    }
}
