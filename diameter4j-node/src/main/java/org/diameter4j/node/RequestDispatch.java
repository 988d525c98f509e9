package org.diameter4j.node;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.node.overload.internal.Overload;
import org.diameter4j.peer.ApplicationId;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.internal.ErrorAnswers;
import org.diameter4j.peer.internal.Peer;

/**
 * A request from a peer, on its way to an answer (RFC 6733 §6.1): relayed when this node is a relay
 * and the request is not for it (§6.1.4–6.1.9, {@link Relay}); answered from the duplicate cache
 * when it was seen before (§5.5.4); else checked — application supported (3007), command handled
 * (3001 or the configured 5012), grammar (5005, 5008, 5009 … with Failed-AVP, §7) — and handed to
 * its {@link RequestHandler} on the callback executor. The future always completes: a handler that
 * fails or answers nothing becomes 5012 DIAMETER_UNABLE_TO_COMPLY.
 */
final class RequestDispatch {
    private final DiameterNode node;
    private final Relay relay;
    private final DuplicateCache duplicates;
    private final MessageValidator validator;

    RequestDispatch(
            DiameterNode node, Relay relay, DuplicateCache duplicates, MessageValidator validator) {
        this.node = node;
        this.relay = relay;
        this.duplicates = duplicates;
        this.validator = validator;
    }

    CompletableFuture<DiameterMessage> serve(Peer peer, DiameterMessage req) {
        if (node.config.relay()) {
            CompletableFuture<DiameterMessage> relayed = relay.relayed(peer, req);
            if (relayed != null) {
                return relayed;
            }
        }
        Avp origin = req.find(DiameterNode.ORIGIN_HOST);
        if (origin == null) {
            return local(peer, req);
        }
        long key = duplicates.check(origin, req);
        if (key == DuplicateCache.DUPLICATE) {
            CompletableFuture<DiameterMessage> first = duplicates.firstAnswer(origin, req);
            if (first != null) {
                // RFC 6733 §5.5.4: a duplicate gets the first one's answer, not a second
                // processing.
                DiameterNode.LOG.log(
                        Level.DEBUG,
                        "duplicate request from "
                                + DiameterNode.text(origin)
                                + " (End-to-End "
                                + Integer.toUnsignedString(req.endToEnd())
                                + (req.isRetransmit() ? ", T flag" : "")
                                + "): answered from the duplicate cache");
                return first.thenApply(a -> DuplicateCache.answerFor(a, req));
            }
        }
        CompletableFuture<DiameterMessage> r;
        try {
            r = local(peer, req);
        } catch (RuntimeException e) {
            r = CompletableFuture.failedFuture(e);
        }
        if (key >= 0) {
            r.whenComplete(
                    (a, e) ->
                            duplicates.answered(
                                    key,
                                    e == null && a != null
                                            ? a
                                            : ErrorAnswers.build(
                                                    req,
                                                    node.config.identity(),
                                                    node.dictionary,
                                                    ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                                                    "the request could not be processed",
                                                    null)));
        }
        return r;
    }

    /** Whether we advertise {@code app}, or the relay application (no streams: per request). */
    private static boolean advertises(LocalIdentity id, long app) {
        java.util.List<ApplicationId> apps = id.applications();
        for (int i = 0; i < apps.size(); i++) {
            ApplicationId a = apps.get(i);
            if (a.isRelay() || a.id() == app) {
                return true;
            }
        }
        return false;
    }

    private CompletableFuture<DiameterMessage> local(Peer peer, DiameterMessage req) {
        Overload doic = node.overload;
        return doic == null ? answer(peer, req) : answerUnderDoic(doic, peer, req);
    }

    /**
     * A local answer with overload control (RFC 7683): the request counts towards the node's load
     * while its handler has it, and when it advertised DOIC its answer gets OC-Supported-Features
     * and the node's report, if any (§5.1.2, §6.2).
     */
    private CompletableFuture<DiameterMessage> answerUnderDoic(
            Overload doic, Peer peer, DiameterMessage req) {
        boolean decorate = Overload.supportsDoic(req);
        doic.handling();
        CompletableFuture<DiameterMessage> f;
        try {
            f = answer(peer, req);
        } catch (RuntimeException e) {
            doic.handled();
            throw e;
        }
        return f.handle(
                (a, e) -> {
                    doic.handled();
                    if (e != null) {
                        throw e instanceof java.util.concurrent.CompletionException c
                                ? c
                                : new java.util.concurrent.CompletionException(e);
                    }
                    return decorate ? doic.decorate(a) : a;
                });
    }

    private CompletableFuture<DiameterMessage> answer(Peer peer, DiameterMessage req) {
        LocalIdentity id = node.config.identity();
        long app = req.applicationId();
        if (app != 0 && !advertises(id, app)) {
            return DiameterNode.done(
                    ErrorAnswers.build(
                            req,
                            id,
                            node.dictionary,
                            ResultCodes.DIAMETER_APPLICATION_UNSUPPORTED,
                            "application " + app + " is not supported here",
                            null));
        }
        DiameterNode.Handler h = node.handlers.get(app, req.commandCode());
        if (h == null) {
            int rc = node.config.unsupportedCommandResult();
            return DiameterNode.done(
                    ErrorAnswers.build(
                            req,
                            id,
                            node.dictionary,
                            rc,
                            "command "
                                    + req.commandCode()
                                    + " of application "
                                    + app
                                    + " is not supported here",
                            null));
        }
        DecodeFailure f = validator.validate(req);
        if (f != null) {
            return DiameterNode.done(
                    ErrorAnswers.build(
                            req, id, node.dictionary, f.resultCode(), f.reason(), f.failedAvp()));
        }
        NodeRequestContext ctx = new NodeRequestContext(node, peer);
        if (h.onEventLoop()) {
            CompletableFuture<DiameterMessage> a = h.handler().handle(req, ctx);
            return a != null
                    ? a
                    : CompletableFuture.failedFuture(
                            new IllegalStateException("the request handler returned no future"));
        }
        return Callbacks.run(node.callbacks, () -> h.handler().handle(req, ctx));
    }
}
