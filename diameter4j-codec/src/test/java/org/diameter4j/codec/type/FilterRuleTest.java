package org.diameter4j.codec.type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.diameter4j.codec.type.FilterRule.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IPFilterRule (RFC 6733 §4.3.1) and QoSFilterRule (RFC 3588 §4.3): "action dir proto from src to
 * dst [options]".
 */
class FilterRuleTest {

    @Test
    void parsesTheFieldsOfAnIpFilterRule() {
        // RFC 6733 §4.3.1 IPFilterRule
        String text = "permit out 17 from 192.0.2.0/24 1000-2000 to !10.0.0.1 53,54 frag";
        FilterRule r = FilterRule.parse(Kind.IP_FILTER, text);
        assertThat(r.action()).isEqualTo("permit");
        assertThat(r.direction()).isEqualTo("out");
        assertThat(r.protocol()).isEqualTo("17");
        assertThat(r.source()).isEqualTo("192.0.2.0/24 1000-2000");
        assertThat(r.destination()).isEqualTo("!10.0.0.1 53,54");
        assertThat(r.options()).isEqualTo("frag");
        assertThat(r.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "permit in ip from any to any",
                "deny out ip from assigned to any",
                "permit in 6 from 10.0.0.0/8 to 192.0.2.1 80 established",
                "deny in 255 from ! 10.0.0.1 to any",
                "PERMIT IN IP FROM any TO any",
                "  permit in 0 from any to any  "
            })
    void acceptsGoodIpFilterRules(String text) {
        // RFC 6733 §4.3.1 IPFilterRule: action permit|deny, dir in|out, proto number or "ip"
        FilterRule r = FilterRule.parse(Kind.IP_FILTER, text);
        assertThat(r.kind()).isEqualTo(Kind.IP_FILTER);
        assertThat(r.toString()).isEqualTo(text); // re-encodes byte for byte
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "allow in ip from any to any", // action
                "tag in ip from any to any", // a QoS action
                "permit sideways ip from any to any", // direction
                "permit in tcp from any to any", // proto must be a number or "ip"
                "permit in 256 from any to any",
                "permit in 1234 from any to any",
                "permit in ip any to any", // no "from"
                "permit in ip from any", // no "to"
                "permit in ip from any to", // no destination
                "permit in"
            })
    void rejectsBadIpFilterRules(String text) {
        // RFC 6733 §4.3.1 IPFilterRule grammar
        assertThatThrownBy(() -> FilterRule.parse(Kind.IP_FILTER, text))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"tag in ip from any to any", "meter out 17 from 10.0.0.0/8 to any 5060"})
    void acceptsGoodQosFilterRules(String text) {
        // RFC 3588 §4.3 QoSFilterRule: action tag|meter
        FilterRule r = FilterRule.parse(Kind.QOS_FILTER, text);
        assertThat(r.kind()).isEqualTo(Kind.QOS_FILTER);
        assertThat(r.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "permit in ip from any to any",
                "tag up ip from any to any",
                "meter in ip from any"
            })
    void rejectsBadQosFilterRules(String text) {
        // RFC 3588 §4.3 QoSFilterRule grammar
        assertThatThrownBy(() -> FilterRule.parse(Kind.QOS_FILTER, text))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
