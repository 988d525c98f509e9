package org.diameter4j.cli.send;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
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
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.PeerState;
import org.diameter4j.peer.internal.Peer;
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
    private final Avp originHost;
    private final Avp originRealm;
    private final Avp destRealm;
    private final Avp destHost;
    private final String destRealmText;
    private final Map<Integer, CompletableFuture<DiameterMessage>> dwrs = new ConcurrentHashMap<>();

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
        LocalIdentity id = node.identity();
        this.originHost = dict.avp("Origin-Host", id.originHost());
        this.originRealm = dict.avp("Origin-Realm", id.originRealm());
        Peer p = peer();
        String realm = o.destRealm;
        if (realm == null) {
            realm =
                    p.remote() != null && p.remote().originRealm() != null
                            ? p.remote().originRealm()
                            : LocalIdentity.realmOf(p.name());
        }
        this.destRealmText = realm;
        this.destRealm = dict.avp("Destination-Realm", realm);
        this.destHost = o.destHost != null ? dict.avp("Destination-Host", o.destHost) : null;
        node.trace(this::matchDwa);
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
            node.trace(tracer);
        }
        try {
            Peer p = node.peers().iterator().next();
            String key = node.peer(uri.host()) != null ? uri.host() : p.name();
            awaitOpen(node, p, uri, connectTimeout);
            return new ClientNode(node, dict, key, template, o);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static void awaitOpen(DiameterNode node, Peer p, DiameterUri uri, Duration timeout) {
        CompletableFuture<Peer> open = p.whenOpen();
        CompletableFuture<String> failed = new CompletableFuture<>();
        node.addListener(
                (peer, from, to) -> {
                    if (to == PeerState.CLOSED && from != PeerState.CLOSED) {
                        failed.complete(peer.lastFailure());
                    }
                });
        try {
            Object r =
                    CompletableFuture.anyOf(open, failed)
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r instanceof Peer) {
                return;
            }
            String why = (String) r;
            throw new UserError(
                    Main.CONNECT,
                    "cannot connect to "
                            + uri
                            + ": "
                            + (why != null
                                    ? why
                                    : p.lastFailure() != null
                                            ? p.lastFailure()
                                            : "the connection closed")
                            + hint(why));
        } catch (TimeoutException e) {
            if (p.state().isOpen()) {
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
                            + p.state()
                            + (p.state() == PeerState.WAIT_I_CEA
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

    public Peer peer() {
        Peer p = node.peer(peerKey);
        return p != null ? p : node.peers().iterator().next();
    }

    public String peerName() {
        return peer().name();
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
        if (find(l, "Origin-Host") == null) {
            l.add(at++, originHost);
        }
        if (find(l, "Origin-Realm") == null) {
            l.add(at++, originRealm);
        }
        if (s.commandCode() != DWR) {
            if (destHost != null && find(l, "Destination-Host") == null) {
                l.add(at++, destHost);
            }
            if (find(l, "Destination-Realm") == null) {
                l.add(at, destRealm);
            }
        }
        return m;
    }

    private Avp find(AvpList l, String name) {
        AvpDefinition d = dict.findAvp(name);
        return l.find(d.code(), d.vendorId());
    }

    /** Sends to the peer; the future always completes (answer, timeout, not ready …). */
    public CompletableFuture<DiameterMessage> send(DiameterMessage request, Duration timeout) {
        if (request.commandCode() != DWR) {
            return node.send(peerKey, request, timeout);
        }
        // The peer layer takes every DWA as a watchdog answer: match ours by End-to-End id.
        int e2e = ThreadLocalRandom.current().nextInt() | 1;
        request.endToEnd(e2e);
        CompletableFuture<DiameterMessage> mine = new CompletableFuture<>();
        dwrs.put(e2e, mine);
        // Straight to the peer: the node would add a Destination-Realm, which a DWR does not carry.
        Long osi = node.identity().originStateId();
        if (osi != null && find(request.avps(), "Origin-State-Id") == null) {
            request.add(dict.avp("Origin-State-Id", osi));
        }
        CompletableFuture<DiameterMessage> lib = peer().send(request, timeout.toMillis());
        CompletableFuture<DiameterMessage> out = new CompletableFuture<>();
        mine.whenComplete((a, t) -> complete(out, a, t));
        lib.whenComplete(
                (a, t) -> {
                    dwrs.remove(e2e);
                    complete(out, a, t);
                });
        return out;
    }

    private static void complete(
            CompletableFuture<DiameterMessage> f, DiameterMessage a, Throwable t) {
        if (t != null) {
            f.completeExceptionally(t);
        } else {
            f.complete(a);
        }
    }

    private void matchDwa(DiameterNode.Traced t) {
        DiameterMessage m = t.message();
        if (t.received() && !m.isRequest() && m.commandCode() == DWR && !dwrs.isEmpty()) {
            CompletableFuture<DiameterMessage> f = dwrs.remove(m.endToEnd());
            if (f != null) {
                f.complete(m);
            }
        }
    }

    /** A printer of every message for --trace, in the dump format of {@code d4j decode}. */
    public static Consumer<DiameterNode.Traced> tracer(Dictionary dict, PrintWriter out) {
        MessageDump dump = new MessageDump(dict);
        return t -> {
            String text = dump.format(t.message());
            synchronized (out) {
                out.println(
                        (t.received() ? "<<< received from " : ">>> sent to ") + t.peer().name());
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
