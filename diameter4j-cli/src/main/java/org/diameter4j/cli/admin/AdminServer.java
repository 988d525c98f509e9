package org.diameter4j.cli.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.PeerView;
import org.diameter4j.node.overload.OverloadControl;
import org.diameter4j.node.overload.OverloadReport;

/**
 * The admin endpoint of {@code d4j node}: HTTP+JSON (JDK {@code HttpServer}), on loopback unless
 * configured otherwise.
 *
 * <pre>
 * GET  /peers                     every peer (seed 003's "peers")
 * GET  /peers/{host}              one peer in detail
 * GET  /peers/{host}/stats        its message counters
 * POST /peers/{host}/stats/clear  clear them (answers the cleared counters)
 * POST /peers/{host}/admin-state  {"enabled": true|false}: connect, or DPR and stay down
 * POST /peers/{host}/debug        {"on": true|false}: per-peer message dumps in the node's log
 * GET  /routes                    the realm routing table
 * GET  /overload                  DOIC (RFC 7683): this node's report, the reports it obeys
 * POST /overload/report           {"reductionPercent": 0-100, "validitySeconds": 1-86400,
 *                                  "type": "host"|"realm"}: report overload in its answers
 * POST /overload/end              end the report (§5.2.2: validity 0 with a new sequence number)
 * GET  /metrics                   Prometheus text
 * GET  /health                    {"status": "ok", ...}
 * </pre>
 *
 * An unknown peer is a 404 whose JSON lists the known peers ({@code knownPeers}).
 */
public final class AdminServer implements AutoCloseable {
    private final DiameterNode node;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Consumer<String> log;

    private AdminServer(
            DiameterNode node, HttpServer server, ExecutorService executor, Consumer<String> log) {
        this.node = node;
        this.server = server;
        this.executor = executor;
        this.log = log;
    }

    /**
     * Binds {@code address} (not yet serving: call {@link #start(DiameterNode)} once the node
     * runs). Throws IOException when the address cannot be bound.
     */
    public static Bound bind(InetSocketAddress address) throws IOException {
        return new Bound(HttpServer.create(address, 16));
    }

    /** A bound, not yet serving, endpoint. */
    public static final class Bound implements AutoCloseable {
        private final HttpServer server;

        Bound(HttpServer server) {
            this.server = server;
        }

        public InetSocketAddress address() {
            return server.getAddress();
        }

