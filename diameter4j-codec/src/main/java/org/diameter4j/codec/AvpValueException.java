package org.diameter4j.codec;

/**
 * An AVP's data does not have the shape its reader asked for (a Grouped AVP whose data is not a
 * sequence of AVPs, an Unsigned32 that is not four bytes …). Carries the Result-Code a peer would
 * answer with.
 */
public final class AvpValueException extends RuntimeException {
    private final transient Avp avp;
    private final int resultCode;

    public AvpValueException(Avp avp, String message) {
        this(avp, message, ResultCodes.DIAMETER_INVALID_AVP_LENGTH);
    }

    public AvpValueException(Avp avp, String message, int resultCode) {
        super(message, null, false, false);
        this.avp = avp;
        this.resultCode = resultCode;
    }

    public Avp avp() {
        return avp;
    }

    public int resultCode() {
        return resultCode;
    }
}
