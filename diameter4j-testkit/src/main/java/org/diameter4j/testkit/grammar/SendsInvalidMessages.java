package org.diameter4j.testkit.grammar;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that makes a strict node try to send an invalid message on purpose (to test {@code
 * strict-send} itself): {@link GrammarJudgeExtension} then does not fail it for what it recorded.
 * The reason says what the test proves.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SendsInvalidMessages {
    String value();
}
