package org.diameter4j.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DataType;
import org.junit.jupiter.api.Test;

/** The dictionary text format (docs/dictionary-format.md): loading, user files, clashes, errors. */
class DictionaryFileTest {
    private static final String MY_VENDOR =
            """
            # A user's vendor dictionary
            vendor 99999 Acme
            application 4200000001 Acme-App auth alias Acme
            avp Acme-Color   1 Enumerated M vendor Acme
                RED    0
                GREEN  1
            avp Acme-Info    2 Grouped    M vendor Acme
            <Acme-Info> ::= < AVP Header: 2 99999 >
                    { Acme-Color }
                  * [ AVP ]
            <Acme-Request> ACR2 ::= < Diameter Header: 7777, REQ, PXY, 4200000001 >
                    < Session-Id >
                    { Origin-Host }
                 1* { Acme-Info }
                  * [ AVP ]
            """;

    @Test
    void userFileAddsVendorAvpsCommandsAndApplications() {
        Dictionary d = Dictionary.builder().addStandard().addText("acme.dict", MY_VENDOR).build();
        AvpDefinition color = d.avp("Acme-Color");
        assertThat(color.code()).isEqualTo(1);
        assertThat(color.vendorId()).isEqualTo(99999);
        assertThat(color.valueOf("GREEN")).isEqualTo(1L);
        assertThat(d.typeOf(1, 99999)).isEqualTo(DataType.ENUMERATED);
        // keyed by (vendor, code): base AVP 1 is still User-Name
        assertThat(d.avp(1, 0).name()).isEqualTo("User-Name");
        CommandDefinition c = d.command("ACR2", 4200000001L);
        assertThat(c.grammar().rules()).hasSize(4);
        assertThat(d.application(4200000001L).displayName()).isEqualTo("Acme");
        Avp built = d.grouped("Acme-Info", d.avp("Acme-Color", "GREEN"));
        assertThat(built.flags()).isEqualTo(Avp.FLAG_VENDOR | Avp.FLAG_MANDATORY);
    }

    @Test
    void identicalRedefinitionIsAccepted() {
        Dictionary d =
                Dictionary.builder()
                        .addStandard()
                        .addText("a.dict", MY_VENDOR)
                        .addText("b.dict", MY_VENDOR)
                        .build();
        assertThat(d.avp("Acme-Color").location().file()).isEqualTo("a.dict");
    }

    @Test
    void clashingAvpNamesBothPlaces() {
        assertThatThrownBy(
                        () ->
                                Dictionary.builder()
                                        .addStandard()
                                        .addText("mine.dict", "avp My-Session 263 OctetString M\n")
                                        .build())
                .isInstanceOf(DictionaryException.class)
                .hasMessageContaining("mine.dict:1")
                .hasMessageContaining(
                        "'My-Session' clashes with 'Session-Id' defined at base.dict:");
    }

    @Test
    void clashingValueNamesTheValue() {
        assertThatThrownBy(
                        () ->
                                Dictionary.builder()
                                        .addStandard()
                                        .addText(
                                                "mine.dict",
                                                "values Disconnect-Cause\n    GOING_AWAY 0\n")
                                        .build())
                .isInstanceOf(DictionaryException.class)
                .hasMessageContaining("mine.dict:2")
                .hasMessageContaining("value 0 'GOING_AWAY' clashes with 'REBOOTING'");
    }

    @Test
    void unresolvedGrammarReferenceNamesFileLineAndName() {
        assertThatThrownBy(
                        () ->
                                Dictionary.builder()
                                        .addStandard()
                                        .addText(
                                                "x.dict",
                                                """
                        avp X-Group 60000 Grouped M
                        <X-Group> ::= < AVP Header: 60000 >
                                { No-Such-Avp }
                        """)
                                        .build())
                .isInstanceOf(DictionaryException.class)
                .hasMessageContaining("x.dict:2: grammar refers to AVP 'No-Such-Avp'");
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertThatThrownBy(
                        () ->
                                Dictionary.builder()
                                        .addText("bad.dict", "vendor 1 A\navp Foo 1 Strange M\n"))
                .hasMessage("bad.dict:2: unknown data type 'Strange'");
        assertThatThrownBy(
                        () -> Dictionary.builder().addText("bad.dict", "avp Foo 1 Unsigned32 X\n"))
                .hasMessageContaining("bad.dict:1: M-rule must be M, m or -");
        assertThatThrownBy(
                        () ->
                                Dictionary.builder()
                                        .addText(
                                                "bad.dict",
                                                "avp Foo 1 Unsigned32 M vendor Nobody\n")
                                        .build())
                .hasMessageContaining("unknown vendor 'Nobody'");
        assertThatThrownBy(() -> Dictionary.builder().addText("bad.dict", "frobnicate 1\n"))
                .hasMessageContaining("bad.dict:1: unknown statement 'frobnicate'");
        assertThatThrownBy(
                        () ->
                                Dictionary.builder()
                                        .addText(
                                                "bad.dict",
                                                "avp G 1 Grouped M\n<G> ::= < AVP Header: 1 >\n   2{ G }\n"))
                .hasMessageContaining("bad.dict:3: a count must be written min*max");
    }

    @Test
    void grammarQualifiersFollowRfc6733Section3_2() {
        Dictionary d =
                Dictionary.builder()
                        .addStandard()
                        .addText(
                                "q.dict",
                                """
                avp Q-Group 60001 Grouped M
                <Q-Group> ::= < AVP Header: 60001 >
                        < Session-Id >
                     1* { Origin-Host }
                     2*4 [ Route-Record ]
                      * [ Proxy-Info ]
                        [ User-Name ]
                """)
                        .build();
        var rules = d.avp("Q-Group").grammar().rules();
        assertThat(rules).extracting(GrammarRule::min).containsExactly(1, 1, 2, 0, 0);
        assertThat(rules)
                .extracting(GrammarRule::max)
                .containsExactly(1, Integer.MAX_VALUE, 4, Integer.MAX_VALUE, 1);
        assertThat(rules)
                .extracting(GrammarRule::toString)
                .containsExactly(
                        "< Session-Id >",
                        "1*{ Origin-Host }",
                        "2*4[ Route-Record ]",
                        "*[ Proxy-Info ]",
                        "[ User-Name ]");
    }
}
