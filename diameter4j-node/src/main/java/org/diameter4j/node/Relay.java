package org.diameter4j.node;

import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.node.overload.ThrottledException;
import org.diameter4j.node.overload.internal.Overload;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.ErrorAnswers;
import org.diameter4j.peer.internal.Peer;

/**
 * A node's relay agent (RFC 6733 §2.8, §6.1.9, §6.2.2): loop detection by Route-Record (§6.1.3),
 * what is not for this node, and forwarding with a Route-Record added and the Hop-by-Hop identifier
 * restored on the answer.
 */
final class Relay {
    private final DiameterNode node;

    Relay(DiameterNode node) {
        this.node = node;
    }

    /**
     * The answer to a request this relay does not serve locally — 3005 for a loop, or the relayed
     * answer — or null when the request is for this node.
     */
    CompletableFuture<DiameterMessage> relayed(Peer from, DiameterMessage req) {
        // RFC 6733 §6.1.3: "A loop is detected if the server finds its own identity in a
        // Route-Record AVP."
        if (routeRecordHas(req, node.config.identity().originHost())) {
            DiameterMessage a =
                    ErrorAnswers.build(
                            req,
                            node.config.identity(),
                            node.dictionary,
                            ResultCodes.DIAMETER_LOOP_DETECTED,
                            "loop: "
                                    + node.config.identity().originHost()
                                    + " is already in the Route-Record",
                            null);
            a.add(errorReportingHost());
            return DiameterNode.done(a);
        }
        return notForUs(req) ? forward(from, req) : null;
    }

    private Avp errorReportingHost() {
        // RFC 6733 §4.5: the M bit MUST NOT be set on Error-Reporting-Host.
        return Avp.ofUtf8(
                DiameterNode.ERROR_REPORTING_HOST, 0, 0, node.config.identity().originHost());
    }

    static boolean routeRecordHas(DiameterMessage req, String identity) {
        for (Avp a : req.avps()) {
            if (a.code() == DiameterNode.ROUTE_RECORD
                    && a.vendorId() == 0
                    && LocalIdentity.sameIdentity(DiameterNode.text(a), identity)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a relay forwards the request: addressed to another host, or to another realm, or for
     * a command without a local handler.
     */
    private boolean notForUs(DiameterMessage req) {
        LocalIdentity id = node.config.identity();
        String host = DiameterNode.text(req.find(DiameterNode.DESTINATION_HOST));
        if (host != null) {
            return !LocalIdentity.sameIdentity(host, id.originHost());
        }
        String realm = DiameterNode.text(req.find(DiameterNode.DESTINATION_REALM));
        if (realm != null && !realm.equalsIgnoreCase(id.originRealm())) {
            return true;
        }
        return node.handlers.get(req.applicationId(), req.commandCode()) == null;
    }

    /**
     * Relays a request (RFC 6733 §6.1.9): a Route-Record with the identity of the peer it came from
     * is added, the next hop is chosen by the routing rules among peers not in the Route-Record,
     * the next hop's connection gives it a new Hop-by-Hop identifier, and the answer goes back with
     * the original one (§6.2.2). Every other AVP is forwarded unchanged.
     */
    private CompletableFuture<DiameterMessage> forward(Peer from, DiameterMessage req) {
        int hopByHop = req.hopByHop();
        if (!req.isProxiable()) {
            return DiameterNode.done(
                    relayError(
                            req,
                            hopByHop,
                            ResultCodes.DIAMETER_UNABLE_TO_DELIVER,
                            "the request is not proxiable (P bit clear) and is not for this node"));
        }
        req.add(Avp.ofUtf8(DiameterNode.ROUTE_RECORD, 0, Avp.FLAG_MANDATORY, from.name()));
        // Overload control (RFC 7683 §5.1.3, §5.2.3): a request that already carries
        // OC-Supported-Features comes from a reacting node — the reports in its answer are that
        // node's to act on and its DOIC AVPs pass through unchanged both ways. For a request
        // without it this relay acts: it advertises DOIC, obeys the reports of the answers and
        // takes the DOIC AVPs out of the answer it returns; a request its reports drop and no
        // other peer can take is answered 3004 DIAMETER_TOO_BUSY ("an appropriate error").
        Overload doic = node.overload;
        boolean actingFor = doic != null && doic.advertise(req);
        Peer next;
        try {
            next =
                    actingFor
                            ? OverloadRouting.select(
                                    node, doic, req, p -> DiameterNode.inRouteRecord(p, req))
                            : Routing.select(
                                    req,
                                    node.peers.values(),
                                    node.routes(),
                                    p -> DiameterNode.inRouteRecord(p, req),
                                    node::isBusy);
        } catch (NoRouteException e) {
            return DiameterNode.done(relayError(req, hopByHop, e.resultCode(), e.getMessage()));
        } catch (ThrottledException e) {
            return DiameterNode.done(relayError(req, hopByHop, e.resultCode(), e.getMessage()));
        }
        CompletableFuture<DiameterMessage> sent =
                node.observe(next, req, next.send(req, node.config.requestTimeout().toMillis()));
        return sent.handle(
                (a, err) -> {
                    if (a != null) {
                        if (actingFor) {
                            // Read the reports before they are taken out (here, not in a second
                            // continuation: those run in no promised order).
                            doic.answered(a);
                            Overload.strip(a);
                        }
                        a.hopByHop(hopByHop);
                        return a;
                    }
                    return relayError(
                            req,
                            hopByHop,
                            ResultCodes.DIAMETER_UNABLE_TO_DELIVER,
                            "relayed to " + next.name() + ": " + DiameterNode.rootMessage(err));
                });
    }

    private DiameterMessage relayError(DiameterMessage req, int hopByHop, long rc, String why) {
        DiameterMessage a =
                ErrorAnswers.build(req, node.config.identity(), node.dictionary, rc, why, null);
        a.add(errorReportingHost());
        a.hopByHop(hopByHop);
        return a;
    }
}
