package org.diameter4j.dictionary;

import org.diameter4j.codec.AvpValueException;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DiameterMessage;

/**
 * Checks a decoded message against its command grammar and the grammars of its Grouped AVPs (RFC
 * 6733 §3.2, §4.4, §7.1.5, §7.5):
 *
 * <ul>
 *   <li>a required AVP missing: 5005 DIAMETER_MISSING_AVP, Failed-AVP = the AVP's header with a
 *       zero-filled payload of its type's minimum length;
 *   <li>an AVP the grammar does not list and no {@code * [ AVP ]}, or a fixed AVP out of place:
 *       5008;
 *   <li>more occurrences than allowed: 5009, Failed-AVP = the first surplus one;
 *   <li>an AVP the dictionary does not know, with the M bit: 5001; without it, ignored (§4.1);
 *   <li>the M bit set where the AVP's definition says MUST NOT: 3009 DIAMETER_INVALID_AVP_BITS;
 *   <li>an Enumerated AVP with the M bit whose value the dictionary does not define: 5004
 *       DIAMETER_INVALID_AVP_VALUE (§4.1: "either the AVP or its value is unrecognized").
 * </ul>
 *
 * A fault inside a Grouped AVP is reported with the grouped hierarchy down to the offender.
 * Messages of commands the dictionary does not know are not checked (the peer layer answers 3001
 * for them). Thread-safe; validating a message that satisfies its grammar allocates nothing (the
 * AVPs are read in place, see {@link GrammarCheck}).
 */
public final class MessageValidator {
    private final Dictionary dict;
    private final GrammarCheck check;
    private final Grammar answerMessage;

    public MessageValidator(Dictionary dict) {
        this.dict = dict;
        this.check = new GrammarCheck(dict, false);
        this.answerMessage = dict.answerMessageGrammar();
    }

    /** The first fault, or null when the message satisfies its grammar. */
    public DecodeFailure validate(DiameterMessage m) {
        CommandDefinition cmd = dict.command(m);
        if (cmd == null) {
            return null;
        }
        try {
            // §7.2: an answer with the E bit follows the generic answer-message grammar.
            boolean errorAnswer = !m.isRequest() && m.isError();
            GrammarCheck.Fault f =
                    check.first(
                            m.avps(),
                            errorAnswer ? answerMessage : cmd.grammar(),
                            cmd.abbreviation());
            return f == null
                    ? null
                    : new DecodeFailure(f.resultCode(), f.text(), -1, f.failed(), m, false);
        } catch (AvpValueException e) {
            return new DecodeFailure(e.resultCode(), e.getMessage(), -1, e.avp(), m, false);
        }
    }
}
