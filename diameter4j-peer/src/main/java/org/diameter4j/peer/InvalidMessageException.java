package org.diameter4j.peer;

import java.util.List;
import org.diameter4j.dictionary.OutboundViolation;

/**
 * A request was not sent because it breaks its command grammar ({@link StrictSend#REJECT}); the
 * message names the first rule, {@link #violations()} lists them all.
 */
public final class InvalidMessageException extends DiameterException {
    private final transient List<OutboundViolation> violations;

    public InvalidMessageException(String message, List<OutboundViolation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    public List<OutboundViolation> violations() {
        return violations;
    }
}
