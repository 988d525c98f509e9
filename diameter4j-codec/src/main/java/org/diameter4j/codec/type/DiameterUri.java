package org.diameter4j.codec.type;

import java.util.Locale;

/**
 * The DiameterURI format (RFC 6733 §4.3.1):
 *
 * <pre>
 * "aaa://" FQDN [ port ] [ transport ] [ protocol ]     ; no transport security
 * "aaas://" FQDN [ port ] [ transport ] [ protocol ]    ; transport security used
 * port      = ":" 1*DIGIT          ; 3868 for aaa, 5658 for aaas when absent
 * transport = ";transport=" ( "tcp" / "sctp" / "udp" )
 * protocol  = ";protocol=" ( "diameter" / "radius" / "tacacs+" )
 * </pre>
 *
 * An IPv6 literal may stand in brackets for the FQDN ({@code aaa://[2001:db8::1]:3868}).
 */
public record DiameterUri(
        boolean secure,
        String host,
        int port,
        String transport,
        String protocol,
        boolean portGiven) {

    public static final int DEFAULT_PORT = 3868;
    public static final int DEFAULT_SECURE_PORT = 5658;

    public DiameterUri {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("DiameterURI without a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("DiameterURI port " + port + " is outside 1..65535");
        }
    }

    /** A URI for {@code host:port} with the defaults (tcp, diameter). */
    public static DiameterUri of(String host, int port) {
        return new DiameterUri(false, host, port, "tcp", "diameter", true);
    }

    /**
     * Parses a DiameterURI. Throws {@link IllegalArgumentException} naming the fault and what was
     * expected.
     */
    public static DiameterUri parse(String text) {
        return parse(text, false);
    }

    /**
     * As {@link #parse(String)}; with {@code listening} true, port 0 (let the system choose, for a
     * listener) is accepted.
     */
    public static DiameterUri parse(String text, boolean listening) {
        String s = text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        boolean secure;
        int i;
        if (lower.startsWith("aaas://")) {
            secure = true;
            i = 7;
        } else if (lower.startsWith("aaa://")) {
            secure = false;
            i = 6;
        } else {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a DiameterURI: it must start with aaa:// or aaas://");
        }
        int semi = s.indexOf(';', i);
        String authority = semi < 0 ? s.substring(i) : s.substring(i, semi);
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (rest.startsWith(":")) {
                portText = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "': unexpected '" + rest + "'");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(':') != colon) {
                throw new IllegalArgumentException(
                        "'"
                                + text
                                + "': write an IPv6 address in brackets, e.g. aaa://[2001:db8::1]");
            }
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host after the scheme");
        }
        for (int k = 0; k < host.length(); k++) {
            char c = host.charAt(k);
            if (c <= ' ' || c == '/' || c == '@' || c >= 0x7f) {
                throw new IllegalArgumentException(
                        "'" + text + "': character '" + c + "' is not allowed in a host name");
            }
        }
        int port = secure ? DEFAULT_SECURE_PORT : DEFAULT_PORT;
        if (portText != null) {
            port = parsePort(text, portText, listening);
        }
        String transport = "tcp";
        String protocol = "diameter";
        if (semi >= 0) {
            for (String param : s.substring(semi + 1).split(";", -1)) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : param.substring(eq + 1).toLowerCase(Locale.ROOT);
                switch (key) {
                    case "transport" -> {
                        if (!value.equals("tcp") && !value.equals("sctp") && !value.equals("udp")) {
                            throw new IllegalArgumentException(
                                    "'"
                                            + text
                                            + "': transport must be tcp, sctp or udp, not '"
                                            + value
                                            + "'");
                        }
                        transport = value;
                    }
                    case "protocol" -> {
                        if (!value.equals("diameter")
                                && !value.equals("radius")
                                && !value.equals("tacacs+")) {
                            throw new IllegalArgumentException(
                                    "'"
                                            + text
                                            + "': protocol must be diameter, radius or tacacs+, not '"
                                            + value
                                            + "'");
                        }
                        protocol = value;
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "'"
                                            + text
                                            + "': unknown parameter '"
                                            + param
                                            + "' (expected ;transport= or ;protocol=)");
                }
            }
        }
        if (transport.equals("udp") && protocol.equals("diameter")) {
            // §4.3.1: "transport=udp ... MUST NOT be used when the aaa-protocol field is set to
            // diameter".
            throw new IllegalArgumentException(
                    "'" + text + "': Diameter does not run over UDP (RFC 6733 §4.3.1)");
        }
        return new DiameterUri(secure, host, port, transport, protocol, portText != null);
    }

    private static int parsePort(String text, String portText, boolean listening) {
        if (portText.isEmpty()
                || portText.length() > 5
                || !portText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(
                    "'" + text + "': port '" + portText + "' is not a number 1..65535");
        }
        int p = Integer.parseInt(portText);
        if ((p < 1 && !(listening && p == 0)) || p > 65535) {
            throw new IllegalArgumentException(
                    "'" + text + "': port " + p + " is outside 1..65535");
        }
        return p;
    }

    /** The canonical text: scheme, host, port, transport and protocol always written. */
    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder(secure ? "aaas://" : "aaa://").append(h);
        sb.append(':').append(port).append(";transport=").append(transport);
        if (!protocol.equals("diameter")) {
            sb.append(";protocol=").append(protocol);
        }
        return sb.toString();
    }
}
