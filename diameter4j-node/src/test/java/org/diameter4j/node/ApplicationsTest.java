package org.diameter4j.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.diameter4j.peer.ApplicationId;
import org.junit.jupiter.api.Test;

/** The one registry of application names that YAML, d4j options and show output share. */
class ApplicationsTest {

    @Test
    void eachNameStandsForTheIdItsSpecificationAssigns() {
        assertThat(Applications.byName("nasreq")).contains(ApplicationId.auth(1));
        assertThat(Applications.byName("gy")).contains(ApplicationId.auth(4));
        assertThat(Applications.byName("ro")).contains(ApplicationId.auth(4));
        assertThat(Applications.byName("rf")).contains(ApplicationId.acct(3));
        assertThat(Applications.byName("gx")).contains(ApplicationId.vendorAuth(10415, 16777238));
        assertThat(Applications.byName("s6a")).contains(ApplicationId.vendorAuth(10415, 16777251));
        assertThat(Applications.byName("relay")).contains(ApplicationId.relay());
        assertThat(Applications.RELAY.id()).isEqualTo(0xffffffffL);
    }

    @Test
    void namesIgnoreCaseAndSurroundingBlanks() {
        assertThat(Applications.byName(" S6A ")).contains(Applications.S6A);
        assertThat(Applications.byName("Gy")).contains(Applications.GY);
    }

    @Test
    void anUnknownNameIsEmpty() {
        assertThat(Applications.byName("gxx")).isEmpty();
        assertThat(Applications.byName("")).isEmpty();
    }

    @Test
    void theNamesAreListedInOneFixedOrderAndCannotBeChanged() {
        assertThat(Applications.names())
                .containsExactly("nasreq", "gy", "ro", "rf", "gx", "s6a", "relay");
        List<String> names = Applications.names();
        assertThatThrownBy(() -> names.add("sh")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parseTakesNamesAndTheNumericForms() {
        assertThat(Applications.parse("rf")).isEqualTo(Applications.RF);
        assertThat(Applications.parse("auth:16777236")).isEqualTo(ApplicationId.auth(16777236));
        assertThat(Applications.parse("acct:19302")).isEqualTo(ApplicationId.acct(19302));
        assertThat(Applications.parse("vendor:10415:auth:16777217"))
                .isEqualTo(ApplicationId.vendorAuth(10415, 16777217));
        assertThat(Applications.parse("VENDOR:10415:ACCT:7"))
                .isEqualTo(new ApplicationId(7, 10415, true));
    }

    @Test
    void anUnknownApplicationNamesTheValueAndListsTheKnownNames() {
        assertThatThrownBy(() -> Applications.parse("gxx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown application 'gxx'")
                .hasMessageContaining("nasreq, gy, ro, rf, gx, s6a, relay")
                .hasMessageContaining("auth:<id>");
    }

    @Test
    void anIdWiderThan32BitsIsNotAnApplication() {
        assertThatThrownBy(() -> Applications.parse("auth:4294967296"))
                .hasMessageContaining("unknown application 'auth:4294967296'");
        assertThat(Applications.parse("auth:4294967295")).isEqualTo(Applications.RELAY);
    }

    @Test
    void nameOfPrintsTheFirstNameOfAnIdElseItsNumericForm() {
        assertThat(Applications.nameOf(ApplicationId.auth(4))).isEqualTo("gy");
        assertThat(Applications.nameOf(Applications.GX)).isEqualTo("gx");
        assertThat(Applications.nameOf(ApplicationId.relay())).isEqualTo("relay");
        assertThat(Applications.nameOf(ApplicationId.acct(4))).isEqualTo("acct:4");
        assertThat(Applications.nameOf(ApplicationId.vendorAuth(10415, 16777236)))
                .isEqualTo("vendor:10415:auth:16777236");
    }

    @Test
    void namesOfListsEachNameOnceAsTheShowCommandsPrintThem() {
        assertThat(
                        Applications.namesOf(
                                List.of(
                                        Applications.NASREQ,
                                        Applications.GX,
                                        ApplicationId.auth(4),
                                        ApplicationId.auth(4))))
                .isEqualTo("nasreq gx gy");
        assertThat(Applications.namesOf(List.of())).isEmpty();
    }
}
