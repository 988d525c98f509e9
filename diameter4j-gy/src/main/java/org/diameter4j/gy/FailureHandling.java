package org.diameter4j.gy;

/** Credit-Control-Failure-Handling (RFC 4006 §8.14); TERMINATE is the default. */
public enum FailureHandling {
    TERMINATE,
    CONTINUE,
    RETRY_AND_TERMINATE;

    public static FailureHandling of(long v) {
        return switch ((int) v) {
            case 1 -> CONTINUE;
            case 2 -> RETRY_AND_TERMINATE;
            default -> TERMINATE;
        };
    }
}
