package org.diameter4j.peer;

/**
 * An application a node advertises in CER/CEA (RFC 6733 §5.3): Auth-Application-Id or
 * Acct-Application-Id, inside a Vendor-Specific-Application-Id when {@code vendorId} is not 0.
 */
public record ApplicationId(long id, int vendorId, boolean accounting) {
    /** The Relay Application Id (RFC 6733 §2.4): relays and proxies advertise it. */
    public static final long RELAY = 0xffffffffL;

    public static ApplicationId auth(long id) {
        return new ApplicationId(id, 0, false);
    }

    public static ApplicationId acct(long id) {
        return new ApplicationId(id, 0, true);
    }

    /** A 3GPP (or other vendor) application: advertised in a Vendor-Specific-Application-Id. */
    public static ApplicationId vendorAuth(int vendorId, long id) {
        return new ApplicationId(id, vendorId, false);
    }

    public static ApplicationId relay() {
        return auth(RELAY);
    }

    public boolean isRelay() {
        return id == RELAY;
    }

    @Override
    public String toString() {
        if (isRelay()) {
            return "relay";
        }
        return (accounting ? "acct " : "auth ")
                + id
                + (vendorId != 0 ? " (vendor " + vendorId + ")" : "");
    }
}
