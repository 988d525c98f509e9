package org.diameter4j.cli.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Values with ${variable} placeholders: split at load time, filled for each message. */
class PlaceholdersTest {
    private static final Template.Vars VARS = Template.Vars.sample();

    @Test
    void aTextWithoutPlaceholdersIsOnePart() {
        assertThat(Placeholders.split("32251@3gpp.org")).containsExactly("32251@3gpp.org");
    }

    @Test
    void textAndVariablesAlternate() {
        assertThat(Placeholders.split("sip:${msisdn}@${ origin-realm }"))
                .containsExactly("sip:", "msisdn", "@", "origin-realm", "");
    }

    @Test
    void aFilledValueHasEachVariableReplaced() {
        List<String> parts = Placeholders.split("${origin-host};${n};x");
        assertThat(Placeholders.fill(parts, VARS)).isEqualTo("client.example.com;1;x");
    }

    @Test
    void aWholeVariableIsItsValue() {
        List<String> parts = Placeholders.split("${imsi}");
        assertThat(Placeholders.wholeVariable(parts)).isTrue();
        assertThat(Placeholders.fill(parts, VARS)).isEqualTo("001010000000001");
        assertThat(Placeholders.wholeVariable(Placeholders.split("a${imsi}"))).isFalse();
    }

    @Test
    void anAbsentDestinationFillsAsEmpty() {
        Template.Vars v =
                new Template.Vars(
                        "s;1", "h.example.com", "example.com", null, null, 3, "1", "2", 4);
        assertThat(Placeholders.fill(Placeholders.split("[${dest-host}]${request-number}"), v))
                .isEqualTo("[]3");
    }

    @Test
    void anUnknownVariableListsTheKnownOnes() {
        assertThatThrownBy(() -> Placeholders.split("${nope}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown variable ${nope} (known: dest-host, dest-realm,")
                .hasMessageContaining("session-id");
    }

    @Test
    void anUnclosedPlaceholderIsAFault() {
        assertThatThrownBy(() -> Placeholders.split("x${msisdn"))
                .hasMessage("unclosed ${ in 'x${msisdn'");
    }
}
