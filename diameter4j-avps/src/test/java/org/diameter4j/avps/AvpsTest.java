package org.diameter4j.avps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.avps.Avps.AUTH_APPLICATION_ID;
import static org.diameter4j.avps.Avps.CC_REQUEST_NUMBER;
import static org.diameter4j.avps.Avps.CC_REQUEST_TYPE;
import static org.diameter4j.avps.Avps.CC_TOTAL_OCTETS;
import static org.diameter4j.avps.Avps.DESTINATION_REALM;
import static org.diameter4j.avps.Avps.GRANTED_SERVICE_UNIT;
import static org.diameter4j.avps.Avps.MULTIPLE_SERVICES_CREDIT_CONTROL;
import static org.diameter4j.avps.Avps.ORIGIN_HOST;
import static org.diameter4j.avps.Avps.ORIGIN_REALM;
import static org.diameter4j.avps.Avps.RATING_GROUP;
import static org.diameter4j.avps.Avps.SERVICE_CONTEXT_ID;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_ID;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_ID_DATA;
import static org.diameter4j.avps.Avps.SUBSCRIPTION_ID_TYPE;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.AvpKey;
import org.diameter4j.codec.AvpValueException;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterEnum;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.codec.type.DiameterAddress;
import org.diameter4j.dictionary.AvpDefinition;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.junit.jupiter.api.Test;

/**
 * The generated keys are the dictionary, read by the compiler: same codes, vendors, flags, values.
 */
class AvpsTest {
    private static final Dictionary D = Dictionary.standard();

