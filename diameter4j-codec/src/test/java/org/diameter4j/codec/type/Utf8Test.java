package org.diameter4j.codec.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * UTF8String validation: RFC 6733 §4.3.1 refers to RFC 3629, whose §3 and §10 forbid these forms.
 */
class Utf8Test {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain ascii",
                "é",
                "漢字",
                "😀",
                "mixed é 漢 😀 end",
                "\u0000",
                "\u007f\u0080\u07ff\u0800\uffff"
            })
    void acceptsWellFormedText(String text) {
        // RFC 6733 §4.3.1 UTF8String, RFC 3629 §3
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(b, 0, b.length)).isTrue();
        assertThat(Utf8.firstInvalid(b, 0, b.length)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource({
        "f4 8f bf bf, U+10FFFF is the last code point",
        "ef bf bd, U+FFFD",
        "ed 9f bf, U+D7FF just below the surrogates",
        "ee 80 80, U+E000 just above the surrogates",
        "c2 80, U+0080 shortest two-byte form",
        "e0 a0 80, U+0800 shortest three-byte form",
        "f0 90 80 80, U+10000 shortest four-byte form"
    })
    void acceptsBoundaryCodePoints(String hex, String why) {
        // RFC 3629 §4 syntax of UTF-8 byte sequences
        byte[] b = hex(hex);
        assertThat(Utf8.isValid(b, 0, b.length)).as(why).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "c0 80, 0, overlong NUL",
        "c1 bf, 0, overlong two-byte",
        "e0 80 80, 0, overlong three-byte",
        "f0 80 80 80, 0, overlong four-byte",
        "ed a0 80, 0, surrogate U+D800",
        "ed bf bf, 0, surrogate U+DFFF",
        "f4 90 80 80, 0, above U+10FFFF",
        "f5 80 80 80, 0, lead byte F5",
        "ff, 0, byte FF",
        "80, 0, lone continuation byte",
        "c3, 0, truncated two-byte",
        "e6 bc, 0, truncated three-byte",
        "f0 9f 98, 0, truncated four-byte",
        "61 62 c3 28, 2, bad continuation after valid prefix",
        "61 e6 bc a2 ed a0 80, 4, surrogate after a valid three-byte sequence"
    })
    void rejectsMalformedSequencesAtTheirFirstByte(String hex, int at, String why) {
        // RFC 3629 §3 ("MUST protect against decoding invalid sequences"), §10 (overlong forms)
        byte[] b = hex(hex);
        assertThat(Utf8.isValid(b, 0, b.length)).as(why).isFalse();
        assertThat(Utf8.firstInvalid(b, 0, b.length)).as(why).isEqualTo(at);
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "漢", "😀"})
    void checksOnlyTheGivenRange(String text) {
        // A multi-byte character cut by the range end is truncated (RFC 3629 §3)
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[raw.length + 2];
        System.arraycopy(raw, 0, b, 1, raw.length);
        assertThat(Utf8.isValid(b, 1, raw.length)).isTrue();
        assertThat(Utf8.firstInvalid(b, 1, raw.length - 1)).isEqualTo(1);
    }
}
