package org.diameter4j.codec.type;

import java.time.Instant;

/**
 * The Time format (RFC 6733 §4.3.1): four octets of seconds since 1900-01-01T00:00:00Z, the NTP
 * timestamp's seconds part. The value overflows on 2036-02-07T06:28:16Z; the RFC requires the SNTP
 * extension of RFC 4330 §3: a value whose most significant bit is 0 counts from that instant, which
 * extends the range to 2104.
 */
public final class DiameterTime {
    /** Seconds from 1900-01-01 to 1970-01-01. */
    static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    /** 2036-02-07T06:28:16Z, the start of NTP era 1, as Unix seconds. */
    static final long ERA1_UNIX = (1L << 32) - SECONDS_1900_TO_1970;

    /** Earliest encodable instant: 1968-01-20T03:14:08Z (MSB set, era 0). */
    public static final Instant MIN = Instant.ofEpochSecond((1L << 31) - SECONDS_1900_TO_1970);

    /** Latest encodable instant: 2104-02-26T09:42:23Z (MSB clear, era 1). */
    public static final Instant MAX = Instant.ofEpochSecond(ERA1_UNIX + (1L << 31) - 1);

    private DiameterTime() {}

    /** The instant that the 32-bit wire value denotes. */
    public static Instant toInstant(int wire) {
        long v = wire & 0xffffffffL;
        if ((v & 0x8000_0000L) != 0) {
            return Instant.ofEpochSecond(v - SECONDS_1900_TO_1970);
        }
        return Instant.ofEpochSecond(ERA1_UNIX + v);
    }

    /** The 32-bit wire value of {@code t}; sub-second precision is dropped. */
    public static int fromInstant(Instant t) {
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new IllegalArgumentException(
                    t + " is outside the Diameter Time range " + MIN + " .. " + MAX);
        }
        long unix = t.getEpochSecond();
        if (unix < ERA1_UNIX) {
            return (int) (unix + SECONDS_1900_TO_1970);
        }
        return (int) (unix - ERA1_UNIX);
    }
}
