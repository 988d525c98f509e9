package org.diameter4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.dump.MessageDump;
import org.diameter4j.node.DiameterNode;
import org.diameter4j.node.NodeConfig;
import org.diameter4j.node.PeerView;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.DiameterException;
import org.diameter4j.peer.PeerConfig;
import org.diameter4j.peer.RequestTimeoutException;

/**
 * A Gy (Diameter Credit Control, RFC 4006) client to a server reached by its FQDN behind a load
 * balancer — seed 000's AWS NLB in front of a Kubernetes pod, and seed 001's SMS event charging
 * request.
 *
 * <p>What it shows:
 *
 * <ul>
 *   <li>The peer is {@code aaa://<fqdn>:<port>}: no IP address anywhere. The stack resolves the
 *       name at every connection attempt (and rotates over its addresses), so a load balancer whose
 *       addresses change is followed; the local address is left to the OS (seed 000, issue 2).
 *   <li>{@link DiameterNode#awaitReady} waits for the capabilities exchange with a timeout and, on
 *       failure, says why: DNS, connection refused, no CEA, the CEA's Result-Code …
 *   <li>The seed 001 CCR (EVENT_REQUEST, Service-Context-Id 32274@3gpp.org, SMS-Information) built
 *       by name; Origin-Host/Realm and Destination-Realm (from the server's CEA) are filled in by
 *       the node.
 *   <li>The answer: Result-Code with its name, Error-Message and Failed-AVP when present.
 *   <li>Closing the node sends DPR and waits for the DPA.
 * </ul>
 *
 * <p>Run it (from the repository root):
 *
 * <pre>
 * ./mvnw -q -pl examples -am package -DskipTests
 * java -cp examples/target/classes:$(cat examples/target/classpath.txt) \
 *     org.diameter4j.examples.LoadBalancedGyClient \
 *     k8s-diameter-….elb.eu-west-1.amazonaws.com 3868 ocs.diameter.eseye.com client01.diameter.eseye.net
 * </pre>
 *
 * Arguments: {@code fqdn port destination-host origin-host [ready-timeout-seconds]}. The
 * destination host is the server's Origin-Host (a CEA from another host is refused); the origin
 * realm is the part of the origin host after its first dot. Exit code: 0 for a 2xxx answer, 1 for
 * another answer, 3 when the peer never became ready, 4 when the answer did not come in time. Try
 * it locally against {@link TerminatorServer}.
 */
public final class LoadBalancedGyClient {
    /** Diameter Credit Control (RFC 4006): Auth-Application-Id 4. */
    static final long GY = 4;

    /** Credit-Control-Request/Answer. */
    static final int CCR = 272;

