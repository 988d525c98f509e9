package org.diameter4j.s6a;

import java.util.Set;
import org.diameter4j.peer.ApplicationId;

/** S6a/S6d constants (3GPP TS 29.272 §7): the application, commands, flag bits and result codes. */
public final class S6a {
    private S6a() {}

    /** The S6a/S6d Application-Id (TS 29.272 §7.1.8). */
    public static final long APPLICATION_ID = 16777251L;

    /** 3GPP's Vendor-Id. */
    public static final int VENDOR_3GPP = 10415;

    /** What a node advertises in CER/CEA: Vendor-Specific-Application-Id {10415, 16777251}. */
    public static ApplicationId application() {
        return ApplicationId.vendorAuth(VENDOR_3GPP, APPLICATION_ID);
    }

    // ---- command codes (TS 29.272 §7.2.1) ----
    public static final int UPDATE_LOCATION = 316;
    public static final int CANCEL_LOCATION = 317;
    public static final int AUTHENTICATION_INFORMATION = 318;
    public static final int INSERT_SUBSCRIBER_DATA = 319;
    public static final int DELETE_SUBSCRIBER_DATA = 320;
    public static final int PURGE_UE = 321;
    public static final int RESET = 322;
    public static final int NOTIFY = 323;

    /** The short name of an S6a command ("ULR", "AIA" …). */
    public static String commandName(int code, boolean request) {
        String base =
                switch (code) {
                    case UPDATE_LOCATION -> "UL";
                    case CANCEL_LOCATION -> "CL";
                    case AUTHENTICATION_INFORMATION -> "AI";
                    case INSERT_SUBSCRIBER_DATA -> "ID";
                    case DELETE_SUBSCRIBER_DATA -> "DS";
                    case PURGE_UE -> "PU";
                    case RESET -> "RS";
                    case NOTIFY -> "NO";
                    default -> null;
                };
        return base == null
                ? (request ? "request " : "answer ") + code
                : base + (request ? "R" : "A");
    }

    // ---- ULR-Flags (TS 29.272 §7.3.7) ----
    public static final long ULR_SINGLE_REGISTRATION_INDICATION = 1;
    public static final long ULR_S6A_S6D_INDICATOR = 1 << 1;
    public static final long ULR_SKIP_SUBSCRIBER_DATA = 1 << 2;
    public static final long ULR_GPRS_SUBSCRIPTION_DATA_INDICATOR = 1 << 3;
    public static final long ULR_NODE_TYPE_INDICATOR = 1 << 4;
    public static final long ULR_INITIAL_ATTACH_INDICATOR = 1 << 5;
    public static final long ULR_PS_LCS_NOT_SUPPORTED_BY_UE = 1 << 6;
    public static final long ULR_SMS_ONLY_INDICATION = 1 << 7;

    // ---- ULA-Flags (TS 29.272 §7.3.8) ----
    public static final long ULA_SEPARATION_INDICATION = 1;
    public static final long ULA_MME_REGISTERED_FOR_SMS = 1 << 1;

    // ---- PUA-Flags (TS 29.272 §7.3.48) ----
    public static final long PUA_FREEZE_M_TMSI = 1;
    public static final long PUA_FREEZE_P_TMSI = 1 << 1;

    // ---- CLR-Flags (TS 29.272 §7.3.152) ----
    public static final long CLR_S6A_S6D_INDICATOR = 1;
    public static final long CLR_REATTACH_REQUIRED = 1 << 1;

    // ---- Experimental-Result-Code values (TS 29.272 §7.4.3, §7.4.4) ----
    public static final long DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE = 4181;
    public static final long DIAMETER_ERROR_CAMEL_SUBSCRIPTION_PRESENT = 4182;
    public static final long DIAMETER_ERROR_USER_UNKNOWN = 5001;
    public static final long DIAMETER_ERROR_ROAMING_NOT_ALLOWED = 5004;
    public static final long DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION = 5420;
    public static final long DIAMETER_ERROR_RAT_NOT_ALLOWED = 5421;
    public static final long DIAMETER_ERROR_EQUIPMENT_UNKNOWN = 5422;
    public static final long DIAMETER_ERROR_UNKNOWN_SERVING_NODE = 5423;

    /**
     * The TS 29.272 codes that are sent as Experimental-Result (Vendor-Id 10415), not Result-Code.
     */
    public static final Set<Long> EXPERIMENTAL_RESULT_CODES =
            Set.of(
                    DIAMETER_AUTHENTICATION_DATA_UNAVAILABLE,
                    DIAMETER_ERROR_CAMEL_SUBSCRIPTION_PRESENT,
                    DIAMETER_ERROR_USER_UNKNOWN,
                    DIAMETER_ERROR_ROAMING_NOT_ALLOWED,
                    DIAMETER_ERROR_UNKNOWN_EPS_SUBSCRIPTION,
                    DIAMETER_ERROR_RAT_NOT_ALLOWED,
                    DIAMETER_ERROR_EQUIPMENT_UNKNOWN,
                    DIAMETER_ERROR_UNKNOWN_SERVING_NODE);
}
