package org.diameter4j.cli.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.diameter4j.cli.UserError;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.node.Applications;
import org.junit.jupiter.api.Test;

/** Templates compiled from YAML: structure, applications, values, and faults with file:line. */
class TemplateTest {
    private static final Dictionary D = Dictionary.standard();
    private static final int CC_REQUEST_TYPE = 416;
    private static final int SESSION_ID = 263;
    private static final int SERVICE_CONTEXT_ID = 461;

    private static Template parse(String... lines) {
        return Template.parse("t.yaml", "t.yaml", new StringReader(String.join("\n", lines)), D);
    }

    private static void fails(String message, String... lines) {
        assertThatThrownBy(() -> parse(lines))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyShippedKindLoads() {
        for (String kind : Template.KINDS) {
            Template t = Template.load(kind, D);
            assertThat(t.name()).isEqualTo(kind);
            assertThat(t.steps()).isNotEmpty();
        }
    }

    @Test
    void aSessionExpandsItsStepsAndRepeatsOverTheCommonAvps() {
        Template t = Template.load("ccr-session", D);
        assertThat(t.applicationId()).isEqualTo(4);
        assertThat(t.advertised()).isEqualTo(Applications.GY);
        List<Long> types =
                t.steps().stream()
                        .map(
                                s ->
                                        s.build(Template.Vars.sample())
                                                .find(CC_REQUEST_TYPE)
                                                .asUnsigned32())
                        .toList();
        assertThat(types).containsExactly(1L, 2L, 2L, 3L);
        assertThat(t.steps()).allMatch(s -> s.commandName().equals("CCR"));
    }

    @Test
    void variablesAreFilledForEachMessage() {
        Template t =
                parse(
                        "command: CCR",
                        "application: gy",
                        "avps:",
                        "  Session-Id: ${session-id}",
                        "  Service-Context-Id: 32251@3gpp.org");
        Template.Vars v =
                new Template.Vars(
                        "a.example.com;9;9",
                        "a.example.com",
                        "example.com",
                        null,
                        null,
                        0,
                        "1",
                        "2",
                        1);
        DiameterMessage m = t.steps().get(0).build(v);
        assertThat(m.find(SESSION_ID).asUtf8()).isEqualTo("a.example.com;9;9");
        assertThat(m.find(SERVICE_CONTEXT_ID).asUtf8()).isEqualTo("32251@3gpp.org");
        assertThat(m.isRequest()).isTrue();
        assertThat(m.applicationId()).isEqualTo(4);
    }

    @Test
    void anApplicationIsNamedAsInTheRegistryOrByTheDictionary() {
        Template s6a = parse("command: ULR", "application: s6a", "avps: {}");
        assertThat(s6a.advertised()).isEqualTo(Applications.S6A);
        Template ro = parse("command: CCR", "application: RO", "avps: {}");
        assertThat(ro.applicationId()).isEqualTo(4);
        Template byNumber = parse("command: CCR", "application: 4", "avps: {}");
        assertThat(byNumber.advertised()).isEqualTo(Applications.GY);
    }

    @Test
    void withoutApplicationTheCommandDecidesAndABaseCommandAdvertisesNothing() {
        Template dwr = parse("command: DWR", "avps: {}");
        assertThat(dwr.applicationId()).isZero();
        assertThat(dwr.advertised()).isNull();
    }

    @Test
    void anUnknownApplicationListsTheKnownNames() {
        fails(
                "t.yaml:2:14: application: unknown application 'gyy' (use an id, or nasreq, gy, ro,"
                        + " rf, gx, s6a, relay)",
                "command: CCR",
                "application: gyy");
    }

    @Test
    void faultsNameTheLineAndThePath() {
        fails("t.yaml:1:1: no 'command'", "application: gy");
        fails("t.yaml:2:1: unknown key 'avp'", "command: CCR", "avp: {}");
        fails(
                "t.yaml:4:20: avps.CC-Request-Type: unknown variable ${type}",
                "command: CCR",
                "application: gy",
                "avps:",
                "  CC-Request-Type: ${type}");
        fails(
                "t.yaml:5:13: steps[0].repeat: must be 1..1000",
                "command: CCR",
                "application: gy",
                "steps:",
                "  - avps: {}",
                "    repeat: 0");
        fails(
                "avps.Multiple-Services-Credit-Control: Multiple-Services-Credit-Control is"
                        + " Grouped",
                "command: CCR",
                "application: gy",
                "avps:",
                "  Multiple-Services-Credit-Control: 3");
    }

    @Test
    void aYamlSyntaxErrorNamesTheLine() {
        assertThatThrownBy(
                        () -> parse("command: CCR", "avps:", "  Session-Id: [unclosed", "  X: 1"))
                .isInstanceOf(UserError.class)
                .hasMessageMatching("t\\.yaml:[3-4]:[0-9]+: YAML syntax: .*flow sequence.*");
    }

    @Test
    void anEmptyTemplateSaysWhatToGive() {
        fails("the template is empty: give command, application and avps", "");
    }
}
