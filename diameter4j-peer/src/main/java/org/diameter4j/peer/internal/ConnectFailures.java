package org.diameter4j.peer.internal;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * Why a connection failed, in the words a user acts on (seed 001, M-27): "connection refused by
 * 10.0.0.1:3868 (nothing listens there)" rather than an exception's class name.
 */
final class ConnectFailures {
    private ConnectFailures() {}

    /** The message of the innermost cause of {@code t}, or its class name when it has none. */
    static String describe(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException
                        || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m != null && !m.isBlank() ? m : c.getClass().getSimpleName();
    }

    /** A failed TCP/TLS connect to {@code target}. */
    static String connect(InetSocketAddress target, Throwable t) {
        String d = describe(t);
        Throwable c =
                t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                        ? t.getCause()
                        : t;
        String where = target.getAddress().getHostAddress() + ":" + target.getPort();
        if (c instanceof java.net.ConnectException
                && d.toLowerCase(Locale.ROOT).contains("refused")) {
            return "connection refused by " + where + " (nothing listens there)";
        }
        if (c instanceof io.netty.channel.ConnectTimeoutException) {
            return "TCP connect to " + where + " timed out";
        }
        if (c instanceof javax.net.ssl.SSLException) {
            return "TLS handshake with " + where + " failed: " + d;
        }
        return "cannot connect to " + where + ": " + d;
    }

    /** An open connection that closed with {@code cause}. */
    static String lost(Object conn, Throwable cause) {
        // With TLS 1.3 the server checks our certificate after our handshake has completed: its
        // refusal arrives as an alert that closes the connection. Name it (RFC 6733 §13, M-27).
        boolean tls =
                cause instanceof javax.net.ssl.SSLException
                        || cause.getCause() instanceof javax.net.ssl.SSLException;
        return tls
                ? "TLS failure on connection "
                        + conn
                        + ": "
                        + describe(cause)
                        + " (check the certificates and trust on both sides: RFC 6733 §13"
                        + " requires mutual authentication)"
                : "connection " + conn + " lost: " + describe(cause);
    }
}
