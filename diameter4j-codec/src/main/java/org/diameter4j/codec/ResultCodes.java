package org.diameter4j.codec;

/**
 * Result-Code values of RFC 6733 §7.1 that the base protocol itself produces. Names for display
 * come from the dictionary; these constants are for code.
 */
public final class ResultCodes {
    private ResultCodes() {}

    // §7.1.2 Success
    public static final int DIAMETER_SUCCESS = 2001;
    public static final int DIAMETER_LIMITED_SUCCESS = 2002;

    // §7.1.3 Protocol errors (answer carries the E bit)
    public static final int DIAMETER_COMMAND_UNSUPPORTED = 3001;
    public static final int DIAMETER_UNABLE_TO_DELIVER = 3002;
    public static final int DIAMETER_REALM_NOT_SERVED = 3003;
    public static final int DIAMETER_TOO_BUSY = 3004;
    public static final int DIAMETER_LOOP_DETECTED = 3005;
    public static final int DIAMETER_REDIRECT_INDICATION = 3006;
    public static final int DIAMETER_APPLICATION_UNSUPPORTED = 3007;
    public static final int DIAMETER_INVALID_HDR_BITS = 3008;
    public static final int DIAMETER_INVALID_AVP_BITS = 3009;
    public static final int DIAMETER_UNKNOWN_PEER = 3010;

    // §7.1.4 Transient failures
    public static final int DIAMETER_AUTHENTICATION_REJECTED = 4001;
    public static final int DIAMETER_OUT_OF_SPACE = 4002;
    public static final int ELECTION_LOST = 4003;

    // §7.1.5 Permanent failures
    public static final int DIAMETER_AVP_UNSUPPORTED = 5001;
    public static final int DIAMETER_UNKNOWN_SESSION_ID = 5002;
    public static final int DIAMETER_AUTHORIZATION_REJECTED = 5003;
    public static final int DIAMETER_INVALID_AVP_VALUE = 5004;
    public static final int DIAMETER_MISSING_AVP = 5005;
    public static final int DIAMETER_RESOURCES_EXCEEDED = 5006;
    public static final int DIAMETER_CONTRADICTING_AVPS = 5007;
    public static final int DIAMETER_AVP_NOT_ALLOWED = 5008;
    public static final int DIAMETER_AVP_OCCURS_TOO_MANY_TIMES = 5009;
    public static final int DIAMETER_NO_COMMON_APPLICATION = 5010;
    public static final int DIAMETER_UNSUPPORTED_VERSION = 5011;
    public static final int DIAMETER_UNABLE_TO_COMPLY = 5012;
    public static final int DIAMETER_INVALID_BIT_IN_HEADER = 5013;
    public static final int DIAMETER_INVALID_AVP_LENGTH = 5014;
    public static final int DIAMETER_INVALID_MESSAGE_LENGTH = 5015;
    public static final int DIAMETER_INVALID_AVP_BIT_COMBO = 5016;
    public static final int DIAMETER_NO_COMMON_SECURITY = 5017;

    /** True for 1xxx and 2xxx: informational and success. */
    public static boolean isSuccess(long code) {
        return code >= 1000 && code < 3000;
    }

    /** True for 3xxx, the protocol errors that are sent with the E bit (RFC 6733 §7.1.3). */
    public static boolean isProtocolError(long code) {
        return code >= 3000 && code < 4000;
    }
}
