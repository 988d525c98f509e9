package org.diameter4j.dictionary;

import org.diameter4j.codec.Avp;

/**
 * One rule a message we are about to send breaks (see {@link OutboundValidator}).
 *
 * @param resultCode what a strict receiver would answer (5005, 5008, 5009, 3009, 5004, 5014 …), or
 *     0 for a header rule that has no Result-Code of its own
 * @param rule the rule and its RFC section, e.g. {@code "§3.2 occurrences [ Rating-Group ]"}
 * @param text where and what: {@code "CCA: CC-Request-Number occurs more than 1 time"}
 * @param avp the offending AVP (for a missing one, its header with a zero-filled payload), in its
 *     Grouped hierarchy as Failed-AVP would carry it; null for header rules
 */
public record OutboundViolation(int resultCode, String rule, String text, Avp avp) {
    @Override
    public String toString() {
        return text + " [" + rule + (resultCode != 0 ? "; a peer answers " + resultCode : "") + "]";
    }
}
