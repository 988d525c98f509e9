package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one duration grammar (issue 11 §6): number and unit, never a bare number. */
class DurationsTest {
    @Test
    void everyUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void decimalsAndSpaces() {
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse(" 30 s ")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("0.5h")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aBareNumberIsRefusedWithTheReason() {
        assertThatThrownBy(() -> Durations.parse("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "'5' is not a duration: write a number and its unit, 500ms, 10s, 1.5s, 2m"
                                + " or 1h (a bare number has no unit)");
    }

    @Test
    void otherMistakes() {
        assertThatThrownBy(() -> Durations.parse("5 sec")).hasMessageContaining("'5 sec'");
        assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("'-5s'");
        assertThatThrownBy(() -> Durations.parse("1.2.3s")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Durations.parse("s")).hasMessageContaining("'s'");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("''");
        assertThatThrownBy(() -> Durations.parse("99999999999999999h"))
                .hasMessageContaining("too long");
    }
}
