package org.diameter4j.cli.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The client side of the admin endpoint ({@code d4j show}): one request, its JSON, and the faults a
 * user can act on — no node running, a timeout, an unknown peer.
 */
public final class AdminClient {
    /** Where {@code d4j node} serves its admin endpoint unless configured otherwise. */
    public static final String DEFAULT_URL = "http://127.0.0.1:3869";

    /** A fault to report in one line, with its exit code (3 cannot reach, 4 timeout, 2 usage). */
    public static final class Failure extends Exception {
        private final int kind;

        public static final int UNREACHABLE = 3;
        public static final int TIMEOUT = 4;
        public static final int USAGE = 2;

        Failure(int kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        /** The exit code: 2, 3 or 4. */
        public int exitCode() {
            return kind;
        }
    }

    /** One answer: the HTTP status and its body (JSON). */
    public record Answer(int status, String body) {
        public Map<String, Object> json() {
            return Json.object(body);
        }
    }

    private final URI base;
    private final String display;
    private final HttpClient http;
    private final Duration timeout;

    public AdminClient(String url, Duration timeout) throws Failure {
        String u = url.trim();
        if (!u.contains("://")) {
            u = "http://" + u;
        }
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        try {
            URI parsed = URI.create(u);
            if (!"http".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new IllegalArgumentException("expected http://HOST:PORT");
            }
            this.base = parsed;
        } catch (IllegalArgumentException e) {
            throw new Failure(
                    Failure.USAGE,
                    "--admin: '"
                            + url
                            + "' is not a URL of the admin endpoint (write http://127.0.0.1:3869)");
        }
        this.display = u;
        this.timeout = timeout;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .build();
    }

    public String url() {
        return display;
    }

    /** {@code GET path}. */
    public Answer get(String path) throws Failure {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code POST path} with a JSON body. */
    public Answer post(String path, String json) throws Failure {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The path of one peer's resource: {@code /peers/HOST/...}. */
    public static String peerPath(String host, String rest) {
        return "/peers/"
                + URLEncoder.encode(host, StandardCharsets.UTF_8).replace("+", "%20")
                + rest;
    }

    private URI uri(String path) {
        return URI.create(display + path);
    }

    private Answer send(HttpRequest.Builder b) throws Failure {
        HttpRequest req = b.timeout(timeout).build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (HttpConnectTimeoutException e) {
            throw new Failure(
                    Failure.UNREACHABLE,
                    "cannot reach the node's admin endpoint at "
                            + display
                            + ": is `d4j node` running? (connect timed out after "
                            + timeout.toSeconds()
                            + " s)");
        } catch (HttpTimeoutException e) {
            throw new Failure(
                    Failure.TIMEOUT,
                    "the node's admin endpoint at "
                            + display
                            + " did not answer within "
                            + timeout.toSeconds()
                            + " s");
        } catch (ConnectException e) {
            throw new Failure(
                    Failure.UNREACHABLE,
                    "cannot reach the node's admin endpoint at "
                            + display
                            + ": is `d4j node` running? ("
                            + refused(e)
                            + ")");
        } catch (IOException e) {
            throw new Failure(
                    Failure.UNREACHABLE,
                    "cannot reach the node's admin endpoint at " + display + ": " + cause(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.UNREACHABLE, "interrupted");
        }
    }

    /** Why a connect failed: "connection refused" unless the chain says otherwise. */
    private static String refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null
                    && !m.isBlank()
                    && !m.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
                if (t instanceof java.net.NoRouteToHostException
                        || m.contains("route")
                        || m.contains("unreachable")) {
                    return m;
                }
            }
        }
        return "connection refused";
    }

    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof ConnectException && (m == null || m.toLowerCase().contains("refused"))) {
            return "connection refused";
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException
                || t instanceof java.net.UnknownHostException) {
            return "unknown host " + (m != null ? m : "");
        }
        return m != null ? m : t.getClass().getSimpleName();
    }

    /** The peers a 404 answer names. */
    @SuppressWarnings("unchecked")
    public static List<String> knownPeers(Map<String, Object> error) {
        Object k = error.get("knownPeers");
        return k instanceof List ? (List<String>) k : List.of();
    }
}
