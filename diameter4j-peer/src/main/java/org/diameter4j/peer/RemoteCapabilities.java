package org.diameter4j.peer;

import java.net.InetAddress;
import java.util.List;

/**
 * What a peer said about itself in its CER or CEA (RFC 6733 §5.3).
 *
 * @param inbandSecurityIds the Inband-Security-Id values (0 NO_INBAND_SECURITY, 1 TLS)
 */
public record RemoteCapabilities(
        String originHost,
        String originRealm,
        List<InetAddress> hostIpAddresses,
        long vendorId,
        String productName,
        Long originStateId,
        Long firmwareRevision,
        List<Long> supportedVendorIds,
        List<ApplicationId> applications,
        List<Long> inbandSecurityIds) {

    public boolean offersTls() {
        return inbandSecurityIds.contains(1L);
    }
}
