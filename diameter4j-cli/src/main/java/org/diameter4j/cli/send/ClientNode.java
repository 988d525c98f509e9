package org.diameter4j.cli.send;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.diameter4j.cli.CliArgs;
import org.diameter4j.cli.Main;
import org.diameter4j.cli.UserError;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpList;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.type.DiameterUri;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.NodeEvent;
import org.diameter4j.node.NodeListener;
import org.diameter4j.node.PeerView;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.diameter4j.transport.TlsConfig;

/**
 * A {@link DiameterNode} with one peer, for the tools: started, waited for (bounded, with the
 * peer's reason on failure: exit 3), and a {@link #send} that fills in the routing AVPs.
 */
public final class ClientNode implements AutoCloseable {
    private static final int DWR = 280;
    private static final int SESSION_ID = 263;

    private final DiameterNode node;
    private final Dictionary dict;
    private final String peerKey;
    private final Template template;
    private final ConnectOptions o;
    private final Avp destRealm; // only when --dest-realm asked for one; else the node adds it
    private final Avp destHost;
    private final String destRealmText;

    private ClientNode(
            DiameterNode node,
            Dictionary dict,
            String peerKey,
            Template template,
            ConnectOptions o) {
        this.node = node;
        this.dict = dict;
        this.peerKey = peerKey;
        this.template = template;
        this.o = o;
        PeerView p = peer();
        String realm = o.destRealm;
        if (realm == null) {
            realm =
                    p.remoteRealm() != null
                            ? p.remoteRealm()
                            : LocalIdentity.realmOf(p.hostIdentity());
        }
        this.destRealmText = realm;
        this.destRealm = o.destRealm != null ? dict.avp("Destination-Realm", realm) : null;
        this.destHost = o.destHost != null ? dict.avp("Destination-Host", o.destHost) : null;
    }

    /**
     * Starts the node and waits until the peer is open; {@link UserError} exit 3 with the peer's
     * reason (DNS, refused, no CEA, 5010, 3010 …) when it does not open in time.
     */
    public static ClientNode connect(
            ConnectOptions o,
            Template template,
            Dictionary dict,
            TlsConfig tls,
            Consumer<DiameterNode.Traced> tracer) {
        return connect(o, template, dict, tls, tracer, null);
    }

