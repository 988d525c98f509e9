package org.diameter4j.node.overload;

import java.time.Duration;

/**
 * A node's overload control (RFC 7683 DOIC, loss algorithm), {@link #DISABLED} by default. Enabled,
 * the node is both a reacting node (its requests advertise DOIC and obey the reports in their
 * answers) and a reporting node (it reports when told to through {@link OverloadControl#report}, or
 * by itself when {@code autoPendingThreshold} is set).
 *
 * @param enabled whether the node takes part in DOIC at all
 * @param autoPendingThreshold above this many requests in the hands of the node's own request
 *     handlers at once, the node reports a host overload by itself; 0 (the default) never
 * @param autoReductionPercent the OC-Reduction-Percentage of such an automatic report (RFC 7683
 *     §7.7), 0–100
 * @param autoValidity its OC-Validity-Duration (§7.5), renewed while the load stays above the
 *     threshold
 */
public record OverloadConfig(
        boolean enabled,
        int autoPendingThreshold,
        int autoReductionPercent,
        Duration autoValidity) {

    /** No DOIC: no OC-* AVP is added, read or acted on; relayed ones pass through unchanged. */
    public static final OverloadConfig DISABLED =
            new OverloadConfig(false, 0, 0, Duration.ofSeconds(30));

    /** DOIC on, reports only on request ({@link OverloadControl#report}). */
    public static final OverloadConfig ENABLED =
            new OverloadConfig(true, 0, 0, Duration.ofSeconds(30));

    public OverloadConfig {
        if (autoPendingThreshold < 0) {
            throw new IllegalArgumentException(
                    "overload auto-report threshold must not be negative, got "
                            + autoPendingThreshold);
        }
        if (autoReductionPercent < 0 || autoReductionPercent > 100) {
            throw new IllegalArgumentException(
                    "overload reduction must be 0 to 100 %, got " + autoReductionPercent);
        }
        if (autoValidity == null || autoValidity.toSeconds() < 1 || autoValidity.toHours() > 24) {
            throw new IllegalArgumentException(
                    "overload validity must be 1 s to 24 h (RFC 7683 §7.5), got " + autoValidity);
        }
    }

    /**
     * Enabled, and reporting by itself: {@code reductionPercent} for {@code validity} whenever more
     * than {@code pendingThreshold} requests are being handled at once.
     */
    public static OverloadConfig automatic(
            int pendingThreshold, int reductionPercent, Duration validity) {
        return new OverloadConfig(true, pendingThreshold, reductionPercent, validity);
    }
}
