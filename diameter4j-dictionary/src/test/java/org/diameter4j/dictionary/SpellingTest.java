package org.diameter4j.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    @Test
    void closestNameWithinTheLimitIgnoringCase() {
        List<String> names =
                List.of("Subscription-Id-Type", "Subscription-Id-Data", "Service-Identifier");
        assertThat(Spelling.closest("subscription-id-typ", names, 2))
                .isEqualTo("Subscription-Id-Type");
        assertThat(Spelling.closest("Rating-Group", names, 2)).isNull();
        assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Spelling.distance("", "abc")).isEqualTo(3);
    }
}
