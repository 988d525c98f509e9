package org.diameter4j.testkit.grammar;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which a node sent (or, in {@code reject} mode, tried to send) a message that
 * breaks its command grammar, with the message dumped. Messages reported between two tests — by a
 * node still running in the background, or by a class's {@code @BeforeAll}/{@code @AfterAll} — fail
 * the test class instead. Registered for JUnit's extension auto-detection.
 */
public final class GrammarJudgeExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(GrammarJudgeExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        SentMessageRecorder.drain(); // what earlier classes left running is not this class's fault
        context.getStore(NS).put("between", new ArrayList<String>());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        keepBetween(context, "before " + context.getDisplayName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SentMessageRecorder.Recorded r = SentMessageRecorder.drain();
        boolean onPurpose =
                context.getRequiredTestMethod().isAnnotationPresent(SendsInvalidMessages.class)
                        || context.getRequiredTestClass()
                                .isAnnotationPresent(SendsInvalidMessages.class);
        if (!r.isEmpty() && !onPurpose) {
            throw new AssertionError(r.describe("by this test"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        keepBetween(context, "after the last test");
        List<String> between = between(context);
        if (between != null && !between.isEmpty()) {
            throw new AssertionError(String.join("\n", between));
        }
    }

    private static void keepBetween(ExtensionContext context, String when) {
        SentMessageRecorder.Recorded r = SentMessageRecorder.drain();
        List<String> between = between(context);
        if (!r.isEmpty() && between != null) {
            between.add(r.describe(when));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> between(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getParent().isPresent() && c.getTestClass().isPresent()) {
            Object v = c.getStore(NS).get("between");
            if (v != null) {
                return (List<String>) v;
            }
            c = c.getParent().get();
        }
        return null;
    }
}