    /**
     * As above, the answers' continuations on {@code callbacks} — {@code Runnable::run} keeps them
     * on the event loop, for a caller whose continuations never block (the load generator: a
     * hand-off per answer cost it more than its own work) — or the node's pool when null.
     */
    public static ClientNode connect(
            ConnectOptions o,
            Template template,
            Dictionary dict,
            TlsConfig tls,
            Consumer<DiameterNode.Traced> tracer,
            java.util.concurrent.Executor callbacks) {
        DiameterUri uri = CliArgs.peer(o.peer);
        Duration connectTimeout = CliArgs.duration(o.connectTimeout, "--connect-timeout");
        NodeConfig.Builder b;
        try {
            b =
                    NodeConfig.builder(o.originHost)
                            .productName("d4j")
                            .dictionary(dict)
                            .originStateIdInRequests(true);
            o.strictSend.applyTo(b);
            if (o.doic) {
                b.overload(org.diameter4j.node.overload.OverloadConfig.ENABLED);
            }
            if (callbacks != null) {
                b.callbackExecutor(callbacks);
            }
            if (o.originRealm != null) {
                b.originRealm(o.originRealm);
            }
            java.util.LinkedHashSet<ApplicationId> apps = new java.util.LinkedHashSet<>();
            if (template.advertised() != null) {
                apps.add(template.advertised());
            }
            if (o.apps != null) {
                apps.addAll(CliArgs.applications(o.apps));
            }
            if (apps.isEmpty()) {
                apps.addAll(CliArgs.applications("gy,rf,gx,s6a,nasreq"));
            }
            for (ApplicationId a : apps) {
                b.application(a);
                if (a.vendorId() != 0) {
                    b.supportedVendorId(a.vendorId());
                }
            }
            if (apps.stream().anyMatch(a -> a.vendorId() == 0 && a.id() > 16777215L)
                    || template.applicationId() > 16777215L) {
                b.supportedVendorId(10415);
            }
            PeerConfig.Builder pb =
                    PeerConfig.builder().uri(uri).ceaTimeout(connectTimeout).tls(tls);
            pb.bindAddress(CliArgs.bind(o.bind));
            b.peer(pb.build());
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
        DiameterNode node;
        try {
            node = DiameterNode.start(b.build());
        } catch (IllegalArgumentException | DiameterException e) {
            throw UserError.usage(e.getMessage());
        }
        if (tracer != null) {
            node.addListener(NodeListener.messages(tracer));
        }
        try {
            String key =
                    node.peer(uri.host()) != null ? uri.host() : node.peers().get(0).hostIdentity();
            awaitOpen(node, key, uri, connectTimeout);
            return new ClientNode(node, dict, key, template, o);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /**
     * Waits for the peer to open, failing fast with the peer's reason when its first attempt ends
     * in Closed (refused, DNS, CEA refused …) rather than waiting the whole timeout.
     */
    private static void awaitOpen(
            DiameterNode node, String key, DiameterUri uri, Duration timeout) {
        CompletableFuture<String> outcome = new CompletableFuture<>(); // null: open; else why not
        NodeListener l =
                NodeListener.events(
                        e -> {
                            if (e instanceof NodeEvent.PeerStateChanged c) {
                                if (c.to().isOpen()) {
                                    outcome.complete(null);
                                } else if (c.to() == PeerState.CLOSED
                                        && c.from() != PeerState.CLOSED) {
                                    outcome.complete(
                                            c.reason() != null
                                                    ? c.reason()
                                                    : "the connection closed");
                                }
                            }
                        });
        node.addListener(l);
        try {
            if (node.peer(key).status().isOpen()) {
                return; // opened before the listener was there
            }
            String why = outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (why == null) {
                return;
            }
            throw new UserError(Main.CONNECT, "cannot connect to " + uri + ": " + why + hint(why));
        } catch (TimeoutException e) {
            PeerView p = node.peer(key);
            if (p.status().isOpen()) {
                return;
            }
            String why = p.lastFailure();
            throw new UserError(
                    Main.CONNECT,
                    "cannot connect to "
                            + uri
                            + ": not ready after "
                            + timeout.toMillis()
                            + " ms (state "
                            + p.status()
                            + (p.status() == PeerState.WAIT_I_CEA
                                    ? ": connected, but no CEA came back"
                                    : "")
                            + ")"
                            + (why != null ? "; last failure: " + why : "")
                            + hint(why));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(Main.CONNECT, "interrupted while connecting to " + uri);
        } catch (ExecutionException e) {
            throw new UserError(
                    Main.CONNECT, "cannot connect to " + uri + ": " + e.getCause().getMessage());
        } finally {
            node.removeListener(l);
        }
    }

    private static String hint(String why) {
        if (why == null) {
            return "";
        }
        String w = why.toLowerCase(java.util.Locale.ROOT);
        if (w.contains("5010")) {
            return ". Fix: advertise an application the peer supports (--apps), or enable ours on the peer";
        }
        if (w.contains("3010")) {
            return ". Fix: the peer does not know our Origin-Host: have it configured there, or use the --origin-host it expects";
        }
        if (w.contains("refused")) {
            return ". Fix: check the port and that the Diameter server runs there";
        }
        if (w.contains("resolve") || w.contains("unknown host") || w.contains("dns")) {
            return ". Fix: check the host name (DNS) or use an IP address";
        }
        return "";
    }

    public DiameterNode node() {
        return node;
    }

    /** The peer as the node shows it now. */
    public PeerView peer() {
        PeerView p = node.peer(peerKey);
        return p != null ? p : node.peers().get(0);
    }

    public String peerName() {
        return peer().hostIdentity();
    }

    /** The variables of message {@code requestNumber} of session {@code n}. */
    public Template.Vars vars(String sessionId, long requestNumber, long n) {
        LocalIdentity id = node.identity();
        return new Template.Vars(
                sessionId,
                id.originHost(),
                id.originRealm(),
                destRealmText,
                o.destHost,
                requestNumber,
                o.msisdn,
                o.imsi,
                n);
    }

    public String newSessionId() {
        return node.newSessionId();
    }

    /**
     * Builds step {@code s}: Session-Id first, then Origin-Host/Realm, Destination-Realm
     * (--dest-realm or the peer's), Destination-Host (--dest-host) unless the template has them,
     * then the rest.
     */
    public DiameterMessage build(Template.Step s, Template.Vars vars) {
        DiameterMessage m = s.build(vars);
        AvpList l = m.avps();
        int at = l.size() > 0 && l.get(0).code() == SESSION_ID ? 1 : 0;
        // Origin-Host, Origin-Realm and the peer's Destination-Realm are the node's to add (one
        // place: DiameterNode.send); only what the user asked for on the command line goes here.
        if (s.commandCode() != DWR) {
            if (destHost != null && find(l, "Destination-Host") == null) {
                l.add(at++, destHost);
            }
            if (destRealm != null && find(l, "Destination-Realm") == null) {
                l.add(at, destRealm);
            }
        }
        return m;
    }

    private Avp find(AvpList l, String name) {
        AvpDefinition d = dict.findAvp(name);
        return l.find(d.code(), d.vendorId());
    }

    /**
     * Sends to the peer; the future always completes (answer, timeout, not ready …). A DWR is
     * answered by the peer layer too: it completes this future with the DWA as well as feeding the
     * watchdog (RFC 3539), and the node adds no Destination-Realm to it (RFC 6733 §5.5.1).
     */
    public CompletableFuture<DiameterMessage> send(DiameterMessage request, Duration timeout) {
        return node.send(peerKey, request, timeout);
    }

    /** A printer of every message for --trace, in the dump format of {@code d4j decode}. */
    public static Consumer<DiameterNode.Traced> tracer(Dictionary dict, PrintWriter out) {
        MessageDump dump = new MessageDump(dict);
        return t -> {
            String text = dump.format(t.message());
            synchronized (out) {
                out.println((t.received() ? "<<< received from " : ">>> sent to ") + t.peer());
                out.print(text);
                out.flush();
            }
        };
    }

    /** Sends DPR and waits for the DPA (bounded). */
    @Override
    public void close() {
        node.close();
    }
}
