package org.diameter4j.cli.probe;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.HostResolver;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.internal.Capabilities;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.ConnectionHandler;
import org.diameter4j.transport.TlsConfig;
import org.diameter4j.transport.Transport;
import org.diameter4j.transport.TransportConfig;
import org.diameter4j.transport.TransportProtocol;

/**
 * Runs a probe: each step waits for its answer (bounded by the timeout) and the first failure ends
 * the probe with a diagnosis in words a user understands (seed 000, seed 001, MISSION M-27).
 */
public final class Prober {
    static final int DWR = 280;
    static final int DPR = 282;
    static final int DISCONNECT_CAUSE = 273;
    static final int RESULT_CODE = 268;
    static final int ERROR_MESSAGE = 281;

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

    /** Event from the connection, in arrival order. */
    private record Event(
            DiameterMessage message, DecodeFailure malformed, Throwable closedBy, boolean closed) {}

    private static final class Collector implements ConnectionHandler {
        final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(Connection c, DiameterMessage m) {
            events.add(new Event(m, null, null, false));
        }

        @Override
        public void onMalformed(Connection c, DecodeFailure f) {
            events.add(new Event(null, f, null, false));
        }

        @Override
        public void onClosed(Connection c, Throwable cause) {
            events.add(new Event(null, null, cause, true));
        }
    }

