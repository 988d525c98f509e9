package org.diameter4j.node;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.diameter4j.node.overload.OverloadReport;

/**
 * Seed 003's show commands as text (M-19): the peers, one peer, its statistics, the realm routing
 * table. Laid out as SR OS lays them out, so operators read them the same way.
 */
public final class NodeShow {
    private static final String RULE = "=".repeat(79);
    private static final String LINE = "-".repeat(79);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss").withZone(ZoneId.systemDefault());

    private NodeShow() {}

    /** {@code show aaa diameter-node "…" peers}. */
    public static String peers(List<PeerView> peers) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n').append("Peers\n").append(RULE).append('\n');
        sb.append(
                String.format(
                        "%-38s %-13s %-7s %-10s %s%n",
                        "Host identity", "Status", "Default", "Preference", "Active"));
        sb.append(LINE).append('\n');
        for (PeerView p : peers) {
            sb.append(
                    String.format(
                            "%-38s %-13s %-7s %-10d %s%n",
                            p.hostIdentity(),
                            p.status().rfcName(),
                            yesNo(p.defaultPeer()),
                            p.preference(),
                            yesNo(p.active())));
        }
        sb.append(LINE).append('\n');
        sb.append("No. of peers: ").append(peers.size()).append('\n').append(RULE).append('\n');
        return sb.toString();
    }

    /** {@code show aaa diameter-node "…" peer "…"}. */
    public static String peer(PeerView p) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n');
        sb.append("Peer \"").append(p.hostIdentity()).append("\"\n");
        sb.append(RULE).append('\n');
        field(sb, "Index", String.valueOf(p.index()));
        field(sb, "Status", p.status().rfcName());
        field(sb, "Administrative state", p.adminEnabled() ? "enabled" : "disabled");
        field(sb, "Active", yesNo(p.active()));
        field(sb, "Active applications", p.activeApplicationNames());
        field(
                sb,
                "Last disconnect cause",
                p.lastDisconnectCause() != null ? p.lastDisconnectCause() : "N/A");
        field(sb, "Preference", String.valueOf(p.preference()));
        field(sb, "Default peer", yesNo(p.defaultPeer()));
        field(sb, "Connection timer (s)", seconds(p.connectionTimerSeconds()));
        field(sb, "Watchdog timer (s)", seconds(p.watchdogTimerSeconds()));
        field(sb, "Pending messages", String.valueOf(p.pendingMessages()));
        field(sb, "Remote realm", given(p.remoteRealm()));
        field(sb, "Remote IP address", ip(p.remoteAddress()));
        field(sb, "Remote TCP port", port(p.remoteAddress()));
        field(
                sb,
                "Remote Origin-State-Id",
                p.remoteOriginStateId() != null
                        ? String.valueOf(p.remoteOriginStateId())
                        : "(Not Specified)");
        field(sb, "Local host identity", p.localHostIdentity());
        field(sb, "Local realm", p.localRealm());
        field(sb, "Local IP address", ip(p.localAddress()));
        field(sb, "Local TCP port", port(p.localAddress()));
        field(sb, "Last management change", when(p.lastManagementChange()));
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    /** {@code show aaa diameter-node "…" peer "…" statistics}. */
    public static String statistics(PeerStatistics s) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n');
        sb.append("Peer \"").append(s.peer()).append("\"\n");
        sb.append(RULE).append('\n');
        sb.append(String.format("%-36s %-20s %s%n", "Message", "Sent", "Received"));
        sb.append(LINE).append('\n');
        for (PeerStatistics.Row r : s.rows()) {
            sb.append(String.format("%-36s %-20d %d%n", r.kind().label(), r.sent(), r.received()));
        }
        sb.append(" \n");
        sb.append("Last cleared time: ").append(when(s.lastCleared())).append('\n');
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    /** {@code show aaa diameter-node "…" routing-table}. */
    public static String routes(RoutingTable t) {
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n').append("Routes\n").append(RULE).append('\n');
        sb.append("Realm-Name\n");
        sb.append(
                String.format(
                        "           %-13s %-5s %-3s %s%n",
                        "Application", "Pref.", "Id", "Server-Identifier"));
        sb.append(LINE).append('\n');
        for (RoutingTable.Route r : t.routes()) {
            sb.append(r.realm()).append('\n');
            sb.append(
                    String.format(
                            "           %-13s %-5d %-3d %s%n",
                            r.applicationNames(), r.preference(), r.index(), r.serverIdentifier()));
        }
        sb.append(LINE).append('\n');
        sb.append("No. of routes: ").append(t.size()).append('\n').append(RULE).append('\n');
        return sb.toString();
    }

    /**
     * The DOIC reports (RFC 7683) a node obeys — all of them, or those of one peer — one line each:
     * type, reporter, application, reduction, time left, sequence number, requests throttled.
     */
    public static String overload(List<OverloadReport> reports) {
        StringBuilder sb = new StringBuilder();
        sb.append("Overload reports (DOIC, RFC 7683)\n").append(LINE).append('\n');
        sb.append(
                String.format(
                        "%-6s %-30s %-10s %-9s %-7s %-14s %s%n",
                        "Type", "Reporter", "App", "Reduction", "Left", "Sequence", "Throttled"));
        for (OverloadReport r : reports) {
            sb.append(
                    String.format(
                            "%-6s %-30s %-10d %-9s %-7s %-14s %d%n",
                            r.type().name().toLowerCase(java.util.Locale.ROOT),
                            r.reporter(),
                            r.applicationId(),
                            r.reductionPercent() + " %",
                            (r.remaining().toMillis() + 999) / 1000 + " s",
                            Long.toUnsignedString(r.sequenceNumber()),
                            r.throttled()));
        }
        if (reports.isEmpty()) {
            sb.append("(none)\n");
        }
        sb.append(RULE).append('\n');
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-27s : %s%n", name, value));
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }

    private static String seconds(long s) {
        return s < 0 ? "N/A" : String.valueOf(s);
    }

    private static String given(String s) {
        return s != null ? s : "(Not Specified)";
    }

    private static String ip(InetSocketAddress a) {
        return a != null ? a.getAddress().getHostAddress() : "(Not Specified)";
    }

    private static String port(InetSocketAddress a) {
        return a != null ? String.valueOf(a.getPort()) : "(Not Specified)";
    }

    private static String when(Instant t) {
        return t != null ? WHEN.format(t) : "N/A";
    }
}
