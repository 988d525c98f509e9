package org.diameter4j.peer.internal;

import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.RemoteCapabilities;
import org.diameter4j.peer.StrictSend;
import org.diameter4j.transport.Connection;
import org.diameter4j.transport.ConnectionHandler;

/**
 * Incoming connections before their CER (RFC 6733 §5.6.1): "a Diameter peer must employ logic
 * separate from the state machine to receive connection requests, accept them, and await the CER
 * ... SHOULD close and discard the connection if any message other than a CER arrives or if an
 * implementation-defined timeout occurs prior to receipt of CER." Once the CER arrives, its
 * Origin-Host locates the peer and the connection is handed to it as R-Conn-CER. A CER from a host
 * that is not a peer is answered with 3010 DIAMETER_UNKNOWN_PEER and the connection closed.
 */
public final class InboundConnections implements Function<Connection, ConnectionHandler> {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.peer");

    /**
     * Finds (or, in accept-any mode, creates) the peer for a CER; null when the host is unknown.
     */
    @FunctionalInterface
    public interface Locator {
        Peer peerFor(RemoteCapabilities cer, Connection connection);
    }

    private final Supplier<LocalIdentity> local;
    private final Locator locator;
    private final long cerTimeoutMillis;
    private final MessageValidator validator;
    private final OutboundGate gate;

    public InboundConnections(
            Supplier<LocalIdentity> local,
            Locator locator,
            long cerTimeoutMillis,
            Dictionary dictionary,
            StrictSend strictSend) {
        this.local = local;
        this.locator = locator;
        this.cerTimeoutMillis = cerTimeoutMillis;
        this.validator = new MessageValidator(dictionary);
        this.gate = new OutboundGate(dictionary, strictSend);
    }

    private void send(Connection c, DiameterMessage m) {
        DiameterMessage out = gate.vet(m, local.get());
        if (out != null) {
            c.send(out);
        }
    }

    @Override
    public ConnectionHandler apply(Connection c) {
        return new Waiter(c);
    }

    private final class Waiter implements ConnectionHandler {
        // The CER timer; dropped once cancelled: the waiter stays as the connection's handler for
        // as long as it is open, and a spent task kept with it cost ~90 bytes a peer (issue 10).
        // Loop-confined, as every callback of the connection.
        private ScheduledFuture<?> timeout;
        private volatile ConnectionHandler delegate;
        private boolean done;

        Waiter(Connection c) {
            timeout =
                    c.eventLoop()
                            .schedule(
                                    () -> {
                                        if (!done) {
                                            done = true;
                                            LOG.log(
                                                    Level.INFO,
                                                    "closing inbound connection "
                                                            + c
                                                            + ": no CER within "
                                                            + cerTimeoutMillis / 1000
                                                            + " s (RFC 6733 §5.6.1)");
                                            c.close();
                                        }
                                    },
                                    cerTimeoutMillis,
                                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void onMessage(Connection c, DiameterMessage m) {
            ConnectionHandler d = delegate;
            if (d != null) {
                d.onMessage(c, m);
                return;
            }
            if (done) {
                return;
            }
            done = true;
            cancelTimeout();
            if (m.commandCode() != Capabilities.CER || !m.isRequest()) {
                LOG.log(
                        Level.INFO,
                        "closing inbound connection "
                                + c
                                + ": its first message was command "
                                + m.commandCode()
                                + (m.isRequest() ? " (request)" : " (answer)")
                                + ", not a CER (RFC 6733 §5.6.1)");
                c.close();
                return;
            }
            DecodeFailure invalid = validator.validate(m);
            if (invalid != null) {
                // §5.3, §7.2: a CER that fails its grammar (no Origin-Host, no Origin-Realm, an
                // unknown M-bit AVP …) cannot name a peer: answered with the error and Failed-AVP,
                // then the connection is closed.
                LOG.log(
                        Level.INFO,
                        "invalid CER on "
                                + c
                                + ": "
                                + invalid.reason()
                                + "; answered "
                                + invalid.resultCode()
                                + " and closed");
                DiameterMessage cea =
                        Capabilities.cea(
                                m,
                                local.get(),
                                c.localAddress().getAddress(),
                                invalid.resultCode(),
                                invalid.reason(),
                                false);
                if (invalid.failedAvp() != null) {
                    cea.add(
                            Avp.grouped(
                                    Capabilities.FAILED_AVP,
                                    0,
                                    Avp.FLAG_MANDATORY,
                                    invalid.failedAvp()));
                }
                send(c, cea);
                c.close();
                return;
            }
            RemoteCapabilities caps = Capabilities.read(m);
            Peer peer = locator.peerFor(caps, c);
            if (peer == null) {
                String who = "'" + caps.originHost() + "'";
                LOG.log(
                        Level.INFO,
                        "CER from unknown peer "
                                + who
                                + " on "
                                + c
                                + ": answered 3010 DIAMETER_UNKNOWN_PEER");
                send(
                        c,
                        Capabilities.cea(
                                m,
                                local.get(),
                                c.localAddress().getAddress(),
                                ResultCodes.DIAMETER_UNKNOWN_PEER,
                                "peer " + who + " is not configured here",
                                false));
                c.close();
                return;
            }
            delegate = peer.acceptResponder(c, m);
        }

        @Override
        public void onMalformed(Connection c, DecodeFailure f) {
            ConnectionHandler d = delegate;
            if (d != null) {
                d.onMalformed(c, f);
                return;
            }
            if (!done) {
                done = true;
                cancelTimeout();
                LOG.log(
                        Level.INFO,
                        "closing inbound connection "
                                + c
                                + ": malformed first message ("
                                + f
                                + ")");
                c.close();
            }
        }

        private void cancelTimeout() {
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                timeout = null;
                t.cancel(false);
            }
        }

        @Override
        public void onClosed(Connection c, Throwable cause) {
            cancelTimeout();
            ConnectionHandler d = delegate;
            if (d != null) {
                d.onClosed(c, cause);
            }
        }
    }
}
