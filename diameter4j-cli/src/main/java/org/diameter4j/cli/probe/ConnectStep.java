package org.diameter4j.cli.probe;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.Transport;
import org.diameter4j.transport.TransportProtocol;

/** Step 2: the TCP connection, with the TLS handshake for aaas:// peers (RFC 6733 §2.1). */
final class ConnectStep {
    private ConnectStep() {}

    /** The open connection, or null when it could not be opened (the log holds why). */
    static Connection connect(
            Prober.Options o, InetAddress addr, Transport transport, Inbox inbox, StepLog log) {
        String where = addr.getHostAddress() + ":" + o.uri().port();
        boolean tls = o.uri().secure();
        long t0 = StepLog.start();
        Connection conn;
        try {
            conn =
                    transport
                            .connect(
                                    new InetSocketAddress(addr, o.uri().port()),
                                    o.bind(),
                                    TransportProtocol.TCP,
                                    tls ? o.tls() : null,
                                    transport.eventLoops().next(),
                                    inbox)
                            .get(o.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            log.record(failed(Words.root(e), where, o), t0);
            return null;
        } catch (TimeoutException | InterruptedException e) {
            log.record(noAnswer(where), t0);
            return null;
        }
        log.record(connected(conn, where), t0);
        if (tls) {
            log.record(handshaken(conn), 0);
        }
        return conn;
    }

    static Finding connected(Connection conn, String where) {
        return Finding.passed(
                "TCP",
                conn.localAddress().getAddress().getHostAddress()
                        + ":"
                        + conn.localAddress().getPort()
                        + " -> "
                        + where);
    }

    static Finding handshaken(Connection conn) {
        return Finding.passed(
                "TLS",
                conn.peerCertificates().isEmpty()
                        ? "handshake done"
                        : "peer certificate "
                                + conn.peerCertificates()
                                        .get(0)
                                        .getSubjectX500Principal()
                                        .getName());
    }

    static Finding noAnswer(String where) {
        return Finding.failed(
                "TCP",
                "connect to " + where + ": no answer",
                "tcp-timeout",
                "TCP connect timeout: " + where + " did not answer.",
                "A firewall or security group drops the traffic, or the address is wrong.",
                3);
    }

    /** Why the connect failed: TLS, timeout, refused, a bad --bind, or another cause. */
    static Finding failed(Throwable c, String where, Prober.Options o) {
        String msg = Words.message(c);
        if (c instanceof SSLException) {
            return tls(msg, where);
        }
        String lower = msg.toLowerCase(Locale.ROOT);
        boolean refused = c instanceof ConnectException && lower.contains("refused");
        boolean timedOut = c instanceof ConnectTimeoutException;
        String detail =
                "connect to "
                        + where
                        + ": "
                        + (refused ? "connection refused" : timedOut ? "timed out" : msg);
        if (timedOut) {
            return Finding.failed(
                    "TCP",
                    detail,
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
            return Finding.failed(
                    "TCP",
                    detail,
                    "refused",
                    "Connection refused: nothing listens on " + where + ".",
                    "Start the Diameter server, or check the port (3868 for aaa://, 5658 for aaas://).",
                    3);
        }
        if (lower.contains("not an address of this machine") || lower.contains("cannot assign")) {
            return Finding.failed(
                    "TCP",
                    detail,
                    "bind",
                    "The local address " + o.bind() + " cannot be used: " + msg + ".",
                    "Give --bind an address of this machine, or leave it out to let the system choose.",
                    3);
        }
        return Finding.failed(
                "TCP",
                detail,
                "connect",
                "Cannot connect to " + where + ": " + msg + ".",
                "Check the address, the port and the network path.",
                3);
    }

    /** The TLS handshake failed (RFC 6733 §13.1): most often an untrusted certificate. */
    static Finding tls(String msg, String where) {
        boolean untrusted = msg.contains("PKIX path") || msg.contains("certification path");
        return Finding.failed(
                "TLS",
                "handshake with " + where + " failed: " + msg,
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
}
