package org.diameter4j.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import org.diameter4j.codec.DiameterMessage;
import org.junit.jupiter.api.Test;

/**
 * RFC 6733 §7.2's generic answer-message grammar is built once per dictionary and shared by every
 * validator (issue 10: each peer has validators of its own).
 */
class AnswerMessageGrammarTest {
    private static final Dictionary D = Dictionary.standard();

    @Test
    void theDictionaryBuildsTheGrammarOnceAndHandsOutTheSameInstance() {
        assertThat(D.answerMessageGrammar()).isSameAs(D.answerMessageGrammar());
    }

    @Test
    void theSharedGrammarStillJudgesErrorAnswers() {
        // §7.2: an answer with the E bit needs { Origin-Host } { Origin-Realm } { Result-Code }.
        DiameterMessage noResultCode =
                new DiameterMessage(DiameterMessage.FLAG_ERROR, 257, 0, 1, 1)
                        .add(D.avp("Origin-Host", "server.example.com"))
                        .add(D.avp("Origin-Realm", "example.com"));
        DiameterMessage complete =
                new DiameterMessage(DiameterMessage.FLAG_ERROR, 257, 0, 1, 1)
                        .add(D.avp("Origin-Host", "server.example.com"))
                        .add(D.avp("Origin-Realm", "example.com"))
                        .add(D.avp("Result-Code", 3010));

        for (MessageValidator v :
                new MessageValidator[] {new MessageValidator(D), new MessageValidator(D)}) {
            assertThat(v.validate(noResultCode).reason()).contains("missing Result-Code");
            assertThat(v.validate(complete)).isNull();
        }
    }
}