    private static Map<String, AvpKey<?>> keysByName() throws IllegalAccessException {
        Map<String, AvpKey<?>> keys = new HashMap<>();
        for (Field f : Avps.class.getFields()) {
            assertThat(Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
                    .as(f.getName())
                    .isTrue();
            AvpKey<?> k = (AvpKey<?>) f.get(null);
            assertThat(keys.put(k.name(), k)).as("two keys for " + k.name()).isNull();
        }
        return keys;
    }

    @Test
    void everyStandardAvpHasOneKeyWithItsCodeVendorFlagsAndFormat() throws Exception {
        Map<String, AvpKey<?>> keys = keysByName();
        assertThat(keys).hasSize(D.avps().size());
        for (AvpDefinition d : D.avps()) {
            AvpKey<?> k = keys.get(d.name());
            assertThat(k).as(d.name()).isNotNull();
            assertThat(k.code()).as(d.name()).isEqualTo(d.code());
            assertThat(k.vendorId()).as(d.name()).isEqualTo(d.vendorId());
            assertThat(k.flags()).as(d.name()).isEqualTo(d.defaultFlags());
            assertThat(k.type()).as(d.name()).isEqualTo(d.type());
        }
    }

    @Test
    void everyEnumConstantCarriesTheValueItsDictionaryNames() throws Exception {
        int checked = 0;
        for (AvpKey<?> k : keysByName().values()) {
            AvpDefinition d = D.avp(k.name());
            if (d.type() != org.diameter4j.codec.DataType.ENUMERATED || d.valueNames().isEmpty()) {
                continue; // Result-Code's names stay numbers: Unsigned32, open-ended
            }
            // The enum type is what the key decodes a named value to.
            for (Map.Entry<Long, String> v : d.valueNames().entrySet()) {
                Avp wire = Avp.ofInt32(k.code(), k.vendorId(), k.flags(), v.getKey().intValue());
                DiameterEnum e = (DiameterEnum) k.valueOf(wire);
                assertThat(e.code())
                        .as(d.name() + " " + v.getValue())
                        .isEqualTo(v.getKey().intValue());
                assertThat(((Enum<?>) e).name())
                        .as(d.name() + " " + v.getValue())
                        .isEqualToIgnoringCase(
                                v.getValue()
                                        .replaceAll("[^A-Za-z0-9]+", "_")
                                        .replaceAll("_+$", "")
                                        .replaceFirst("^3GPP", "TGPP")
                                        .replaceFirst("^(\\d)", "_$1"));
                checked++;
            }
        }
        assertThat(checked).as("named values checked").isGreaterThan(700);
    }

    @Test
    void aTypedAvpHasTheSameBytesAsTheOneBuiltByName() {
        assertSameBytes(
                CC_REQUEST_TYPE.of(CcRequestType.EVENT_REQUEST),
                "CC-Request-Type",
                "EVENT_REQUEST");
        assertSameBytes(CC_REQUEST_NUMBER.of(7L), "CC-Request-Number", 7);
        assertSameBytes(CC_TOTAL_OCTETS.of(-1L), "CC-Total-Octets", "18446744073709551615");
        assertSameBytes(
                SERVICE_CONTEXT_ID.of("32274@3gpp.org"), "Service-Context-Id", "32274@3gpp.org");
        assertSameBytes(Avps.EXPONENT.of(-2), "Exponent", -2);
        assertSameBytes(
                Avps.HOST_IP_ADDRESS.of(DiameterAddress.parse("192.0.2.1")),
                "Host-IP-Address",
                "192.0.2.1");
        assertSameBytes(
                Avps.EVENT_TIMESTAMP.of(Instant.parse("2026-12-07T10:00:00Z")),
                "Event-Timestamp",
                Instant.parse("2026-12-07T10:00:00Z"));
        assertSameBytes(Avps.USER_NAME.of("001010123456789"), "User-Name", "001010123456789");
        // A 3GPP AVP: V bit and Vendor-Id 10415.
        assertSameBytes(
                Avps.VISITED_PLMN_ID.of(new byte[] {0x00, (byte) 0xf1, 0x10}),
                "Visited-PLMN-Id",
                new byte[] {0x00, (byte) 0xf1, 0x10});
        assertSameBytes(
                SUBSCRIPTION_ID.of(
                        SUBSCRIPTION_ID_TYPE.of(SubscriptionIdType.END_USER_E164),
                        SUBSCRIPTION_ID_DATA.of("41780000001")),
                "Subscription-Id",
                List.of(
                        D.avp("Subscription-Id-Type", "END_USER_E164"),
                        D.avp("Subscription-Id-Data", "41780000001")));
    }

    private static void assertSameBytes(Avp typed, String name, Object value) {
        Avp byName =
                value instanceof List<?> l
                        ? D.grouped(name, l.toArray(new Avp[0]))
                        : D.avp(name, value);
        assertThat(typed.toBytes()).as(name).isEqualTo(byName.toBytes());
    }

    @Test
    void aCcrBuiltWithKeysMeetsItsGrammarAndReadsBackTyped() {
        DiameterMessage ccr =
                D.request("CCR", 4)
                        .add(SESSION_ID, "client.example.com;1;1")
                        .add(ORIGIN_HOST, "client.example.com")
                        .add(ORIGIN_REALM, "example.com")
                        .add(DESTINATION_REALM, "example.net")
                        .add(AUTH_APPLICATION_ID, 4L)
                        .add(SERVICE_CONTEXT_ID, "32274@3gpp.org")
                        .add(CC_REQUEST_TYPE, CcRequestType.INITIAL_REQUEST)
                        .add(CC_REQUEST_NUMBER, 0L)
                        .add(
                                MULTIPLE_SERVICES_CREDIT_CONTROL.of(
                                        RATING_GROUP.of(10L),
                                        GRANTED_SERVICE_UNIT.of(CC_TOTAL_OCTETS.of(1_000_000L))));
        byte[] wire = ccr.toBytes();
        DiameterMessage back =
                new MessageDecoder(DecodeOptions.DEFAULT.withTypes(D))
                        .decode(wire, 0, wire.length)
                        .message();
        assertThat(new MessageValidator(D).validate(back)).isNull();
        assertThat(back.get(CC_REQUEST_TYPE)).isEqualTo(CcRequestType.INITIAL_REQUEST);
        assertThat(back.get(CC_REQUEST_NUMBER)).isZero();
        assertThat(
                        back.get(MULTIPLE_SERVICES_CREDIT_CONTROL)
                                .get(GRANTED_SERVICE_UNIT)
                                .get(CC_TOTAL_OCTETS))
                .isEqualTo(1_000_000L);
        assertThat(back.getAll(RATING_GROUP)).isEmpty(); // not at top level
        assertThat(back.get(Avps.RESULT_CODE)).isNull();
    }

    @Test
    void aValueTheDictionaryDoesNotNameIs5004NotANull() {
        DiameterMessage m = D.request("CCR", 4).add(Avp.ofInt32(416, 0, 0x40, 9));
        assertThatThrownBy(() -> m.get(CC_REQUEST_TYPE))
                .isInstanceOfSatisfying(
                        AvpValueException.class,
                        e ->
                                assertThat(e.resultCode())
                                        .isEqualTo(ResultCodes.DIAMETER_INVALID_AVP_VALUE))
                .hasMessageContaining("CC-Request-Type (416) has the value 9");
        assertThat(m.find(CC_REQUEST_TYPE).asInt32()).isEqualTo(9);
    }

    @Test
    void aBadValueNamesTheAvp() {
        assertThatCode(() -> Avps.REDIRECT_HOST.of("aaa://host.example.com:3868"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Avps.REDIRECT_HOST.of("not a uri"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Redirect-Host (DiameterURI)");
    }
}
