package org.diameter4j.simulator.cdf;

import java.util.Locale;

/**
 * When the CDF forces its record file to stable storage ({@code fsync}/{@code fdatasync}).
 *
 * <p>Every record is handed to the operating system ({@code write(2)}, no user-space buffer) before
 * its ACA is sent, under every policy: so a record that was acknowledged survives the CDF process
 * being killed ({@code kill -9}) whatever the policy. The policy decides what survives a crash of
 * the <em>machine</em> (power loss, kernel panic):
 *
 * <ul>
 *   <li>{@link #ALWAYS} (default): the ACA leaves only after the record is on stable storage. An
 *       acknowledged record is never lost. Records arriving together share one fsync (group
 *       commit).
 *   <li>{@link #INTERVAL}: the file is forced every N ms (when something was written). The ACA
 *       leaves after the write, before the fsync: records acknowledged in the last N ms before a
 *       machine crash may be lost — the documented data-loss window.
 *   <li>{@link #NEVER}: the operating system writes back when it likes (typically within 30 s on
 *       Linux); for load tests only.
 * </ul>
 */
public enum FsyncPolicy {
    ALWAYS,
    INTERVAL,
    NEVER;

    /** "always", "interval" or "never" (any case). */
    public static FsyncPolicy parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "fsync policy '" + s + "' is not one of always, interval, never");
        }
    }
}
