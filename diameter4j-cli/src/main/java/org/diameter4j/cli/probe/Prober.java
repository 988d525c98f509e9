package org.diameter4j.cli.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.TlsConfig;
import org.diameter4j.transport.Transport;
import org.diameter4j.transport.TransportConfig;

/**
 * Runs a probe: each step waits for its answer (bounded by the timeout) and the first failure ends
 * the probe with a diagnosis in words a user understands (seed 000, seed 001, MISSION M-27). The
 * steps, in order: {@link DnsStep}, {@link ConnectStep}, {@link CapabilitiesStep} (judging the CEA
 * with {@link CeaDiagnosis}), {@link RequestSteps} DWR then DPR.
 */
public final class Prober {
    /**
     * @param expectedHost the Origin-Host the peer must announce (--dest-host), or null
     * @param bind the local address to connect from, or null
     * @param tls TLS settings for aaas:// peers, or null
     */
    public record Options(
            DiameterUri uri,
            LocalIdentity local,
            String expectedHost,
            InetSocketAddress bind,
            TlsConfig tls,
            Duration timeout,
            HostResolver resolver) {}

    private final Dictionary dict;

    public Prober(Dictionary dict) {
        this.dict = dict;
    }

    /** Runs the steps, reporting each to {@code progress} as it ends. */
    public ProbeVerdict run(Options o, Consumer<ProbeStep> progress) {
        StepLog log = new StepLog(progress);
        List<InetAddress> addrs = DnsStep.resolve(o.resolver(), o.uri().host(), o.timeout(), log);
        if (addrs == null) {
            return log.verdict();
        }
        Transport transport = Transport.create(transportConfig(o));
        try {
            Inbox inbox = new Inbox();
            Connection conn = ConnectStep.connect(o, addrs.get(0), transport, inbox, log);
            if (conn != null) {
                try {
                    exchange(o, conn, inbox, log);
                } finally {
                    conn.close();
                }
            }
            return log.verdict();
        } finally {
            transport.close();
        }
    }

    /** Steps 3 to 5 on the open connection, each only when the one before passed. */
    private void exchange(Options o, Connection conn, Inbox inbox, StepLog log) {
        int endToEnd = (int) (System.currentTimeMillis() / 1000 << 20);
        boolean passed =
                CapabilitiesStep.exchange(o, conn, inbox, dict, endToEnd, log)
                        && RequestSteps.watchdog(
                                conn, inbox, o.local(), endToEnd + 1, o.timeout(), log);
        if (passed) {
            RequestSteps.disconnect(conn, inbox, o.local(), endToEnd + 2, o.timeout(), log);
        }
    }

    /** One I/O thread; any message length, so an oversized answer is still diagnosed. */
    private TransportConfig transportConfig(Options o) {
        DecodeOptions decode =
                DecodeOptions.DEFAULT
                        .withTypes(dict)
                        .withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH);
        return TransportConfig.defaults(decode).withIoThreads(1).withConnectTimeout(o.timeout());
    }
}
