package org.diameter4j.cli.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.node.NodeShow;
import org.diameter4j.node.PeerStatistics;
import org.diameter4j.node.PeerView;
import org.diameter4j.node.RoutingTable;
import org.diameter4j.node.overload.OverloadControl;
import org.diameter4j.node.overload.OverloadReport;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.MessageKind;
import org.diameter4j.peer.PeerState;

/**
 * The admin endpoint's JSON for seed 003's views, and back: {@link NodeShow}'s tables rendered from
 * that JSON, so {@code d4j show} prints exactly what the node module prints.
 */
public final class AdminViews {
    private static final String RULE = "=".repeat(79);
    private static final String LINE = "-".repeat(79);

    private AdminViews() {}

    // ---- to JSON (the node side) --------------------------------------------------------------

    public static Map<String, Object> peer(PeerView p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", p.index());
        m.put("hostIdentity", p.hostIdentity());
        m.put("status", p.status().rfcName());
        m.put("state", p.status().name());
        m.put("adminState", p.adminEnabled() ? "enabled" : "disabled");
        m.put("active", p.active());
        m.put("activeApplications", p.activeApplicationNames());
        List<Object> ids = new ArrayList<>();
        for (ApplicationId a : p.activeApplications()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("id", a.id());
            am.put("vendorId", Integer.toUnsignedLong(a.vendorId()));
            am.put("accounting", a.accounting());
            ids.add(am);
        }
        m.put("activeApplicationIds", ids);
        m.put("lastDisconnectCause", p.lastDisconnectCause());
        m.put("preference", p.preference());
        m.put("defaultPeer", p.defaultPeer());
        m.put(
                "connectionTimerSeconds",
                p.connectionTimerSeconds() < 0 ? null : p.connectionTimerSeconds());
        m.put(
                "watchdogTimerSeconds",
                p.watchdogTimerSeconds() < 0 ? null : p.watchdogTimerSeconds());
        m.put("pendingMessages", p.pendingMessages());
        m.put("remoteRealm", p.remoteRealm());
        m.put("remoteIpAddress", ip(p.remoteAddress()));
        m.put("remoteTcpPort", port(p.remoteAddress()));
        m.put("remoteOriginStateId", p.remoteOriginStateId());
        m.put("localHostIdentity", p.localHostIdentity());
        m.put("localRealm", p.localRealm());
        m.put("localIpAddress", ip(p.localAddress()));
        m.put("localTcpPort", port(p.localAddress()));
        m.put(
                "lastManagementChange",
                p.lastManagementChange() != null ? p.lastManagementChange().toString() : null);
        m.put("dynamic", p.dynamic());
        m.put("lastFailure", p.lastFailure());
        return m;
    }

    public static Map<String, Object> statistics(PeerStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peer", s.peer());
        List<Object> rows = new ArrayList<>();
        for (PeerStatistics.Row r : s.rows()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("message", r.kind().label());
            rm.put("kind", r.kind().name());
            rm.put("sent", r.sent());
            rm.put("received", r.received());
            rows.add(rm);
        }
        m.put("messages", rows);
        m.put("lastCleared", s.lastCleared() != null ? s.lastCleared().toString() : null);
        return m;
    }

    public static List<Object> routes(RoutingTable t) {
        List<Object> out = new ArrayList<>();
        for (RoutingTable.Route r : t.routes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("realm", r.realm());
            m.put("applications", r.applicationNames());
            m.put("preference", r.preference());
            m.put("index", r.index());
            m.put("serverIdentifier", r.serverIdentifier());
            out.add(m);
        }
        return out;
    }

    private static String ip(InetSocketAddress a) {
        return a != null && a.getAddress() != null ? a.getAddress().getHostAddress() : null;
    }

    private static Integer port(InetSocketAddress a) {
        return a != null ? a.getPort() : null;
    }

    // ---- from JSON (the show side) ------------------------------------------------------------

    /** Seed 003's "Peers" table from {@code GET /peers}. */
    public static String renderPeers(Map<String, Object> json) {
        List<PeerView> views = new ArrayList<>();
        for (Object o : list(json.get("peers"))) {
            views.add(view(map(o)));
        }
        return NodeShow.peers(views);
    }

