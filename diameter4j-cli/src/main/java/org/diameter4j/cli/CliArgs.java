package org.diameter4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.node.Applications;
import org.diameter4j.peer.ApplicationId;

/** Parsing of the values the commands share: peers, application lists, durations. */
public final class CliArgs {
    private CliArgs() {}

    /**
     * PEER: {@code aaa://host[:port][;transport=tcp]}, {@code aaas://…} or {@code host[:port]};
     * host is an FQDN or an IP (IPv6 in brackets with a port); port 3868 by default.
     */
    public static DiameterUri peer(String text) {
        String t = text.trim();
        if (!t.contains("://")) {
            long colons = t.chars().filter(c -> c == ':').count();
            t = "aaa://" + (colons > 1 && !t.startsWith("[") ? "[" + t + "]" : t);
        }
        try {
            return DiameterUri.parse(t);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(
                    "bad PEER "
                            + e.getMessage()
                            + ". Write aaa://host[:port], aaas://host[:port] or host[:port].");
        }
    }

    /**
     * "gy,rf,s6a" or "auth:4,acct:3,vendor:10415:auth:16777238": the names and forms of {@link
     * Applications}, each application once.
     */
    public static List<ApplicationId> applications(String text) {
        List<ApplicationId> out = new ArrayList<>();
        for (String raw : text.split(",")) {
            if (raw.isBlank()) {
                continue;
            }
            ApplicationId a;
            try {
                a = Applications.parse(raw);
            } catch (IllegalArgumentException e) {
                throw UserError.usage("--apps: " + e.getMessage());
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw UserError.usage("--apps names no application");
        }
        return out;
    }

    /** A duration option, in the one grammar of {@link org.diameter4j.node.Durations}. */
    public static Duration duration(String text, String option) {
        try {
            return org.diameter4j.node.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw UserError.usage(option + ": " + e.getMessage());
        }
    }

    /**
     * {@code --bind ADDR[:PORT]}: an IP address of this machine (M-02), port 0 by default; null
     * when absent.
     */
    public static java.net.InetSocketAddress bind(String bind) {
        if (bind == null) {
            return null;
        }
        String host = bind;
        int port = 0;
        try {
            int colon = bind.lastIndexOf(':');
            if (colon > 0 && bind.indexOf(':') == colon) {
                host = bind.substring(0, colon);
                port = Integer.parseInt(bind.substring(colon + 1));
            } else if (bind.startsWith("[") && bind.contains("]:")) {
                host = bind.substring(1, bind.indexOf(']'));
                port = Integer.parseInt(bind.substring(bind.indexOf("]:") + 2));
            } else if (bind.startsWith("[") && bind.endsWith("]")) {
                host = bind.substring(1, bind.length() - 1);
            }
        } catch (NumberFormatException e) {
            throw UserError.usage(
                    "--bind: '" + bind + "' has a bad port (write 192.0.2.10 or 192.0.2.10:0)");
        }
        if (!org.diameter4j.codec.type.DiameterAddress.isIpLiteral(host)) {
            throw UserError.usage(
                    "--bind: '"
                            + bind
                            + "' is not an IP address (write 192.0.2.10 or 192.0.2.10:0)");
        }
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(host);
            if (!a.isAnyLocalAddress() && java.net.NetworkInterface.getByInetAddress(a) == null) {
                throw UserError.usage(
                        "--bind "
                                + host
                                + " is not an address of this machine: use one of its addresses,"
                                + " or leave --bind out to let the system choose (seed 000, issue 2)");
            }
            return new java.net.InetSocketAddress(a, port);
        } catch (java.net.UnknownHostException | java.net.SocketException e) {
            throw UserError.usage("--bind: " + e.getMessage());
        }
    }
}
