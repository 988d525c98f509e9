package org.diameter4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Recent answers by key, kept as bytes in preallocated segments (RFC 6733 §5.5.4 duplicate
 * detection, RFC 4006 §5.1 idempotence): what is remembered, for how long, in how much memory.
 */
class RecentAnswersTest {
    private static DiameterMessage answer(int endToEnd, int sessionIdLength) {
        DiameterMessage m = new DiameterMessage(0, 272, 4, 9, endToEnd);
        m.add(Avp.ofUtf8(263, 0, Avp.FLAG_MANDATORY, "s".repeat(sessionIdLength)));
        m.add(Avp.ofUnsigned32(268, 0, Avp.FLAG_MANDATORY, 2001));
        return m;
    }

    @Test
    void aRememberedRequestIsPendingUntilItsAnswerIsKeptThenGivesABytewiseCopy() {
        RecentAnswers r = new RecentAnswers(10, 60_000);
        r.remember(7, 0);
        int slot = r.find(7, 1);
        assertThat(slot).isGreaterThanOrEqualTo(0);
        assertThat(r.isAnswered(slot)).isFalse();
        assertThat(r.answerAt(slot)).isNull();
        DiameterMessage a = answer(7, 40);
        assertThat(r.answer(7, a)).isTrue();
        assertThat(r.answer(7, a)).as("the first answer stays").isFalse();
        assertThat(r.isAnswered(slot)).isTrue();
        assertThat(r.answerAt(slot).toBytes()).isEqualTo(a.toBytes());
        assertThat(r.answer(8, a)).as("a key never remembered").isFalse();
    }

    @Test
    void anAnswerLongerThanASegmentIsKeptWhole() {
        RecentAnswers r = new RecentAnswers(4, 60_000);
        r.remember(1, 0);
        DiameterMessage big = answer(1, RecentAnswers.SEGMENT * 3);
        assertThat(big.length()).isGreaterThan(RecentAnswers.SEGMENT);
        r.answer(1, big);
        assertThat(r.answerAt(r.find(1, 0)).toBytes()).isEqualTo(big.toBytes());
    }

    @Test
    void aCopyGivenOutSurvivesTheReuseOfItsSlot() {
        RecentAnswers r = new RecentAnswers(1, 60_000);
        r.remember(1, 0);
        r.answer(1, answer(1, 10));
        DiameterMessage copy = r.answerAt(r.find(1, 0));
        r.remember(2, 0); // capacity 1: 1 leaves, 2 takes its slot and segment
        r.answer(2, answer(2, 30));
        assertThat(r.find(1, 0)).isEqualTo(-1);
        assertThat(copy.toBytes()).isEqualTo(answer(1, 10).toBytes());
    }

    @Test
    void theOldestLeaveFirstAndNothingOutlivesTheWindow() {
        RecentAnswers r = new RecentAnswers(3, 1_000);
        for (long k = 0; k < 5; k++) {
            r.remember(k, 0);
        }
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.find(0, 0)).isEqualTo(-1);
        assertThat(r.find(1, 0)).isEqualTo(-1);
        assertThat(r.find(4, 1_000)).isGreaterThanOrEqualTo(0);
        assertThat(r.find(4, 1_001)).as("past the window").isEqualTo(-1);
        assertThat(r.size()).isEqualTo(2);
    }

    @Test
    void segmentMemoryGrowsAChunkAtATimeUpToCapacity() {
        int capacity = 2 * RecentAnswers.CHUNK + 10;
        RecentAnswers r = new RecentAnswers(capacity, 60_000);
        assertThat(r.segmentBytes()).isZero();
        DiameterMessage a = answer(0, 10);
        for (long k = 0; k < 10L * capacity; k++) {
            r.remember(k, 0);
            r.answer(k, a);
            if (k == 0) {
                assertThat(r.segmentBytes())
                        .isEqualTo((long) RecentAnswers.CHUNK * RecentAnswers.SEGMENT);
            }
        }
        assertThat(r.segmentBytes())
                .as("three chunks: the last one a whole chunk too")
                .isEqualTo(3L * RecentAnswers.CHUNK * RecentAnswers.SEGMENT);
        assertThat(r.size()).isEqualTo(capacity);
    }

    @Test
    void aSmallRingTakesOnlyWhatItsCapacityNeeds() {
        RecentAnswers r = new RecentAnswers(10, 60_000);
        r.remember(1, 0);
        r.answer(1, answer(1, 10));
        assertThat(r.segmentBytes()).isEqualTo(10L * RecentAnswers.SEGMENT);
    }

    @Test
    void zeroCapacityOrWindowRemembersNothing() {
        for (RecentAnswers r :
                new RecentAnswers[] {new RecentAnswers(0, 60_000), new RecentAnswers(10, 0)}) {
            assertThat(r.isEnabled()).isFalse();
            r.remember(1, 0);
            assertThat(r.find(1, 0)).isEqualTo(-1);
            assertThat(r.answer(1, answer(1, 1))).isFalse();
        }
        assertThatThrownBy(() -> new RecentAnswers(-1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
