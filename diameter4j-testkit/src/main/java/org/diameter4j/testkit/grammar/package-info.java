/**
 * Every message a test sends is judged by its command grammar (RFC 6733 §3.2).
 *
 * <p>With diameter4j-testkit on the test class path, {@link
 * org.diameter4j.testkit.grammar.SentMessageRecorder} is registered as an {@link
 * org.diameter4j.dictionary.OutboundViolationListener}: whenever a node running with {@code
 * strict-send} {@code log} or {@code reject} finds that a message it is about to send breaks its
 * grammar, the message and the broken rules are recorded. {@link
 * org.diameter4j.testkit.grammar.GrammarJudgeExtension}, a JUnit 5 extension, fails the test that
 * was running with the message dumped AVP by AVP.
 *
 * <p>To judge a whole suite, as diameter4j's own build does, run the tests with the system property
 * {@code diameter4j.strict-send=reject} (every node then checks what it sends) and with JUnit's
 * extension auto-detection on ({@code junit.jupiter.extensions.autodetection.enabled=true}); or
 * annotate a test class with {@code @ExtendWith(GrammarJudgeExtension.class)}. A test that sends an
 * invalid message on purpose builds its node with {@code strictSend(StrictSend.OFF)}.
 */
package org.diameter4j.testkit.grammar;
