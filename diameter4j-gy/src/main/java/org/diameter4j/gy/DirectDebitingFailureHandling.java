package org.diameter4j.gy;

/** Direct-Debiting-Failure-Handling (RFC 4006 §8.15); TERMINATE_OR_BUFFER is the default. */
public enum DirectDebitingFailureHandling {
    TERMINATE_OR_BUFFER,
    CONTINUE;

    public static DirectDebitingFailureHandling of(long v) {
        return v == 1 ? CONTINUE : TERMINATE_OR_BUFFER;
    }
}
