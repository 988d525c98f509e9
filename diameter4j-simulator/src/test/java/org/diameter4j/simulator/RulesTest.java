package org.diameter4j.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.diameter4j.node.yaml.YamlReader;
import org.junit.jupiter.api.Test;

class RulesTest {
    @Test
    void firstMatchingRuleWinsAndTimesLimitsIt() {
        Rules r =
                Rules.fromMaps(
                        List.of(
                                Map.of(
                                        "command",
                                        "CCR",
                                        "subscriber",
                                        "41780000009",
                                        "result",
                                        4012),
                                Map.of(
                                        "command",
                                        "CCR",
                                        "request-type",
                                        "UPDATE",
                                        "delay",
                                        "3s",
                                        "times",
                                        1),
                                Map.of("command", "*", "drop", true)));
        assertThat(r.match("CCR", "41780000009", "INITIAL").resultCode()).isEqualTo(4012);
        assertThat(r.match("CCR", "41780000001", "UPDATE").delayMillis()).isEqualTo(3000);
        assertThat(r.match("CCR", "41780000001", "UPDATE").drop())
                .isTrue(); // the delay rule is used up
        assertThat(r.match("ULR", null, null).drop()).isTrue();
        assertThat(Rules.none().match("CCR", "x", "EVENT")).isNull();
    }

    @Test
    void badRulesNameTheirPositionAndKey() {
        assertThatThrownBy(() -> Rules.fromMaps(List.of(Map.of("command", "CCR"))))
                .hasMessage("rules[0]: says nothing to do: give result, delay, drop or close");
        assertThatThrownBy(() -> Rules.fromMaps(List.of(Map.of("command", "CCR", "reslt", 4012))))
                .hasMessageContaining("rules[0]: unknown key 'reslt'");
        assertThatThrownBy(() -> Rules.fromMaps(List.of(Map.of("delay", "soon"))))
                .hasMessageContaining("rules[0].delay: 'soon' is not a duration");
    }

    @Test
    void aDelayIsADurationWithItsUnit() {
        assertThat(Rules.millis("1.5s", "x")).isEqualTo(1500);
        assertThatThrownBy(() -> Rules.fromMaps(List.of(Map.of("delay", "250"))))
                .hasMessageContaining("rules[0].delay: '250' is not a duration")
                .hasMessageContaining("a bare number has no unit");
    }

    @Test
    void rulesFromAFileAreTypedAndTheirFaultsNameLineAndColumn() {
        YamlReader y =
                YamlReader.parse(
                        """
                        - {command: CCR, subscriber: "41780000009", result: 4012, times: 1}
                        - {command: ULR, delay: 250ms}
                        """,
                        "rules.yaml");
        Rules r = Rules.read(y, y.root(), "rules");
        assertThat(y.problems()).isEmpty();
        assertThat(r.match("CCR", "41780000009", null).resultCode()).isEqualTo(4012);
        assertThat(r.match("CCR", "41780000009", null)).isNull(); // times: 1
        assertThat(r.match("ULR", "x", null).delayMillis()).isEqualTo(250);

        YamlReader bad =
                YamlReader.parse(
                        """
                        - {command: CCR, reslt: 4012}
                        - {command: CCR, delay: 250}
                        - {command: CCR}
                        """,
                        "rules.yaml");
        Rules.read(bad, bad.root(), "ocs.rules");
        assertThat(bad.problems())
                .containsExactly(
                        "rules.yaml:1:18: ocs.rules[0]: unknown key 'reslt' (did you mean"
                                + " 'result'?) — allowed keys: command, subscriber, request-type,"
                                + " result, delay, drop, close, times",
                        "rules.yaml:2:25: ocs.rules[1].delay: '250' is not a duration: write a"
                                + " number and its unit, 500ms, 10s, 1.5s, 2m or 1h (a bare number"
                                + " has no unit)",
                        "rules.yaml:3:3: ocs.rules[2]: says nothing to do — give result, delay,"
                                + " drop or close");
    }
}
