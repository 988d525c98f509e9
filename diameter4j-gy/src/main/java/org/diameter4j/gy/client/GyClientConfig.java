package org.diameter4j.gy.client;

import java.time.Duration;
import org.diameter4j.gy.DirectDebitingFailureHandling;
import org.diameter4j.gy.FailureHandling;
import org.diameter4j.gy.GyConstants;

/**
 * Credit-control client settings (RFC 4006 §13).
 *
 * @param primaryServer the credit-control server's Diameter identity (null: the node's routing)
 * @param alternateServer the backup server for failover (RFC 4006 §5.7), or null
 * @param destinationRealm Destination-Realm of the requests, or null for the peer's realm
 * @param tx the Tx timer (default 10 s)
 * @param requestTimeout how long a request may wait for a late answer after Tx (default 30 s)
 * @param failureHandling locally configured CCFH (default TERMINATE); the server's value overrides
 *     it
 * @param directDebitingFailureHandling locally configured DDFH (default TERMINATE_OR_BUFFER)
 * @param quotaThreshold fraction of granted units whose use triggers re-authorisation (default 0.8)
 */
public record GyClientConfig(
        String serviceContextId,
        String primaryServer,
        String alternateServer,
        String destinationRealm,
        Duration tx,
        Duration requestTimeout,
        FailureHandling failureHandling,
        DirectDebitingFailureHandling directDebitingFailureHandling,
        double quotaThreshold) {

    public static GyClientConfig defaults() {
        return new GyClientConfig(
                GyConstants.PS_SERVICE_CONTEXT,
                null,
                null,
                null,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                FailureHandling.TERMINATE,
                DirectDebitingFailureHandling.TERMINATE_OR_BUFFER,
                0.8);
    }

    public GyClientConfig withServiceContextId(String s) {
        return new GyClientConfig(
                s,
                primaryServer,
                alternateServer,
                destinationRealm,
                tx,
                requestTimeout,
                failureHandling,
                directDebitingFailureHandling,
                quotaThreshold);
    }

    public GyClientConfig withServers(String primary, String alternate) {
        return new GyClientConfig(
                serviceContextId,
                primary,
                alternate,
                destinationRealm,
                tx,
                requestTimeout,
                failureHandling,
                directDebitingFailureHandling,
                quotaThreshold);
    }

    public GyClientConfig withDestinationRealm(String r) {
        return new GyClientConfig(
                serviceContextId,
                primaryServer,
                alternateServer,
                r,
                tx,
                requestTimeout,
                failureHandling,
                directDebitingFailureHandling,
                quotaThreshold);
    }

    public GyClientConfig withTimers(Duration txTimer, Duration timeout) {
        return new GyClientConfig(
                serviceContextId,
                primaryServer,
                alternateServer,
                destinationRealm,
                txTimer,
                timeout,
                failureHandling,
                directDebitingFailureHandling,
                quotaThreshold);
    }

    public GyClientConfig withFailureHandling(FailureHandling f) {
        return new GyClientConfig(
                serviceContextId,
                primaryServer,
                alternateServer,
                destinationRealm,
                tx,
                requestTimeout,
                f,
                directDebitingFailureHandling,
                quotaThreshold);
    }

    public GyClientConfig withDirectDebitingFailureHandling(DirectDebitingFailureHandling f) {
        return new GyClientConfig(
                serviceContextId,
                primaryServer,
                alternateServer,
                destinationRealm,
                tx,
                requestTimeout,
                failureHandling,
                f,
                quotaThreshold);
    }

    public GyClientConfig withQuotaThreshold(double t) {
        if (t <= 0 || t > 1) {
            throw new IllegalArgumentException("quota threshold must be in (0, 1], not " + t);
        }
        return new GyClientConfig(
                serviceContextId,
                primaryServer,
                alternateServer,
                destinationRealm,
                tx,
                requestTimeout,
                failureHandling,
                directDebitingFailureHandling,
                t);
    }
}
