/**
 * For tests of Diameter applications: the mock Diameter server, throw-away certificates, and the
 * JUnit extension that fails a test whose nodes sent a message breaking its command grammar.
 */
module org.diameter4j.testkit {
    requires transitive org.diameter4j.dictionary;
    requires transitive org.junit.jupiter.api;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports org.diameter4j.testkit;
    exports org.diameter4j.testkit.grammar;
    exports org.diameter4j.testkit.mock;

    provides org.diameter4j.dictionary.OutboundViolationListener with
            org.diameter4j.testkit.grammar.SentMessageRecorder;
    provides org.junit.jupiter.api.extension.Extension with
            org.diameter4j.testkit.grammar.GrammarJudgeExtension;
}
