package org.diameter4j.dictionary.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.diameter4j.dictionary.Dictionary;
import org.junit.jupiter.api.Test;

/** Typed keys for a user's own dictionary: only its AVPs, legal names, a stable output. */
class TypedAvpGeneratorTest {
    private static final String ACME =
            """
            vendor 99999 Acme
            avp Acme-Plan-Type          1  Enumerated  M  vendor Acme
                PREPAID                 0
                POST-PAID               1
                5G-ONLY                 2
            avp Acme-Quota              2  Unsigned64  M  vendor Acme
            avp Acme-Info               3  Grouped     -  vendor Acme

            <Acme-Info> ::= < AVP Header: 3 99999 >
                    { Acme-Quota }
                    [ Acme-Plan-Type ]
            """;

    private static Map<String, String> generate() {
        Dictionary d = Dictionary.builder().addStandard().addText("acme.dict", ACME).build();
        return new TypedAvpGenerator(d, Set.of("acme.dict"), "com.acme.avps", "AcmeAvps")
                .generate();
    }

    @Test
    void keysAreWrittenOnlyForTheAvpsOfTheGivenFile() {
        Map<String, String> out = generate();
        assertThat(out).containsOnlyKeys("AcmeAvps", "AcmePlanType", "package-info");
        String keys = out.get("AcmeAvps");
        assertThat(keys)
                .contains("package com.acme.avps;")
                .contains(
                        "public static final AvpKey<AcmePlanType> ACME_PLAN_TYPE =",
                        "AvpKey.enumerated(\"Acme-Plan-Type\", 1, 99999, 0xc0, AcmePlanType::of)")
                .contains("public static final AvpKey<Long> ACME_QUOTA =")
                .contains("public static final GroupedAvpKey ACME_INFO =")
                .contains("acme.dict:2")
                .doesNotContain("SESSION_ID");
    }

    @Test
    void valueNamesBecomeLegalEnumConstants() {
        String e = generate().get("AcmePlanType");
        assertThat(e)
                .contains("PREPAID(0)", "POST_PAID(1)", "_5G_ONLY(2)")
                .contains("case 2:\n                return _5G_ONLY;");
    }

    @Test
    void aMissingOrBrokenFileIsOneLineAndExit1(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream e = new java.io.PrintStream(err, true, "UTF-8");
        java.io.PrintStream o = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
        assertThat(TypedAvpGenerator.run(new String[] {"out"}, o, e)).isEqualTo(2);
        assertThat(
                        TypedAvpGenerator.run(
                                new String[] {
                                    dir.toString(), "p", dir.resolve("none.dict").toString()
                                },
                                o,
                                e))
                .isEqualTo(1);
        java.nio.file.Path broken = dir.resolve("broken.dict");
        java.nio.file.Files.writeString(broken, "avp Broken 1 NoSuchType M\n");
        assertThat(
                        TypedAvpGenerator.run(
                                new String[] {dir.toString(), "p", broken.toString()}, o, e))
                .isEqualTo(1);
        String text = err.toString("UTF-8");
        assertThat(text)
                .contains("usage: TypedAvpGenerator")
                .contains("none.dict: no such dictionary file")
                .contains("broken.dict:1")
                .doesNotContain("\tat ");
    }

    @Test
    void theOutputIsTheSameEveryTime() {
        assertThat(generate()).isEqualTo(generate());
    }

    @Test
    void dictionaryNamesBecomeJavaNames() {
        assertThat(JavaNames.constant("CC-Request-Type")).isEqualTo("CC_REQUEST_TYPE");
        assertThat(JavaNames.type("CC-Request-Type")).isEqualTo("CcRequestType");
        assertThat(JavaNames.constant("3GPP-IMSI")).isEqualTo("TGPP_IMSI");
        assertThat(JavaNames.type("3GPP-PDP-Type")).isEqualTo("TgppPdpType");
        assertThat(JavaNames.constant("7-Bit")).isEqualTo("AVP_7_BIT");
        // An enum may not shadow java.lang.
        assertThat(JavaNames.type("Process")).isEqualTo("ProcessValue");
        assertThat(JavaNames.enumConstant("TOTAL-OCTETS")).isEqualTo("TOTAL_OCTETS");
    }
}
