package org.diameter4j.node;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.node.overload.OverloadReport;
import org.diameter4j.node.overload.internal.Overload;
import org.diameter4j.peer.MessageKind;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.Peer;
import org.diameter4j.peer.internal.PeerCounters;

/**
 * A node's metrics (M-26), per peer and application: requests sent and received, answers by
 * Result-Code, request latency as a histogram, pending requests, peer state; plus the per-peer
 * message counters of seed 003 and the malformed messages dropped. {@link #prometheus()} writes
 * them in the Prometheus text exposition format (version 0.0.4) — no client library needed.
 */
public final class NodeMetrics {
    /** Latency buckets, in seconds. */
    static final double[] BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private record Key(String peer, long application) {}

    private record ResultKey(String peer, long application, long resultCode) {}

    private static final class Histogram {
        final AtomicLongArray buckets = new AtomicLongArray(BUCKETS.length + 1);
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            buckets.incrementAndGet(i);
            sum.add(seconds);
            count.increment();
        }
    }

    private final String node;
    private final Supplier<Collection<Peer>> peers;
    private final Map<Key, LongAdder> requestsSent = new ConcurrentHashMap<>();
    private final Map<Key, LongAdder> requestsReceived = new ConcurrentHashMap<>();
    private final Map<ResultKey, LongAdder> answersReceived = new ConcurrentHashMap<>();
    private final Map<ResultKey, LongAdder> answersSent = new ConcurrentHashMap<>();
    private final Map<Key, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    /** DOIC's counters; null when overload control is disabled. */
    private final Overload overload;

    NodeMetrics(String node, Supplier<Collection<Peer>> peers) {
        this(node, peers, null);
    }

    NodeMetrics(String node, Supplier<Collection<Peer>> peers, Overload overload) {
        this.node = node;
        this.peers = peers;
        this.overload = overload;
    }

    static boolean isBase(DiameterMessage m) {
        int c = m.commandCode();
        return m.applicationId() == 0 && (c == 257 || c == 280 || c == 282);
    }

    /** A message passed on a peer's connection. */
    void message(Peer peer, DiameterMessage m, boolean received) {
        if (isBase(m)) {
            return;
        }
        String p = peer.name();
        long app = m.applicationId();
        if (m.isRequest()) {
            add(received ? requestsReceived : requestsSent, new Key(p, app));
        } else {
            add(
                    received ? answersReceived : answersSent,
                    new ResultKey(p, app, FailureReport.resultCode(m)));
        }
    }

    /** The time from sending a request to its answer (or its failure). */
    void latency(Peer peer, long application, long nanos) {
        latency.computeIfAbsent(new Key(peer.name(), application), k -> new Histogram())
                .observe(nanos / 1e9);
    }

    void dropped(Peer peer) {
        dropped.computeIfAbsent(peer.name(), k -> new LongAdder()).increment();
    }

    private static <K> void add(Map<K, LongAdder> m, K k) {
        m.computeIfAbsent(k, x -> new LongAdder()).increment();
    }

    /** Requests sent to {@code peer} for {@code application}. */
    public long requestsSent(String peer, long application) {
        return get(requestsSent, new Key(peer, application));
    }

    public long requestsReceived(String peer, long application) {
        return get(requestsReceived, new Key(peer, application));
    }

    /** Answers received from {@code peer} with this Result-Code (-1: none). */
    public long answersReceived(String peer, long application, long resultCode) {
        return get(answersReceived, new ResultKey(peer, application, resultCode));
    }

    public long answersSent(String peer, long application, long resultCode) {
        return get(answersSent, new ResultKey(peer, application, resultCode));
    }

    /** Malformed messages dropped from {@code peer}. */
    public long dropped(String peer) {
        return get(dropped, peer);
    }

    private static <K> long get(Map<K, LongAdder> m, K k) {
        LongAdder a = m.get(k);
        return a == null ? 0 : a.sum();
    }

    /** All metrics in the Prometheus text exposition format. */
    public String prometheus() {
        StringBuilder sb = new StringBuilder(4096);
        counter(
                sb,
                "diameter_requests_sent_total",
                "Application requests sent, per peer and application.",
                requestsSent);
        counter(
                sb,
                "diameter_requests_received_total",
                "Application requests received, per peer and application.",
                requestsReceived);
        results(
                sb,
                "diameter_answers_received_total",
                "Application answers received, per peer, application and Result-Code.",
                answersReceived);
        results(
                sb,
                "diameter_answers_sent_total",
                "Application answers sent, per peer, application and Result-Code.",
                answersSent);
        histograms(sb);
        Collection<Peer> all = peers.get();
        sb.append("# HELP diameter_peer_pending_requests Requests waiting for an answer.\n");
        sb.append("# TYPE diameter_peer_pending_requests gauge\n");
        for (Peer p : all) {
            sb.append("diameter_peer_pending_requests{")
                    .append(labels("peer", p.name()))
                    .append("} ")
                    .append(p.pendingCount())
                    .append('\n');
        }
        sb.append("# HELP diameter_peer_state The peer's RFC 6733 state: 1 for the current one.\n");
        sb.append("# TYPE diameter_peer_state gauge\n");
        for (Peer p : all) {
            PeerState current = p.state();
            for (PeerState s : PeerState.values()) {
                sb.append("diameter_peer_state{")
                        .append(labels("peer", p.name(), "state", s.rfcName()))
                        .append("} ")
                        .append(s == current ? 1 : 0)
                        .append('\n');
            }
        }
        sb.append("# HELP diameter_peer_up 1 when the peer is active (open, watchdog okay).\n");
        sb.append("# TYPE diameter_peer_up gauge\n");
        for (Peer p : all) {
            sb.append("diameter_peer_up{")
                    .append(labels("peer", p.name()))
                    .append("} ")
                    .append(p.isReady() ? 1 : 0)
                    .append('\n');
        }
        sb.append(
                "# HELP diameter_peer_messages_total Messages per kind (seed 003's statistics).\n");
        sb.append("# TYPE diameter_peer_messages_total counter\n");
        for (Peer p : all) {
            PeerCounters c = p.counters();
            for (MessageKind k : MessageKind.values()) {
                for (boolean rx : new boolean[] {false, true}) {
                    sb.append("diameter_peer_messages_total{")
                            .append(
                                    labels(
                                            "peer",
                                            p.name(),
                                            "message",
                                            k.name(),
                                            "direction",
                                            rx ? "received" : "sent"))
                            .append("} ")
                            .append(rx ? c.received(k) : c.sent(k))
                            .append('\n');
                }
            }
        }
        sb.append("# HELP diameter_messages_dropped_total Malformed messages dropped.\n");
        sb.append("# TYPE diameter_messages_dropped_total counter\n");
        for (Map.Entry<String, LongAdder> e : new TreeMap<>(dropped).entrySet()) {
            sb.append("diameter_messages_dropped_total{")
                    .append(labels("peer", e.getKey()))
                    .append("} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
        if (overload != null) {
            doic(sb);
        }
        return sb.toString();
    }

    /** DOIC (RFC 7683): the reports in force, what they throttled, what this node reports. */
    private void doic(StringBuilder sb) {
        simple(
                sb,
                "diameter_doic_throttled_total",
                "counter",
                "Requests dropped by a DOIC report that no other peer took (failed or 3004).",
                overload.throttledRequests());
        simple(
                sb,
                "diameter_doic_rerouted_total",
                "counter",
                "Requests dropped by a DOIC host report for one peer and sent to another.",
                overload.reroutedRequests());
        simple(
                sb,
                "diameter_doic_reports_received_total",
                "counter",
                "DOIC reports received with a new or newer sequence number.",
                overload.reportsApplied());
        simple(
                sb,
                "diameter_doic_answers_with_report_total",
                "counter",
                "Answers sent with this node's own OC-OLR.",
                overload.answersWithReport());
        sb.append("# HELP diameter_doic_reduction_percent Reports in force: their reduction.\n");
        sb.append("# TYPE diameter_doic_reduction_percent gauge\n");
        for (OverloadReport r : overload.activeReports()) {
            sb.append("diameter_doic_reduction_percent{")
                    .append(
                            labels(
                                    "reporter",
                                    r.reporter(),
                                    "type",
                                    r.type().name().toLowerCase(java.util.Locale.ROOT),
                                    "application",
                                    Long.toString(r.applicationId())))
                    .append("} ")
                    .append(r.reductionPercent())
                    .append('\n');
        }
        OverloadReport own = overload.ownReport();
        simple(
                sb,
                "diameter_doic_own_reduction_percent",
                "gauge",
                "The reduction this node reports (0: none).",
                own == null || own.remaining().isZero() ? 0 : own.reductionPercent());
    }

    private void simple(StringBuilder sb, String name, String type, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        sb.append(name).append('{').append(labels()).append("} ").append(value).append('\n');
    }

    private void counter(StringBuilder sb, String name, String help, Map<Key, LongAdder> m) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        for (Map.Entry<Key, LongAdder> e : sorted(m).entrySet()) {
            sb.append(name)
                    .append('{')
                    .append(
                            labels(
                                    "peer",
                                    e.getKey().peer(),
                                    "application",
                                    Long.toString(e.getKey().application())))
                    .append("} ")
                    .append(e.getValue().sum())
                    .append('\n');
        }
    }

    private void results(StringBuilder sb, String name, String help, Map<ResultKey, LongAdder> m) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        Map<String, Long> lines = new TreeMap<>();
        for (Map.Entry<ResultKey, LongAdder> e : m.entrySet()) {
            ResultKey k = e.getKey();
            lines.put(
                    labels(
                            "peer",
                            k.peer(),
                            "application",
                            Long.toString(k.application()),
                            "result_code",
                            k.resultCode() < 0 ? "none" : Long.toString(k.resultCode())),
                    e.getValue().sum());
        }
        for (Map.Entry<String, Long> e : lines.entrySet()) {
            sb.append(name).append('{').append(e.getKey()).append("} ").append(e.getValue());
            sb.append('\n');
        }
    }

    private void histograms(StringBuilder sb) {
        String name = "diameter_request_duration_seconds";
        sb.append("# HELP ")
                .append(name)
                .append(" Time from sending a request to its answer, per peer and application.\n");
        sb.append("# TYPE ").append(name).append(" histogram\n");
        for (Map.Entry<Key, Histogram> e : sorted(latency).entrySet()) {
            String l =
                    labels(
                            "peer",
                            e.getKey().peer(),
                            "application",
                            Long.toString(e.getKey().application()));
            Histogram h = e.getValue();
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.buckets.get(i);
                String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
                sb.append(name)
                        .append("_bucket{")
                        .append(l)
                        .append(",le=\"")
                        .append(le)
                        .append("\"} ")
                        .append(cumulative)
                        .append('\n');
            }
            sb.append(name).append("_sum{").append(l).append("} ").append(h.sum.sum()).append('\n');
            sb.append(name)
                    .append("_count{")
                    .append(l)
                    .append("} ")
                    .append(h.count.sum())
                    .append('\n');
        }
    }

    private static <V> Map<Key, V> sorted(Map<Key, V> m) {
        Map<Key, V> out =
                new TreeMap<>(
                        java.util.Comparator.comparing(Key::peer)
                                .thenComparingLong(Key::application));
        out.putAll(m);
        return out;
    }

    private String labels(String... kv) {
        StringBuilder sb = new StringBuilder("node=\"").append(escape(node)).append('"');
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(',').append(kv[i]).append("=\"").append(escape(kv[i + 1])).append('"');
        }
        return sb.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
