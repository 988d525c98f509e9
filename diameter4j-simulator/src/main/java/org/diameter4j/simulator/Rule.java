package org.diameter4j.simulator;

/**
 * A negative-test rule (M-13): requests of {@code command} ("CCR", "ACR", "ULR", "*" for any) for
 * {@code subscriber} (an MSISDN, IMSI or User-Name; null for any) get {@code action}. {@code
 * requestType} narrows CCRs to INITIAL/UPDATE/TERMINATE/EVENT (null for any); {@code times} limits
 * how many requests the rule applies to (0: unlimited).
 */
public record Rule(
        String command, String subscriber, String requestType, RuleAction action, int times) {
    boolean matches(String cmd, String sub, String type) {
        return (command.equals("*") || command.equalsIgnoreCase(cmd))
                && (subscriber == null || subscriber.equals(sub))
                && (requestType == null || requestType.equalsIgnoreCase(type));
    }
}