        /** Serves {@code node}; {@code log} receives one line per management action. */
        public AdminServer start(DiameterNode node, Consumer<String> log) {
            ExecutorService ex =
                    Executors.newFixedThreadPool(
                            4,
                            r -> {
                                Thread t = new Thread(r, "d4j-admin");
                                t.setDaemon(true);
                                return t;
                            });
            AdminServer a = new AdminServer(node, server, ex, log);
            server.createContext("/", a::handle);
            server.setExecutor(ex);
            server.start();
            return a;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The URL of the endpoint: {@code http://127.0.0.1:3869}. */
    public String url() {
        return url(server.getAddress());
    }

    public static String url(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (a.getAddress().isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host.replaceAll("%.*", "") + "]";
        }
        return "http://" + host + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- requests -------------------------------------------------------------------------------

    private record Reply(int status, String contentType, String body) {
        static Reply json(int status, Object value) {
            return new Reply(status, "application/json", Json.write(value));
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply r;
        try {
            r = route(ex);
        } catch (IllegalArgumentException e) {
            r = error(400, e.getMessage());
        } catch (RuntimeException e) {
            r = error(500, "internal error: " + e);
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", r.contentType() + "; charset=utf-8");
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private Reply route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        URI uri = ex.getRequestURI();
        String path = uri.getRawPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.substring(1).split("/");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
        }
        String body = read(ex.getRequestBody());
        switch (parts[0]) {
            case "health" -> {
                if (parts.length == 1) {
                    return get(method, () -> health());
                }
            }
            case "metrics" -> {
                if (parts.length == 1) {
                    if (!method.equals("GET")) {
                        return notAllowed(method, "GET");
                    }
                    return new Reply(200, "text/plain; version=0.0.4", node.metrics().prometheus());
                }
            }
            case "routes" -> {
                if (parts.length == 1) {
                    return get(method, () -> routes());
                }
            }
            case "peers" -> {
                return peers(method, parts, body);
            }
            case "overload" -> {
                return overload(method, parts, body);
            }
            default -> {}
        }
        return error(404, "no such resource: " + path + " (" + RESOURCES + ")");
    }

    private static final String RESOURCES =
            "GET /peers, /peers/HOST, /peers/HOST/stats, /routes, /overload, /metrics, /health;"
                    + " POST /peers/HOST/stats/clear, /peers/HOST/admin-state, /peers/HOST/debug,"
                    + " /overload/report, /overload/end";

    /** {@code /overload}: see the class comment; DOIC must be on in the node's YAML to report. */
    private Reply overload(String method, String[] parts, String body) {
        OverloadControl doic = node.overload();
        if (parts.length == 1) {
            return get(method, () -> AdminViews.overload(doic));
        }
        if (parts.length != 2 || !(parts[1].equals("report") || parts[1].equals("end"))) {
            return error(
                    404, "no such resource: /" + String.join("/", parts) + " (" + RESOURCES + ")");
        }
        if (!method.equals("POST")) {
            return notAllowed(method, "POST");
        }
        if (!doic.enabled()) {
            return error(
                    409,
                    "overload control (DOIC) is off on this node: set node.overload.enabled: true"
                            + " in its YAML and restart it");
        }
        if (parts[1].equals("end")) {
            doic.endReport();
            log.accept("overload report ended (admin endpoint)");
            return Reply.json(200, AdminViews.overload(doic));
        }
        Map<String, Object> m;
        try {
            m = Json.object(body == null || body.isBlank() ? "{}" : body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(REPORT_BODY + ": " + e.getMessage());
        }
        if (!(m.get("reductionPercent") instanceof Number pct)
                || !(m.get("validitySeconds") instanceof Number secs)) {
            throw new IllegalArgumentException(REPORT_BODY);
        }
        Object t = m.getOrDefault("type", "host");
        OverloadReport.Type type =
                "host".equals(t)
                        ? OverloadReport.Type.HOST
                        : "realm".equals(t) ? OverloadReport.Type.REALM : null;
        if (type == null) {
            throw new IllegalArgumentException("\"type\" must be \"host\" or \"realm\", got " + t);
        }
        // OverloadControl.report checks the ranges (RFC 7683 §7.5, §7.7) and says what is wrong.
        doic.report(type, pct.intValue(), Duration.ofSeconds(secs.longValue()));
        log.accept(
                "overload "
                        + t
                        + " report: "
                        + pct.intValue()
                        + " % for "
                        + secs.longValue()
                        + " s (admin endpoint)");
        return Reply.json(200, AdminViews.overload(doic));
    }

    private static final String REPORT_BODY =
            "the body must be {\"reductionPercent\": 0-100, \"validitySeconds\": 1-86400,"
                    + " \"type\": \"host\"|\"realm\"}";

    private Reply peers(String method, String[] parts, String body) {
        if (parts.length == 1) {
            return get(method, this::allPeers);
        }
        String host = parts[1];
        PeerView p = node.peer(host);
        if (p == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", "no peer '" + host + "'");
            m.put("knownPeers", node.peers().stream().map(PeerView::hostIdentity).toList());
            return Reply.json(404, m);
        }
        String name = p.hostIdentity();
        String rest = String.join("/", List.of(parts).subList(2, parts.length));
        switch (rest) {
            case "" -> {
                return get(
                        method,
                        () -> {
                            PeerView v = node.peer(name);
                            Map<String, Object> m = AdminViews.peer(v);
                            m.put("doicReports", AdminViews.reportsOf(node.overload(), v));
                            return m;
                        });
            }
            case "stats" -> {
                return get(method, () -> AdminViews.statistics(node.statistics(name)));
            }
            case "stats/clear" -> {
                if (!method.equals("POST")) {
                    return notAllowed(method, "POST");
                }
                node.clearStatistics(name);
                log.accept("statistics of peer " + name + " cleared (admin endpoint)");
                return Reply.json(200, AdminViews.statistics(node.statistics(name)));
            }
            case "admin-state" -> {
                if (!method.equals("POST")) {
                    return notAllowed(method, "POST");
                }
                boolean enabled = flag(body, "enabled");
                log.accept(
                        "peer "
                                + name
                                + ": admin-state "
                                + (enabled ? "enable" : "disable (DPR)")
                                + " (admin endpoint)");
                try {
                    node.setAdminState(name, enabled).get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    // still closing: the view says so
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException e) {
                    return error(500, "admin-state: " + e.getCause());
                }
                return Reply.json(200, AdminViews.peer(node.peer(name)));
            }
            case "debug" -> {
                if (!method.equals("POST")) {
                    return notAllowed(method, "POST");
                }
                boolean on = flag(body, "on");
                node.debug(name, on);
                log.accept(
                        "peer "
                                + name
                                + ": message debug "
                                + (on ? "on" : "off")
                                + " (admin endpoint)");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("peer", name);
                m.put("debug", on);
                return Reply.json(200, m);
            }
            default -> {
                return error(
                        404,
                        "no such resource: /peers/" + host + "/" + rest + " (" + RESOURCES + ")");
            }
        }
    }

    private Map<String, Object> allPeers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", node.identity().originHost());
        m.put("realm", node.identity().originRealm());
        m.put("peers", node.peers().stream().map(AdminViews::peer).toList());
        return m;
    }

    private Map<String, Object> routes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", node.identity().originHost());
        m.put("routes", AdminViews.routes(node.routes()));
        return m;
    }

    private Map<String, Object> health() {
        List<PeerView> views = node.peers();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("node", node.identity().originHost());
        m.put("realm", node.identity().originRealm());
        m.put("peers", views.size());
        m.put("activePeers", views.stream().filter(PeerView::active).count());
        m.put("openPeers", views.stream().filter(v -> v.status().isOpen()).count());
        return m;
    }

    private static boolean flag(String body, String key) {
        Map<String, Object> m;
        try {
            m = Json.object(body == null || body.isBlank() ? "{}" : body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the body must be {\"" + key + "\": true|false}: " + e.getMessage());
        }
        Object v = m.get(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("the body must be {\"" + key + "\": true|false}");
        }
        return b;
    }

    private Reply get(String method, java.util.function.Supplier<Object> value) {
        if (!method.equals("GET")) {
            return notAllowed(method, "GET");
        }
        return Reply.json(200, value.get());
    }

    private static Reply notAllowed(String method, String allowed) {
        return error(405, method + " is not allowed here: use " + allowed);
    }

    private static Reply error(int status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return Reply.json(status, m);
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }
}
