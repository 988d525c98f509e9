package org.diameter4j.simulator.cdf;

/** AVP codes the CDF reads directly (all IETF, vendor 0). */
final class Names {
    static final int USER_NAME = 1;
    static final int ACCT_INTERIM_INTERVAL = 85;
    static final int ACCT_APPLICATION_ID = 259;
    static final int SESSION_ID = 263;
    static final int ORIGIN_HOST = 264;
    static final int SUBSCRIPTION_ID = 443;
    static final int SUBSCRIPTION_ID_DATA = 444;
    static final int ACCOUNTING_RECORD_TYPE = 480;
    static final int ACCOUNTING_RECORD_NUMBER = 485;

    // Accounting-Record-Type values (RFC 6733 §9.8.1).
    static final long START_RECORD = 2;
    static final long INTERIM_RECORD = 3;
    static final long STOP_RECORD = 4;

    private Names() {}
}
