package org.diameter4j.cli.probe;

import javax.net.ssl.SSLException;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.Capabilities;
import org.diameter4j.transport.Connection;

/**
 * Step 3: our CER and the peer's CEA (RFC 6733 §5.3). What arrives instead of a CEA is judged here;
 * a CEA is judged by {@link CeaDiagnosis}.
 */
final class CapabilitiesStep {
    static final String STEP = "CER/CEA";
    static final int CEA = 257;

    private CapabilitiesStep() {}

    /** Sends the CER, waits for the answer and records the step; returns whether it passed. */
    static boolean exchange(
            Prober.Options o,
            Connection conn,
            Inbox inbox,
            Dictionary dict,
            int endToEnd,
            StepLog log) {
        // Host-IP-Address: the connected socket's own address (M-04).
        String ourAddress = conn.localAddress().getAddress().getHostAddress();
        DiameterMessage cer = Capabilities.cer(o.local(), conn.localAddress().getAddress(), false);
        cer.hopByHop(1).endToEnd(endToEnd);
        long t0 = StepLog.start();
        conn.send(cer);
        Inbox.Event e = inbox.next(o.timeout().toMillis());
        return log.record(judge(e, o, ourAddress, dict), t0);
    }

    /** The step's finding from what arrived after the CER (null: nothing in time). */
    static Finding judge(Inbox.Event e, Prober.Options o, String ourAddress, Dictionary dict) {
        LocalIdentity local = o.local();
        if (e == null) {
            return noCea(o, local);
        }
        if (e.closed()) {
            return closed(e.closedBy(), local, ourAddress);
        }
        if (e.malformed() != null) {
            return Finding.failed(
                    STEP,
                    "malformed answer: " + e.malformed(),
                    "malformed",
                    "The peer answered with a malformed message: " + e.malformed() + ".",
                    "Decode a capture with 'd4j decode --file capture.pcap' to see the bytes; the peer may not speak Diameter.",
                    1);
        }
        DiameterMessage m = e.message();
        if (m.commandCode() != CEA || m.isRequest()) {
            String got = dict.commandName(m.applicationId(), m.commandCode(), m.isRequest());
            return Finding.failed(
                    STEP,
                    "got " + got + " instead of a CEA",
                    "cea-error",
                    "The peer answered our CER with another message (" + got + ").",
                    "The peer does not follow RFC 6733 §5.3; check what listens on this port.",
                    1);
        }
        return CeaDiagnosis.judge(m, local, o.expectedHost(), ourAddress, dict);
    }

    private static Finding noCea(Prober.Options o, LocalIdentity local) {
        long s = o.timeout().toSeconds();
        return Finding.failed(
                STEP,
                "no CEA within " + s + " s",
                "no-cea",
                "Connected, but no CEA: the peer accepted the TCP connection and did not"
                        + " answer our CER within "
                        + s
                        + " s.",
                "The port may not be a Diameter server, the peer may silently ignore unknown Origin-Hosts (is '"
                        + local.originHost()
                        + "' configured on it?), or a load balancer forwards to a dead backend.",
                4);
    }

    private static Finding closed(Throwable closedBy, LocalIdentity local, String ourAddress) {
        String tlsHint =
                closedBy instanceof SSLException ? " (" + Words.message(closedBy) + ")" : "";
        return Finding.failed(
                STEP,
                "the peer closed the connection after our CER" + tlsHint,
                "closed-after-cer",
                "The peer closed the connection right after our CER, without a CEA" + tlsHint + ".",
                "The peer most likely does not know us: ask its operator to provision"
                        + " Origin-Host '"
                        + local.originHost()
                        + "' and our address "
                        + ourAddress
                        + ". If it expects TLS, probe aaas://… instead.",
                3);
    }
}
