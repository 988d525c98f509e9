package org.diameter4j.simulator;

/**
 * What a rule does to a matching request.
 *
 * @param resultCode answer with this Result-Code instead of the normal answer (0: normal answer)
 * @param delayMillis wait this long before answering (0: no delay)
 * @param drop never answer
 * @param close close the connection the request came on, without answering
 */
public record RuleAction(long resultCode, long delayMillis, boolean drop, boolean close) {
    public static RuleAction answer(long resultCode) {
        return new RuleAction(resultCode, 0, false, false);
    }

    public static RuleAction delay(long millis) {
        return new RuleAction(0, millis, false, false);
    }

    public static RuleAction dropRequest() {
        return new RuleAction(0, 0, true, false);
    }

    public static RuleAction closeConnection() {
        return new RuleAction(0, 0, false, true);
    }
}
