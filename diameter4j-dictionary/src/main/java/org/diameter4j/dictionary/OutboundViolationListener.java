package org.diameter4j.dictionary;

import java.util.List;
import java.util.ServiceLoader;
import org.diameter4j.codec.DiameterMessage;

/**
 * Told of every message a strict sender found invalid (see {@link OutboundValidator}), whatever it
 * then did with it. Implementations are found with {@link ServiceLoader} ({@code
 * META-INF/services/org.diameter4j.dictionary.OutboundViolationListener}): diameter4j's testkit
 * registers one that fails the running test, so that every message sent in a test suite is judged
 * by its grammar. Called on the sending thread (often an event loop): must not block.
 */
public interface OutboundViolationListener {
    /**
     * @param dictionary the sender's dictionary, to name the message's AVPs in a report
     */
    void violations(
            DiameterMessage message, List<OutboundViolation> violations, Dictionary dictionary);

    /** The listeners on the class path, loaded once. */
    static List<OutboundViolationListener> installed() {
        return Installed.LISTENERS;
    }

    /** Notifies every installed listener; a listener that throws is not allowed to stop a send. */
    static void notifyAll(
            DiameterMessage message, List<OutboundViolation> violations, Dictionary dictionary) {
        for (OutboundViolationListener l : Installed.LISTENERS) {
            try {
                l.violations(message, violations, dictionary);
            } catch (RuntimeException e) {
                System.getLogger("org.diameter4j.dictionary")
                        .log(System.Logger.Level.WARNING, "violation listener " + l + " failed", e);
            }
        }
    }

    /** Lazy holder: the service lookup runs on first use only. */
    final class Installed {
        static final List<OutboundViolationListener> LISTENERS =
                ServiceLoader.load(OutboundViolationListener.class).stream()
                        .map(ServiceLoader.Provider::get)
                        .toList();

        private Installed() {}
    }
}
