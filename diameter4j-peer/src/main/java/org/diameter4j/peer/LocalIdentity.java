package org.diameter4j.peer;

import java.util.List;
import java.util.Locale;

/**
 * What this node says about itself in CER/CEA, DWR/DWA and DPR/DPA (RFC 6733 §5.3, M-06).
 *
 * @param originHost Origin-Host (§6.3)
 * @param originRealm Origin-Realm (§6.4); see {@link #realmOf}
 * @param vendorId Vendor-Id (§5.3.3)
 * @param productName Product-Name (§5.3.7)
 * @param firmwareRevision Firmware-Revision (§5.3.4), or null
 * @param supportedVendorIds Supported-Vendor-Id values (§5.3.6)
 * @param applications the applications advertised
 * @param originStateId Origin-State-Id (§8.16), or null to leave it out
 * @param inbandTls whether Inband-Security-Id TLS (1) is offered (RFC 3588 style)
 */
public record LocalIdentity(
        String originHost,
        String originRealm,
        int vendorId,
        String productName,
        Long firmwareRevision,
        List<Integer> supportedVendorIds,
        List<ApplicationId> applications,
        Long originStateId,
        boolean inbandTls) {

    public LocalIdentity {
        if (originHost == null || originHost.isBlank()) {
            throw new IllegalArgumentException("Origin-Host is required");
        }
        if (originRealm == null || originRealm.isBlank()) {
            originRealm = realmOf(originHost);
        }
        supportedVendorIds = List.copyOf(supportedVendorIds);
        applications = List.copyOf(applications);
    }

    /**
     * The realm derived from a host identity: the part after the first dot, or the whole identity
     * when it has none (seed 003: "bng-gx.realm-1.com" → "realm-1.com").
     */
    public static String realmOf(String host) {
        int dot = host.indexOf('.');
        return dot < 0 || dot == host.length() - 1 ? host : host.substring(dot + 1);
    }

    /** DiameterIdentity comparison: ASCII case-insensitive (RFC 6733 §5.6.4, DNS rules). */
    public static boolean sameIdentity(String a, String b) {
        return a != null
                && b != null
                && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
