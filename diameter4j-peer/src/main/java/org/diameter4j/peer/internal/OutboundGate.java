package org.diameter4j.peer.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.OutboundValidator;
import org.diameter4j.dictionary.OutboundViolation;
import org.diameter4j.dictionary.OutboundViolationListener;
import org.diameter4j.peer.InvalidMessageException;
import org.diameter4j.peer.LocalIdentity;
import org.diameter4j.peer.StrictSend;

/**
 * The last step before a message leaves a peer connection: applies the node's {@link StrictSend}
 * mode. Each distinct violation (command and rule) is logged once per gate, at WARNING; every one
 * is passed to the installed {@link OutboundViolationListener}s. Thread-safe.
 */
final class OutboundGate {
    private static final System.Logger LOG = System.getLogger("org.diameter4j.peer");
    private static final int MAX_LOGGED = 1_000;

    private final StrictSend mode;
    private final OutboundValidator validator;
    private final Dictionary dictionary;
    // Made on the first violation: most gates (one per peer) never see one (issue 10).
    private volatile Set<String> logged;

    OutboundGate(Dictionary dictionary, StrictSend mode) {
        this.mode = mode;
        this.dictionary = dictionary;
        this.validator = mode == StrictSend.OFF ? null : new OutboundValidator(dictionary);
    }

    StrictSend mode() {
        return mode;
    }

    /**
     * The violations of {@code m}, already logged and reported; empty when it may go out as it is
     * (always, in OFF mode).
     */
    List<OutboundViolation> check(DiameterMessage m) {
        if (validator == null) {
            return List.of();
        }
        List<OutboundViolation> v = validator.check(m);
        if (!v.isEmpty()) {
            OutboundViolationListener.notifyAll(m, v, dictionary);
            String cmd = command(m);
            String key = cmd + " " + v.get(0).rule();
            Set<String> seen = logged();
            if (seen.size() < MAX_LOGGED && seen.add(key)) {
                LOG.log(
                        Level.WARNING,
                        "strict-send: "
                                + cmd
                                + " breaks its grammar: "
                                + v.get(0)
                                + (v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : "")
                                + (mode == StrictSend.REJECT
                                        ? (m.isRequest() ? "; not sent" : "; answered 5012 instead")
                                        : "; sent anyway")
                                + " (logged once)");
            }
        }
        return v;
    }

    /**
     * What to write for {@code m}: {@code m} itself, or in REJECT mode null for an invalid request
     * and a 5012 error answer for an invalid answer (RFC 6733 §7.1.5: a request is never left
     * unanswered).
     */
    DiameterMessage vet(DiameterMessage m, LocalIdentity local) {
        if (validator == null) {
            return m;
        }
        List<OutboundViolation> v = check(m);
        if (v.isEmpty() || mode != StrictSend.REJECT) {
            return m;
        }
        if (m.isRequest()) {
            return null;
        }
        DiameterMessage substitute =
                ErrorAnswers.build(
                        m,
                        local,
                        dictionary,
                        ResultCodes.DIAMETER_UNABLE_TO_COMPLY,
                        "the answer failed its grammar: " + v.get(0).text(),
                        null);
        return substitute; // answer() keeps the identifiers: it answers the same request
    }

    private Set<String> logged() {
        Set<String> s = logged;
        if (s == null) {
            synchronized (this) {
                s = logged;
                if (s == null) {
                    s = ConcurrentHashMap.newKeySet();
                    logged = s;
                }
            }
        }
        return s;
    }

    /** The exception for a request that REJECT refuses. */
    InvalidMessageException refusal(DiameterMessage m, List<OutboundViolation> v) {
        return new InvalidMessageException(
                command(m)
                        + " not sent (strict-send): "
                        + v.get(0)
                        + (v.size() > 1 ? "; and " + (v.size() - 1) + " more" : ""),
                v);
    }

    private String command(DiameterMessage m) {
        return dictionary.commandName(m.applicationId(), m.commandCode(), m.isRequest());
    }
}