    public ProbeVerdict run(Options o, Consumer<ProbeStep> progress) {
        List<ProbeStep> steps = new ArrayList<>();
        Consumer<ProbeStep> step =
                s -> {
                    steps.add(s);
                    progress.accept(s);
                };
        long timeoutMs = o.timeout().toMillis();
        String host = o.uri().host();
        // 1. DNS
        long t0 = System.nanoTime();
        List<InetAddress> addrs;
        try {
            addrs = o.resolver().resolve(host).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            String why =
                    e instanceof TimeoutException
                            ? host + ": no answer from DNS within " + o.timeout().toSeconds() + " s"
                            : message(e).replaceFirst("^DNS: ", "");
            step.accept(new ProbeStep("DNS", false, ms(t0), why));
            return new ProbeVerdict(
                    steps,
                    "dns",
                    "DNS failure: " + why + ".",
                    "Check the spelling of the FQDN, this machine's DNS settings (/etc/resolv.conf)"
                            + " and its network access; or give the peer's IP address instead.",
                    3);
        }
        List<String> shown = addrs.stream().map(InetAddress::getHostAddress).toList();
        step.accept(
                new ProbeStep(
                        "DNS",
                        true,
                        ms(t0),
                        host.equals(shown.get(0))
                                ? host + " (IP literal, no lookup)"
                                : host + " -> " + String.join(", ", shown)));

        DecodeOptions decode =
                DecodeOptions.DEFAULT
                        .withTypes(dict)
                        .withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH);
        Transport transport =
                Transport.create(
                        TransportConfig.defaults(decode)
                                .withIoThreads(1)
                                .withConnectTimeout(o.timeout()));
        try {
            return afterDns(o, steps, step, addrs.get(0), transport);
        } finally {
            transport.close();
        }
    }

    private ProbeVerdict afterDns(
            Options o,
            List<ProbeStep> steps,
            Consumer<ProbeStep> step,
            InetAddress addr,
            Transport transport) {
        long timeoutMs = o.timeout().toMillis();
        InetSocketAddress target = new InetSocketAddress(addr, o.uri().port());
        String where = addr.getHostAddress() + ":" + o.uri().port();
        // 2. TCP (and TLS for aaas://)
        Collector col = new Collector();
        boolean tls = o.uri().secure();
        long t0 = System.nanoTime();
        Connection conn;
        try {
            conn =
                    transport
                            .connect(
                                    target,
                                    o.bind(),
                                    TransportProtocol.TCP,
                                    tls ? o.tls() : null,
                                    transport.eventLoops().next(),
                                    col)
                            .get(timeoutMs + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable c = root(e);
            String msg = message(c);
            if (c instanceof SSLException) {
                step.accept(
                        new ProbeStep(
                                "TLS",
                                false,
                                ms(t0),
                                "handshake with " + where + " failed: " + msg));
                return tlsFailure(steps, msg);
            }
            boolean refused =
                    c instanceof ConnectException
                            && msg.toLowerCase(Locale.ROOT).contains("refused");
            step.accept(
                    new ProbeStep(
                            "TCP",
                            false,
                            ms(t0),
                            "connect to "
                                    + where
                                    + ": "
                                    + (refused
                                            ? "connection refused"
                                            : c instanceof ConnectTimeoutException
                                                    ? "timed out"
                                                    : msg)));
            if (c instanceof ConnectTimeoutException) {
                return new ProbeVerdict(
                        steps,
                        "tcp-timeout",
                        "TCP connect timeout: "
                                + where
                                + " did not answer within "
                                + o.timeout().toSeconds()
                                + " s.",
                        "A firewall, security group or load balancer drops the traffic,"
                                + " or the address is wrong. Check the route and that port "
                                + o.uri().port()
                                + " is open.",
                        3);
            }
            if (refused) {
                return new ProbeVerdict(
                        steps,
                        "refused",
                        "Connection refused: nothing listens on " + where + ".",
                        "Start the Diameter server, or check the port (3868 for aaa://, 5658 for aaas://).",
                        3);
            }
            if (msg.toLowerCase(Locale.ROOT).contains("not an address of this machine")
                    || msg.toLowerCase(Locale.ROOT).contains("cannot assign")) {
                return new ProbeVerdict(
                        steps,
                        "bind",
                        "The local address " + o.bind() + " cannot be used: " + msg + ".",
                        "Give --bind an address of this machine, or leave it out to let the system choose.",
                        3);
            }
            return new ProbeVerdict(
                    steps,
                    "connect",
                    "Cannot connect to " + where + ": " + msg + ".",
                    "Check the address, the port and the network path.",
                    3);
        } catch (TimeoutException | InterruptedException e) {
            step.accept(new ProbeStep("TCP", false, ms(t0), "connect to " + where + ": no answer"));
            return new ProbeVerdict(
                    steps,
                    "tcp-timeout",
                    "TCP connect timeout: " + where + " did not answer.",
                    "A firewall or security group drops the traffic, or the address is wrong.",
                    3);
        }
        step.accept(
                new ProbeStep(
                        "TCP",
                        true,
                        ms(t0),
                        conn.localAddress().getAddress().getHostAddress()
                                + ":"
                                + conn.localAddress().getPort()
                                + " -> "
                                + where));
        if (tls) {
            step.accept(
                    new ProbeStep(
                            "TLS",
                            true,
                            0,
                            conn.peerCertificates().isEmpty()
                                    ? "handshake done"
                                    : "peer certificate "
                                            + conn.peerCertificates()
                                                    .get(0)
                                                    .getSubjectX500Principal()
                                                    .getName()));
        }
        try {
            return exchange(o, steps, step, conn, col);
        } finally {
            conn.close();
        }
    }

    private ProbeVerdict exchange(
            Options o,
            List<ProbeStep> steps,
            Consumer<ProbeStep> step,
            Connection conn,
            Collector col) {
        long timeoutMs = o.timeout().toMillis();
        LocalIdentity local = o.local();
        // 3. CER/CEA (Host-IP-Address: the connected socket's own address, M-04)
        DiameterMessage cer = Capabilities.cer(local, conn.localAddress().getAddress(), false);
        cer.hopByHop(1).endToEnd((int) (System.currentTimeMillis() / 1000 << 20));
        long t0 = System.nanoTime();
        conn.send(cer);
        Event e = next(col, timeoutMs);
        String offered = apps(local.applications());
        if (e == null) {
            step.accept(
                    new ProbeStep(
                            "CER/CEA",
                            false,
                            ms(t0),
                            "no CEA within " + o.timeout().toSeconds() + " s"));
            return new ProbeVerdict(
                    steps,
                    "no-cea",
                    "Connected, but no CEA: the peer accepted the TCP connection and did not"
                            + " answer our CER within "
                            + o.timeout().toSeconds()
                            + " s.",
                    "The port may not be a Diameter server, the peer may silently ignore unknown Origin-Hosts (is '"
                            + local.originHost()
                            + "' configured on it?), or a load balancer forwards to a dead backend.",
                    4);
        }
        if (e.closed()) {
            String tlsHint =
                    e.closedBy() instanceof SSLException ? " (" + message(e.closedBy()) + ")" : "";
            step.accept(
                    new ProbeStep(
                            "CER/CEA",
                            false,
                            ms(t0),
                            "the peer closed the connection after our CER" + tlsHint));
            return new ProbeVerdict(
                    steps,
                    "closed-after-cer",
                    "The peer closed the connection right after our CER,"
                            + " without a CEA"
                            + tlsHint
                            + ".",
                    "The peer most likely does not know us: ask its operator to provision"
                            + " Origin-Host '"
                            + local.originHost()
                            + "' and our address "
                            + conn.localAddress().getAddress().getHostAddress()
                            + ". If it expects TLS, probe aaas://… instead.",
                    3);
        }
        if (e.malformed() != null) {
            step.accept(
                    new ProbeStep("CER/CEA", false, ms(t0), "malformed answer: " + e.malformed()));
            return new ProbeVerdict(
                    steps,
                    "malformed",
                    "The peer answered with a malformed message: " + e.malformed() + ".",
                    "Decode a capture with 'd4j decode --file capture.pcap' to see the bytes; the peer may not speak Diameter.",
                    1);
        }
        DiameterMessage cea = e.message();
        if (cea.commandCode() != 257 || cea.isRequest()) {
            step.accept(
                    new ProbeStep(
                            "CER/CEA",
                            false,
                            ms(t0),
                            "got "
                                    + dict.commandName(
                                            cea.applicationId(), cea.commandCode(), cea.isRequest())
                                    + " instead of a CEA"));
            return new ProbeVerdict(
                    steps,
                    "cea-error",
                    "The peer answered our CER with another message ("
                            + dict.commandName(
                                    cea.applicationId(), cea.commandCode(), cea.isRequest())
                            + ").",
                    "The peer does not follow RFC 6733 §5.3; check what listens on this port.",
                    1);
        }
        RemoteCapabilities caps = Capabilities.read(cea);
        long rc = resultCode(cea);
        String rcText = rc + (dict.resultCodeName(rc) != null ? " " + dict.resultCodeName(rc) : "");
        Avp em = cea.find(ERROR_MESSAGE);
        String errText = em != null ? " (\"" + em.asUtf8() + "\")" : "";
        String theirs = apps(caps.applications());
        String who =
                caps.originHost()
                        + " (realm "
                        + caps.originRealm()
                        + ", product \""
                        + caps.productName()
                        + "\")";
        if (rc != 2001) {
            step.accept(
                    new ProbeStep(
                            "CER/CEA", false, ms(t0), "CEA " + rcText + errText + " from " + who));
            if (rc == 5010) {
                return new ProbeVerdict(
                        steps,
                        "no-common-application",
                        "No common application (5010): we offered "
                                + offered
                                + (caps.applications().isEmpty()
                                        ? ", the peer did not list its own in the CEA"
                                                + (em != null
                                                        ? "; its Error-Message says \""
                                                                + em.asUtf8()
                                                                + "\""
                                                        : "")
                                        : ", the peer supports " + theirs)
                                + ".",
                        "Offer one of the peer's applications with --apps, or ask its operator to enable ours.",
                        1);
            }
            if (rc == 3010) {
                return new ProbeVerdict(
                        steps,
                        "unknown-peer",
                        "The peer does not know us (3010 DIAMETER_UNKNOWN_PEER)" + errText + ".",
                        "Ask the peer's operator to add Origin-Host '"
                                + local.originHost()
                                + "' (address "
                                + conn.localAddress().getAddress().getHostAddress()
                                + ") as a peer, or use the identity it knows.",
                        1);
            }
            return new ProbeVerdict(
                    steps,
                    "cea-error",
                    "The peer refused the capabilities exchange: " + rcText + errText + ".",
                    "Look up the Result-Code in RFC 6733 §7.1; the Error-Message says what the peer disliked.",
                    1);
        }
        if (o.expectedHost() != null
                && !LocalIdentity.sameIdentity(o.expectedHost(), caps.originHost())) {
            step.accept(
                    new ProbeStep(
                            "CER/CEA",
                            false,
                            ms(t0),
                            "CEA 2001 from " + who + ", expected Origin-Host " + o.expectedHost()));
            return new ProbeVerdict(
                    steps,
                    "origin-host-mismatch",
                    "The peer identifies itself as '"
                            + caps.originHost()
                            + "', not '"
                            + o.expectedHost()
                            + "' (mismatch with locally stored information).",
                    "Fix --dest-host (the peer's real Origin-Host is '"
                            + caps.originHost()
                            + "'), or fix the peer's identity;"
                            + " a node that checks it (RFC 6733 §5.6, seed 003) resets the peer.",
                    1);
        }
        List<ApplicationId> common = Capabilities.common(local.applications(), caps.applications());
        if (common.isEmpty()) {
            step.accept(
                    new ProbeStep(
                            "CER/CEA",
                            false,
                            ms(t0),
                            "CEA 2001 from " + who + " but no common application"));
            return new ProbeVerdict(
                    steps,
                    "no-common-application",
                    "The peer accepted the CER but shares no application with"
                            + " us: we offered "
                            + offered
                            + ", it advertises "
                            + theirs
                            + ".",
                    "Offer one of the peer's applications with --apps.",
                    1);
        }
        step.accept(
                new ProbeStep(
                        "CER/CEA",
                        true,
                        ms(t0),
                        "CEA "
                                + rcText
                                + " from "
                                + who
                                + "; common applications "
                                + apps(common)));
        // 4. DWR/DWA
        DiameterMessage dwr = DiameterMessage.request(DWR, 0, false);
        dwr.add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, local.originHost()));
        dwr.add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, local.originRealm()));
        dwr.hopByHop(2).endToEnd(cer.endToEnd() + 1);
        t0 = System.nanoTime();
        conn.send(dwr);
        DiameterMessage dwa = awaitAnswer(col, DWR, timeoutMs, conn);
        if (dwa == null) {
            step.accept(
                    new ProbeStep(
                            "DWR/DWA",
                            false,
                            ms(t0),
                            "no DWA within " + o.timeout().toSeconds() + " s"));
            return new ProbeVerdict(
                    steps,
                    "dwr-unanswered",
                    "The peer completed the capabilities exchange but did not answer" + " our DWR.",
                    "Its watchdog handling is broken (RFC 6733 §5.5): connections to it will be declared down"
                            + " after 2 x Tw. Report it to the peer's operator.",
                    4);
        }
        step.accept(new ProbeStep("DWR/DWA", true, ms(t0), "DWA " + resultCode(dwa)));
        // 5. DPR/DPA
        DiameterMessage dpr = DiameterMessage.request(DPR, 0, false);
        dpr.add(Avp.ofUtf8(264, 0, Avp.FLAG_MANDATORY, local.originHost()));
        dpr.add(Avp.ofUtf8(296, 0, Avp.FLAG_MANDATORY, local.originRealm()));
        dpr.add(Avp.ofInt32(DISCONNECT_CAUSE, 0, Avp.FLAG_MANDATORY, 0)); // REBOOTING
        dpr.hopByHop(3).endToEnd(cer.endToEnd() + 2);
        t0 = System.nanoTime();
        conn.send(dpr);
        DiameterMessage dpa = awaitAnswer(col, DPR, timeoutMs, conn);
        if (dpa == null) {
            step.accept(
                    new ProbeStep(
                            "DPR/DPA",
                            false,
                            ms(t0),
                            "no DPA within " + o.timeout().toSeconds() + " s"));
            return new ProbeVerdict(
                    steps,
                    "dpr-unanswered",
                    "The peer did not answer our DPR.",
                    "Harmless for traffic, but the peer does not follow RFC 6733 §5.4.",
                    4);
        }
        step.accept(new ProbeStep("DPR/DPA", true, ms(t0), "DPA " + resultCode(dpa)));
        return new ProbeVerdict(
                steps, "ok", "The peer is reachable and speaks Diameter with us.", "", 0);
    }

    private static ProbeVerdict tlsFailure(List<ProbeStep> steps, String msg) {
        boolean untrusted = msg.contains("PKIX path") || msg.contains("certification path");
        return new ProbeVerdict(
                steps,
                "tls",
                "TLS handshake failure: "
                        + msg
                        + (untrusted
                                ? " (the peer's certificate is not signed by a CA we trust: see --tls-ca)"
                                : "")
                        + ".",
                "Check the certificates on both sides (trusted CA, not expired, client certificate if the peer requires one),"
                        + " and whether the peer expects TLS at connect (aaas://) or plain TCP (aaa://).",
                3);
    }

    /**
     * The answer to our request of {@code code}, skipping requests the peer sends meanwhile
     * (answered).
     */
    private DiameterMessage awaitAnswer(Collector col, int code, long timeoutMs, Connection conn) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Event e = next(col, Math.max(1, deadline - System.currentTimeMillis()));
            if (e == null || e.closed()) {
                return null;
            }
            DiameterMessage m = e.message();
            if (m == null) {
                continue;
            }
            if (!m.isRequest() && m.commandCode() == code) {
                return m;
            }
            if (m.isRequest() && m.commandCode() == DWR) {
                DiameterMessage a = m.answer();
                a.add(Avp.ofUnsigned32(RESULT_CODE, 0, Avp.FLAG_MANDATORY, 2001));
                conn.send(a);
            }
        }
    }

    private static Event next(Collector col, long timeoutMs) {
        try {
            return col.events.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static long resultCode(DiameterMessage m) {
        Avp rc = m.find(RESULT_CODE);
        return rc != null && rc.valueLength() == 4 ? rc.asUnsigned32() : -1;
    }

    private String apps(List<ApplicationId> apps) {
        List<String> out = new ArrayList<>();
        for (ApplicationId a : apps) {
            var def = dict.application(a.id());
            out.add(
                    (def != null ? def.displayName() + " " : "")
                            + "("
                            + (a.accounting() ? "acct " : "auth ")
                            + a.id()
                            + (a.vendorId() != 0 ? ", vendor " + a.vendorId() : "")
                            + ")");
        }
        return out.isEmpty() ? "(none)" : "[" + String.join(", ", out) + "]";
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static Throwable root(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String message(Throwable t) {
        Throwable c = root(t);
        String m = c.getMessage();
        // Java class names in a message ("sun.security…SunCertPathBuilderException: …") mean
        // nothing to a user: keep the words.
        return m != null && !m.isBlank()
                ? m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "")
                : c.getClass().getSimpleName();
    }
}
