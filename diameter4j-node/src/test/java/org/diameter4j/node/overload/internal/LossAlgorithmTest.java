package org.diameter4j.node.overload.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loss algorithm (RFC 7683 §6.3): "reduce the number of requests that would otherwise have been
 * sent ... by the percentage" — over 10,000 decisions, the share dropped is the reduction within 2
 * points.
 */
class LossAlgorithmTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 10, 30, 50, 75, 99, 100})
    void dropsTheReductionPercentageOfRequests(int percent) {
        for (LossAlgorithm loss :
                new LossAlgorithm[] {LossAlgorithm.seeded(7), LossAlgorithm.random()}) {
            int dropped = 0;
            for (int i = 0; i < 10_000; i++) {
                if (loss.drop(percent)) {
                    dropped++;
                }
            }
            assertThat(dropped / 100.0).isCloseTo(percent, within(2.0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void noneAndAllAreExact(int percent) {
        LossAlgorithm loss = LossAlgorithm.random();
        for (int i = 0; i < 1_000; i++) {
            assertThat(loss.drop(percent)).isEqualTo(percent == 100);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42})
    void aSeedGivesTheSameDecisions(long seed) {
        LossAlgorithm a = LossAlgorithm.seeded(seed);
        LossAlgorithm b = LossAlgorithm.seeded(seed);
        for (int i = 0; i < 1_000; i++) {
            assertThat(a.drop(30)).isEqualTo(b.drop(30));
        }
    }
}
