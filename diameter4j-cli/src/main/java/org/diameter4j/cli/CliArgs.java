package org.diameter4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.peer.ApplicationId;

/** Parsing of the values the commands share: peers, application lists, durations. */
public final class CliArgs {
    private CliArgs() {}

    /** The application names {@code --apps} knows. */
    public static final Map<String, ApplicationId> APPLICATIONS = new LinkedHashMap<>();

    static {
        APPLICATIONS.put("gy", ApplicationId.auth(4));
        APPLICATIONS.put("ro", ApplicationId.auth(4));
        APPLICATIONS.put("rf", ApplicationId.acct(3));
        APPLICATIONS.put("gx", ApplicationId.vendorAuth(10415, 16777238));
        APPLICATIONS.put("s6a", ApplicationId.vendorAuth(10415, 16777251));
        APPLICATIONS.put("nasreq", ApplicationId.auth(1));
        APPLICATIONS.put("relay", ApplicationId.relay());
    }

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

    /** "gy,rf,s6a" or "auth:4,acct:3,vendor:10415:auth:16777238". */
    public static List<ApplicationId> applications(String text) {
        List<ApplicationId> out = new ArrayList<>();
        for (String raw : text.split(",")) {
            String s = raw.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            ApplicationId a = APPLICATIONS.get(s);
            if (a == null) {
                a = numeric(s);
            }
            if (a == null) {
                throw UserError.usage(
                        "unknown application '"
                                + raw.trim()
                                + "': use "
                                + String.join(", ", APPLICATIONS.keySet())
                                + ", or auth:ID, acct:ID, vendor:VENDOR:auth:ID");
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

    private static ApplicationId numeric(String s) {
        String[] p = s.split(":");
        try {
            if (p.length == 2 && (p[0].equals("auth") || p[0].equals("acct"))) {
                long id = Long.parseLong(p[1]);
                return p[0].equals("auth") ? ApplicationId.auth(id) : ApplicationId.acct(id);
            }
            if (p.length == 4
                    && p[0].equals("vendor")
                    && (p[2].equals("auth") || p[2].equals("acct"))) {
                return new ApplicationId(
                        Long.parseLong(p[3]), Integer.parseInt(p[1]), p[2].equals("acct"));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
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
