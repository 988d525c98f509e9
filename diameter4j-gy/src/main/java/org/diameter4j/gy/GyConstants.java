package org.diameter4j.gy;

/** Codes of the Diameter Credit-Control application (RFC 4006/8506) used by Gy/Ro. */
public final class GyConstants {
    /** Auth-Application-Id of Diameter Credit-Control (RFC 4006 §12.1). */
    public static final long APPLICATION_ID = 4;

    /** Credit-Control-Request/Answer command code (RFC 4006 §3.1). */
    public static final int CCR = 272;

    /** Re-Auth-Request/Answer (RFC 6733 §8.3, RFC 4006 §5.5). */
    public static final int RAR = 258;

    /** Abort-Session-Request/Answer (RFC 6733 §8.5). */
    public static final int ASR = 274;

    /** The 3GPP Ro/Gy SMS charging Service-Context-Id (TS 32.274). */
    public static final String SMS_SERVICE_CONTEXT = "32274@3gpp.org";

    /** The 3GPP PS (data) charging Service-Context-Id (TS 32.251). */
    public static final String PS_SERVICE_CONTEXT = "32251@3gpp.org";

    public static final int DIAMETER_END_USER_SERVICE_DENIED = 4010;
    public static final int DIAMETER_CREDIT_CONTROL_NOT_APPLICABLE = 4011;
    public static final int DIAMETER_CREDIT_LIMIT_REACHED = 4012;
    public static final int DIAMETER_USER_UNKNOWN = 5030;
    public static final int DIAMETER_RATING_FAILED = 5031;

    private GyConstants() {}
}
