package com.example.gy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import org.diameter4j.testkit.mock.MockAnswers;
import org.diameter4j.testkit.mock.MockDiameterServer;
import org.diameter4j.testkit.mock.RecordedRequest;
import org.junit.jupiter.api.Test;

/** A user's test: the client against diameter4j-testkit's mock OCS. */
class BalanceCheckTest {
    @Test
    void anOcsThatAnswers4012MeansNoCredit() throws Exception {
        try (MockDiameterServer ocs = MockDiameterServer.builder().authApplication(4).start()) {
            ocs.enqueue(MockAnswers.resultCode(4012));
            long rc = BalanceCheck.check(ocs.uri(), ocs.originHost(), "41780000001");
            assertEquals(4012, rc);
            RecordedRequest ccr = ocs.takeRequest(272, Duration.ofSeconds(5));
            assertNotNull(ccr, "the OCS saw the CCR");
        }
    }
}