    /** Seed 003's peer detail from {@code GET /peers/HOST}, and the DOIC reports of the peer. */
    public static String renderPeer(Map<String, Object> json) {
        String peer = NodeShow.peer(view(json));
        if (json.get("doicReports") == null) {
            return peer;
        }
        List<OverloadReport> reports = new ArrayList<>();
        for (Object o : list(json.get("doicReports"))) {
            reports.add(report(map(o)));
        }
        return peer + NodeShow.overload(reports);
    }

    /**
     * The DOIC reports (RFC 7683) in force from this peer, as host or for its realm; null when the
     * node does not take part in DOIC.
     */
    public static List<Object> reportsOf(OverloadControl doic, PeerView p) {
        if (!doic.enabled()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (OverloadReport r : doic.activeReports()) {
            boolean ours =
                    r.type() == OverloadReport.Type.HOST
                            ? r.reporter().equalsIgnoreCase(p.hostIdentity())
                            : r.reporter().equalsIgnoreCase(p.remoteRealm());
            if (!ours) {
                continue;
            }
            out.add(report(r));
        }
        return out;
    }

    /** Seed 003's statistics table from {@code GET /peers/HOST/stats}. */
    public static String renderStatistics(Map<String, Object> json) {
        List<PeerStatistics.Row> rows = new ArrayList<>();
        for (Object o : list(json.get("messages"))) {
            Map<String, Object> r = map(o);
            rows.add(
                    new PeerStatistics.Row(
                            MessageKind.valueOf(str(r.get("kind"))),
                            num(r.get("sent")),
                            num(r.get("received"))));
        }
        return NodeShow.statistics(
                new PeerStatistics(str(json.get("peer")), rows, instant(json.get("lastCleared"))));
    }

    /** Seed 003's "Routes" table from {@code GET /routes}, laid out as {@link NodeShow#routes}. */
    public static String renderRoutes(Map<String, Object> json) {
        List<Object> routes = list(json.get("routes"));
        StringBuilder sb = new StringBuilder();
        sb.append(RULE).append('\n').append("Routes\n").append(RULE).append('\n');
        sb.append("Realm-Name\n");
        sb.append(
                String.format(
                        "           %-13s %-5s %-3s %s%n",
                        "Application", "Pref.", "Id", "Server-Identifier"));
        sb.append(LINE).append('\n');
        for (Object o : routes) {
            Map<String, Object> r = map(o);
            sb.append(str(r.get("realm"))).append('\n');
            sb.append(
                    String.format(
                            "           %-13s %-5d %-3d %s%n",
                            str(r.get("applications")),
                            num(r.get("preference")),
                            num(r.get("index")),
                            str(r.get("serverIdentifier"))));
        }
        sb.append(LINE).append('\n');
        sb.append("No. of routes: ").append(routes.size()).append('\n').append(RULE).append('\n');
        return sb.toString();
    }

    static PeerView view(Map<String, Object> m) {
        List<ApplicationId> apps = new ArrayList<>();
        for (Object o : list(m.get("activeApplicationIds"))) {
            Map<String, Object> a = map(o);
            apps.add(
                    new ApplicationId(
                            num(a.get("id")),
                            (int) num(a.get("vendorId")),
                            Boolean.TRUE.equals(a.get("accounting"))));
        }
        return new PeerView(
                (int) num(m.get("index")),
                str(m.get("hostIdentity")),
                PeerState.valueOf(str(m.get("state"))),
                "enabled".equals(m.get("adminState")),
                Boolean.TRUE.equals(m.get("active")),
                apps,
                str(m.get("lastDisconnectCause")),
                (int) num(m.get("preference")),
                Boolean.TRUE.equals(m.get("defaultPeer")),
                m.get("connectionTimerSeconds") != null ? num(m.get("connectionTimerSeconds")) : -1,
                m.get("watchdogTimerSeconds") != null ? num(m.get("watchdogTimerSeconds")) : -1,
                (int) num(m.get("pendingMessages")),
                str(m.get("remoteRealm")),
                address(m.get("remoteIpAddress"), m.get("remoteTcpPort")),
                m.get("remoteOriginStateId") != null ? num(m.get("remoteOriginStateId")) : null,
                str(m.get("localHostIdentity")),
                str(m.get("localRealm")),
                address(m.get("localIpAddress"), m.get("localTcpPort")),
                instant(m.get("lastManagementChange")),
                Boolean.TRUE.equals(m.get("dynamic")),
                str(m.get("lastFailure")),
                null); // the JSON carries the remote's realm and Origin-State-Id, not its CER
    }

    private static InetSocketAddress address(Object ip, Object port) {
        if (ip == null || port == null) {
            return null;
        }
        try {
            // An IP literal: no name lookup.
            return new InetSocketAddress(InetAddress.getByName(str(ip)), (int) num(port));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static Instant instant(Object o) {
        return o == null ? null : Instant.parse(str(o));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    // ---- DOIC (RFC 7683) ----------------------------------------------------------------------

    /**
     * {@code GET /overload}: whether DOIC is on, the node's own report (what its answers carry,
     * §5.2.1.2), every report in force it obeys (§5.2.1.1), and the requests it throttled or
     * rerouted.
     */
    public static Map<String, Object> overload(OverloadControl doic) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", doic.enabled());
        if (!doic.enabled()) {
            return m;
        }
        OverloadReport own = doic.ownReport();
        m.put("ownReport", own == null ? null : report(own));
        List<Object> active = new ArrayList<>();
        for (OverloadReport r : doic.activeReports()) {
            active.add(report(r));
        }
        m.put("activeReports", active);
        m.put("throttled", doic.throttledRequests());
        m.put("rerouted", doic.reroutedRequests());
        return m;
    }

    private static Map<String, Object> report(OverloadReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", r.type().name());
        m.put("reporter", r.reporter());
        m.put("applicationId", r.applicationId());
        m.put("sequenceNumber", Long.toUnsignedString(r.sequenceNumber()));
        m.put("reductionPercent", r.reductionPercent());
        m.put("remainingMillis", r.remaining().toMillis());
        m.put("throttled", r.throttled());
        return m;
    }

    private static OverloadReport report(Map<String, Object> r) {
        return new OverloadReport(
                OverloadReport.Type.valueOf(str(r.get("type"))),
                str(r.get("reporter")),
                num(r.get("applicationId")),
                Long.parseUnsignedLong(str(r.get("sequenceNumber"))),
                (int) num(r.get("reductionPercent")),
                java.time.Duration.ofMillis(num(r.get("remainingMillis"))),
                num(r.get("throttled")));
    }

    /** The text of {@code d4j show overload}, from {@code GET /overload}. */
    public static String renderOverload(Map<String, Object> json) {
        if (!Boolean.TRUE.equals(json.get("enabled"))) {
            return "Overload control (DOIC, RFC 7683) is off on this node:"
                    + " set node.overload.enabled: true in its YAML\n";
        }
        StringBuilder sb = new StringBuilder();
        Object own = json.get("ownReport");
        if (own == null) {
            sb.append("This node's report: none (its answers carry no OC-OLR)\n");
        } else {
            OverloadReport r = report(map(own));
            sb.append("This node's report: ")
                    .append(r.type().name().toLowerCase(java.util.Locale.ROOT))
                    .append(", ")
                    .append(r.reductionPercent())
                    .append(" % reduction, ")
                    .append(
                            r.remaining().isZero()
                                    ? "ending (validity 0)"
                                    : (r.remaining().toMillis() + 999) / 1000 + " s left")
                    .append(", sequence ")
                    .append(Long.toUnsignedString(r.sequenceNumber()))
                    .append('\n');
        }
        List<OverloadReport> active = new ArrayList<>();
        for (Object o : list(json.get("activeReports"))) {
            active.add(report(map(o)));
        }
        sb.append(NodeShow.overload(active));
        sb.append("Throttled requests: ")
                .append(num(json.get("throttled")))
                .append(", rerouted: ")
                .append(num(json.get("rerouted")))
                .append('\n');
        return sb.toString();
    }
}
