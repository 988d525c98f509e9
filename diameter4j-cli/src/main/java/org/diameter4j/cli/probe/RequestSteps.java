package org.diameter4j.cli.probe;

import java.time.Duration;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.transport.Connection;

/** Steps 4 and 5, on the open peer: a DWR/DWA (RFC 6733 §5.5) and a DPR/DPA (§5.4). */
final class RequestSteps {
    static final int DWR = Inbox.DWR;
    static final int DPR = 282;
    static final int DISCONNECT_CAUSE = 273;
    static final int ORIGIN_HOST = 264;
    static final int ORIGIN_REALM = 296;

    private RequestSteps() {}

    /** Step 4: the peer answers our DWR; returns whether it did. */
    static boolean watchdog(
            Connection conn,
            Inbox inbox,
            LocalIdentity local,
            int endToEnd,
            Duration timeout,
            StepLog log) {
        DiameterMessage dwr = request(DWR, local, 2, endToEnd);
        long t0 = StepLog.start();
        conn.send(dwr);
        DiameterMessage dwa = inbox.awaitAnswer(DWR, timeout.toMillis(), conn);
        return log.record(dwa != null ? answered("DWR/DWA", "DWA", dwa) : noDwa(timeout), t0);
    }

    /** Step 5: the peer answers our DPR (Disconnect-Cause REBOOTING); returns whether it did. */
    static boolean disconnect(
            Connection conn,
            Inbox inbox,
            LocalIdentity local,
            int endToEnd,
            Duration timeout,
            StepLog log) {
        DiameterMessage dpr = request(DPR, local, 3, endToEnd);
        dpr.add(Avp.ofInt32(DISCONNECT_CAUSE, 0, Avp.FLAG_MANDATORY, 0)); // REBOOTING
        long t0 = StepLog.start();
        conn.send(dpr);
        DiameterMessage dpa = inbox.awaitAnswer(DPR, timeout.toMillis(), conn);
        return log.record(dpa != null ? answered("DPR/DPA", "DPA", dpa) : noDpa(timeout), t0);
    }

    /** A base request with our Origin-Host and Origin-Realm (RFC 6733 §5.4.1, §5.5.1). */
    static DiameterMessage request(int code, LocalIdentity local, int hopByHop, int endToEnd) {
        DiameterMessage m = DiameterMessage.request(code, 0, false);
        m.add(Avp.ofUtf8(ORIGIN_HOST, 0, Avp.FLAG_MANDATORY, local.originHost()));
        m.add(Avp.ofUtf8(ORIGIN_REALM, 0, Avp.FLAG_MANDATORY, local.originRealm()));
        m.hopByHop(hopByHop).endToEnd(endToEnd);
        return m;
    }

    static Finding answered(String step, String answer, DiameterMessage m) {
        return Finding.passed(step, answer + " " + Words.resultCode(m));
    }

    static Finding noDwa(Duration timeout) {
        return Finding.failed(
                "DWR/DWA",
                "no DWA within " + timeout.toSeconds() + " s",
                "dwr-unanswered",
                "The peer completed the capabilities exchange but did not answer our DWR.",
                "Its watchdog handling is broken (RFC 6733 §5.5): connections to it will be declared down"
                        + " after 2 x Tw. Report it to the peer's operator.",
                4);
    }

    static Finding noDpa(Duration timeout) {
        return Finding.failed(
                "DPR/DPA",
                "no DPA within " + timeout.toSeconds() + " s",
                "dpr-unanswered",
                "The peer did not answer our DPR.",
                "Harmless for traffic, but the peer does not follow RFC 6733 §5.4.",
                4);
    }
}
