package org.diameter4j.fuzz;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sees what escapes an event loop: Netty logs an exception that reached the pipeline's tail, a
 * leaked buffer or a failed task as a WARNING; diameter4j logs a callback that threw. Both go
 * through java.util.logging here, where this handler keeps every such record.
 */
public final class LogCapture extends Handler {
    private final List<LogRecord> bad = new ArrayList<>();
    private final Logger netty = Logger.getLogger("io.netty");
    private final Logger ours = Logger.getLogger("org.diameter4j");

    /** Starts capturing; the node's expected warnings (malformed messages dropped) stay quiet. */
    public static LogCapture install() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        LogCapture c = new LogCapture();
        c.netty.addHandler(c);
        c.ours.addHandler(c);
        c.ours.setUseParentHandlers(false);
        InternalLoggerFactory.getInstance("io.netty.fuzz.selfcheck").warn("self-check");
        if (c.take().size() != 1) {
            throw new IllegalStateException("Netty's log is not captured");
        }
        return c;
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (r.getLevel().intValue() < Level.WARNING.intValue()) {
            return;
        }
        // Netty's own warnings (pipeline tail, leaks, failed tasks), and any warning that carries
        // an exception: diameter4j attaches it when a callback threw. The text is not matched:
        // it quotes fuzzed bytes, which may spell anything.
        if (r.getLoggerName() != null && r.getLoggerName().startsWith("io.netty")
                || r.getThrown() != null) {
            bad.add(r);
        }
    }

    /** The records captured since the last call. */
    public synchronized List<LogRecord> take() {
        List<LogRecord> out = new ArrayList<>(bad);
        bad.clear();
        return out;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
