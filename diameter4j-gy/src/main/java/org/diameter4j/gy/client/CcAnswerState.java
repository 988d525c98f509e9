package org.diameter4j.gy.client;

import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.DirectDebitingFailureHandling;
import org.diameter4j.gy.FailureHandling;

/**
 * What a client session learned from its server's answers: the Credit-Control-Failure-Handling (RFC
 * 4006 §8.14) and Direct-Debiting-Failure-Handling (§8.15) in force — the server's last values,
 * else the configured ones — whether it said FAILOVER_SUPPORTED (CC-Session-Failover, §8.4), and
 * the last answer or failure, which every {@link CcOutcome} quotes. Guarded by its {@link
 * GyClientSession}'s lock.
 */
final class CcAnswerState {
    private FailureHandling ccfh;
    private DirectDebitingFailureHandling ddfh;
    private Boolean failoverSupported;
    private CreditControlAnswer lastAnswer;
    private String lastReason;

    CcAnswerState(GyClientConfig config) {
        this.ccfh = config.failureHandling();
        this.ddfh = config.directDebitingFailureHandling();
    }

    FailureHandling ccfh() {
        return ccfh;
    }

    DirectDebitingFailureHandling ddfh() {
        return ddfh;
    }

    Boolean failoverSupported() {
        return failoverSupported;
    }

    CreditControlAnswer lastAnswer() {
        return lastAnswer;
    }

    /** An answer ({@code cca}) or the failure to get one ({@code error}): the server's terms. */
    void answered(CreditControlAnswer cca, Throwable error) {
        lastAnswer = cca;
        lastReason =
                error != null
                        ? "request failed: " + CcFailureHandling.rootMessage(error)
                        : cca.resultCode() + " " + cca.resultCodeName();
        if (cca != null) {
            if (cca.failureHandling() != null) {
                ccfh = cca.failureHandling();
            }
            if (cca.directDebitingFailureHandling() != null) {
                ddfh = cca.directDebitingFailureHandling();
            }
            if (cca.failoverSupported() != null) {
                failoverSupported = cca.failoverSupported();
            }
        }
    }

    /** No answer came in time (Tx, §13): {@code reason} says from whom and how long. */
    void noAnswer(String reason) {
        lastAnswer = null;
        lastReason = reason;
    }

    /** The last result in words: the Result-Code and its name, "Tx expired …", the failure. */
    String describe() {
        if (lastReason != null) {
            return lastReason;
        }
        return lastAnswer == null
                ? "no answer"
                : lastAnswer.resultCode() + " " + lastAnswer.resultCodeName();
    }

    CcOutcome outcome(CcOutcome.Kind kind) {
        return new CcOutcome(kind, lastAnswer, describe());
    }

    /** Grant service: GRANTED on a successful answer, else GRANTED_ON_FAILURE (CCFH/DDFH). */
    CcOutcome granted() {
        return outcome(
                lastAnswer != null && lastAnswer.isSuccess()
                        ? CcOutcome.Kind.GRANTED
                        : CcOutcome.Kind.GRANTED_ON_FAILURE);
    }

    /** The session went Idle. */
    CcOutcome ended() {
        return new CcOutcome(CcOutcome.Kind.ENDED, lastAnswer, "session ended: " + describe());
    }
}