    private LoadBalancedGyClient() {}

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println(
                    "usage: LoadBalancedGyClient fqdn port destination-host origin-host"
                            + " [ready-timeout-seconds]");
            System.exit(2);
        }
        Duration ready = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 15);
        System.exit(run(System.out, args[0], Integer.parseInt(args[1]), args[2], args[3], ready));
    }

    /**
     * Connects, sends one SMS event CCR, prints the answer, closes with DPR.
     *
     * @return 0 for a 2xxx answer, 1 for another answer, 3 when the peer was not ready in time, 4
     *     when the request timed out
     */
    public static int run(
            PrintStream out,
            String fqdn,
            int port,
            String destinationHost,
            String originHost,
            Duration readyTimeout) {
        NodeConfig config =
                NodeConfig.builder(originHost)
                        .application(ApplicationId.auth(GY))
                        .peer(
                                PeerConfig.connectTo("aaa://" + fqdn + ":" + port)
                                        .destinationHost(destinationHost)
                                        // Try again (and resolve the name again) after 5 s,
                                        // not the default 30 s: a one-shot client is waiting.
                                        .tc(Duration.ofSeconds(5))
                                        .build())
                        .requestTimeout(Duration.ofSeconds(10))
                        .build();
        out.println("connecting to aaa://" + fqdn + ":" + port + " (peer " + destinationHost + ")");
        try (DiameterNode node = DiameterNode.start(config)) {
            PeerView peer;
            try {
                peer = node.awaitReady(destinationHost, readyTimeout);
            } catch (DiameterException e) {
                out.println("not ready: " + e.getMessage());
                return 3;
            }
            out.println(
                    "ready: "
                            + peer.hostIdentity()
                            + " at "
                            + peer.remoteAddress()
                            + ", realm "
                            + peer.remoteRealm()
                            + ", applications "
                            + peer.activeApplications());

            DiameterMessage ccr = smsEventCcr(node, destinationHost);
            out.println("sending CCR (EVENT_REQUEST, SMS) Session-Id " + sessionId(node, ccr));
            DiameterMessage cca;
            try {
                cca = node.send(ccr).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                out.println("no answer: " + c.getMessage());
                return c instanceof RequestTimeoutException ? 4 : 3;
            } catch (TimeoutException e) {
                out.println("no answer: timeout");
                return 4;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 4;
            }
            int exit = printAnswer(out, node.dictionary(), cca);
            out.println("closing: DPR to " + peer.hostIdentity());
            return exit;
        }
    }

    /** The CCR of seed 001: an SMS submission charged as an event (RFC 4006 §6.3, TS 32.299). */
    static DiameterMessage smsEventCcr(DiameterNode node, String destinationHost) {
        Dictionary d = node.dictionary();
        DiameterMessage ccr = d.request("CCR", GY);
        ccr.add(d.avp("Session-Id", node.newSessionId()))
                // Origin-Host, Origin-Realm: added by the node. Destination-Realm: the node adds
                // the realm of the peer it routes to (from the CEA).
                .add(d.avp("Destination-Host", destinationHost))
                .add(d.avp("Auth-Application-Id", GY))
                .add(d.avp("Service-Context-Id", "32274@3gpp.org"))
                .add(d.avp("CC-Request-Type", "EVENT_REQUEST"))
                // RFC 4006 §8.2: 0 for an event request (seed 001 sent 1).
                .add(d.avp("CC-Request-Number", 0))
                .add(d.avp("Event-Timestamp", Instant.now()))
                .add(
                        d.grouped(
                                "Subscription-Id",
                                d.avp("Subscription-Id-Type", "END_USER_E164"),
                                d.avp("Subscription-Id-Data", "41780000001")))
                .add(d.avp("Requested-Action", "DIRECT_DEBITING"))
                .add(
                        d.grouped(
                                "Multiple-Services-Credit-Control",
                                d.grouped(
                                        "Requested-Service-Unit",
                                        d.avp("CC-Service-Specific-Units", 1)),
                                d.avp("Service-Identifier", 1)))
                .add(
                        d.grouped(
                                "Service-Information",
                                d.grouped(
                                        "SMS-Information",
                                        d.avp("Data-Coding-Scheme", 8),
                                        d.avp("SM-Message-Type", "SUBMISSION"),
                                        d.grouped(
                                                "Recipient-Info",
                                                d.grouped(
                                                        "Recipient-Address",
                                                        d.avp("Address-Type", "MSISDN"),
                                                        d.avp("Address-Data", "41780000002"))))));
        Long originStateId = node.identity().originStateId();
        if (originStateId != null) {
            ccr.add(d.avp("Origin-State-Id", originStateId));
        }
        return ccr;
    }

    /** Prints Result-Code (or Experimental-Result), Error-Message and Failed-AVP; the exit code. */
    static int printAnswer(PrintStream out, Dictionary d, DiameterMessage cca) {
        long code;
        Avp rc = d.get(cca, "Result-Code");
        Avp er = d.get(cca, "Experimental-Result");
        if (rc != null) {
            code = rc.asUnsigned32();
            out.println("CCA Result-Code " + code + " " + name(d.resultCodeName(code)));
        } else if (er != null && d.get(er, "Experimental-Result-Code") != null) {
            code = d.get(er, "Experimental-Result-Code").asUnsigned32();
            Avp vendor = d.get(er, "Vendor-Id");
            out.println(
                    "CCA Experimental-Result-Code "
                            + code
                            + " "
                            + name(d.experimentalResultName(code))
                            + (vendor != null ? " (vendor " + vendor.asUnsigned32() + ")" : ""));
        } else {
            out.println("CCA without Result-Code");
            return 1;
        }
        Avp msg = d.get(cca, "Error-Message");
        if (msg != null) {
            out.println("  Error-Message: " + msg.asUtf8());
        }
        Avp failed = d.get(cca, "Failed-AVP");
        if (failed != null) {
            MessageDump dump = new MessageDump(d);
            out.println("  Failed-AVP:");
            for (Avp a : failed.children()) {
                out.print(dump.formatAvp(a, 4));
            }
        }
        return code >= 2000 && code < 3000 ? 0 : 1;
    }

    private static String name(String n) {
        return n != null ? n : "(unknown)";
    }

    private static String sessionId(DiameterNode node, DiameterMessage m) {
        return node.dictionary().get(m, "Session-Id").asUtf8();
    }
}
