package org.diameter4j.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local node's identity (RFC 6733 §5.3, Origin-Host §6.3, Origin-Realm §6.4): the realm derived
 * from the host as seed 003 describes, and DiameterIdentity comparison (§5.6.4: DNS rules,
 * case-insensitive).
 */
class LocalIdentityTest {

    private static LocalIdentity identity(String host, String realm) {
        return new LocalIdentity(host, realm, 0, "p", null, List.of(), List.of(), null, false);
    }

    @Test
    void realmIsThePartAfterTheFirstDot() {
        assertThat(LocalIdentity.realmOf("bng-gx.realm-1.com")).isEqualTo("realm-1.com");
        assertThat(LocalIdentity.realmOf("dra-1.realm-2.com")).isEqualTo("realm-2.com");
        assertThat(LocalIdentity.realmOf("ocs.realm-1.com")).isEqualTo("realm-1.com");
        assertThat(LocalIdentity.realmOf("a.b.c.d")).isEqualTo("b.c.d");
    }

    @Test
    void hostWithoutADotIsItsOwnRealm() {
        assertThat(LocalIdentity.realmOf("pcrf")).isEqualTo("pcrf");
    }

    @Test
    void hostEndingInADotIsItsOwnRealm() {
        assertThat(LocalIdentity.realmOf("pcrf.")).isEqualTo("pcrf.");
    }

    @Test
    void missingOriginRealmIsDerivedFromTheHost() {
        assertThat(identity("bng-gx.realm-1.com", null).originRealm()).isEqualTo("realm-1.com");
        assertThat(identity("bng-gx.realm-1.com", "  ").originRealm()).isEqualTo("realm-1.com");
        assertThat(identity("standalone", null).originRealm()).isEqualTo("standalone");
    }

    @Test
    void configuredOriginRealmIsKept() {
        // seed 003: node "bng-gy.realm-1.com" with origin-realm "realm-1.com" configured
        assertThat(identity("bng-gy.realm-1.com", "other.net").originRealm())
                .isEqualTo("other.net");
    }

    @Test
    void originHostIsRequired() {
        assertThatThrownBy(() -> identity(null, "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Origin-Host");
        assertThatThrownBy(() -> identity(" ", "r")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsAreCopiedAndUnmodifiable() {
        List<Integer> vendors = new ArrayList<>(List.of(10415));
        List<ApplicationId> apps = new ArrayList<>(List.of(ApplicationId.auth(4)));
        LocalIdentity id = new LocalIdentity("a.b", null, 0, "p", null, vendors, apps, null, false);

        vendors.add(5535);
        apps.clear();

        assertThat(id.supportedVendorIds()).containsExactly(10415);
        assertThat(id.applications()).containsExactly(ApplicationId.auth(4));
        assertThatThrownBy(() -> id.applications().add(ApplicationId.acct(3)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sameIdentityIgnoresAsciiCase() {
        assertThat(LocalIdentity.sameIdentity("DRA-1.realm-2.com", "dra-1.REALM-2.com")).isTrue();
        assertThat(LocalIdentity.sameIdentity("dra-1.realm-2.com", "dra-1.realm-2.com")).isTrue();
    }

    @Test
    void differentIdentitiesAreNotTheSame() {
        assertThat(LocalIdentity.sameIdentity("dra-1.realm-2.com", "dra-2.realm-2.com")).isFalse();
        assertThat(LocalIdentity.sameIdentity("dra-1.realm-2.com", "dra-1.realm-2.com.")).isFalse();
    }

    @Test
    void nullIsNeverTheSameIdentity() {
        assertThat(LocalIdentity.sameIdentity(null, "a")).isFalse();
        assertThat(LocalIdentity.sameIdentity("a", null)).isFalse();
        assertThat(LocalIdentity.sameIdentity(null, null)).isFalse();
    }
}
