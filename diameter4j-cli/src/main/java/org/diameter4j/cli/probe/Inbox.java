package org.diameter4j.cli.probe;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.ConnectionHandler;

/** What arrives on the probe's connection, in arrival order, for the steps to wait on. */
final class Inbox implements ConnectionHandler {
    static final int DWR = 280;

    /** A message, a malformed message, or the end of the connection. */
    record Event(
            DiameterMessage message, DecodeFailure malformed, Throwable closedBy, boolean closed) {}

    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Connection c, DiameterMessage m) {
        events.add(new Event(m, null, null, false));
    }

    @Override
    public void onMalformed(Connection c, DecodeFailure f) {
        events.add(new Event(null, f, null, false));
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        events.add(new Event(null, null, cause, true));
    }

    /** The next event, or null when none came within {@code timeoutMs}. */
    Event next(long timeoutMs) {
        try {
            return events.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The answer to our request of {@code code}, or null when none came within {@code timeoutMs};
     * DWRs the peer sends meanwhile are answered 2001 (RFC 6733 §5.5.1).
     */
    DiameterMessage awaitAnswer(int code, long timeoutMs, Connection conn) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Event e = next(Math.max(1, deadline - System.currentTimeMillis()));
            if (e == null || e.closed()) {
                return null;
            }
            DiameterMessage m = e.message();
            if (m == null) {
                continue;
            }
            if (!m.isRequest() && m.commandCode() == code) {
                return m;
            }
            if (m.isRequest() && m.commandCode() == DWR) {
                DiameterMessage a = m.answer();
                a.add(Avp.ofUnsigned32(Words.RESULT_CODE, 0, Avp.FLAG_MANDATORY, 2001));
                conn.send(a);
            }
        }
    }
}
