package org.diameter4j.cli.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.cli.capture.DiameterSamples.concat;
import static org.diameter4j.cli.capture.DiameterSamples.dwa;
import static org.diameter4j.cli.capture.DiameterSamples.dwr;
import static org.diameter4j.cli.capture.DiameterSamples.hex;
import static org.diameter4j.cli.capture.DiameterSamples.slice;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexAndRawInputTest {

    private static CaptureResult read(String text) throws CaptureException {
        return CaptureReader.read(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String spaced(byte[] b, String prefix, String separator) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            s.append(i == 0 ? "" : separator).append(prefix).append(String.format("%02x", b[i]));
        }
        return s.toString();
    }

    private static void assertMessages(CaptureResult r, String kind, byte[]... expected) {
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(expected);
        for (CapturedMessage m : r.messages()) {
            assertThat(m.frameNumber()).isZero();
            assertThat(m.time()).isNull();
            assertThat(m.source()).isNull();
            assertThat(m.destination()).isNull();
        }
    }

    @Test
    void plainHexForms() throws Exception {
        byte[] m = dwr();
        assertMessages(read(spaced(m, "", " ")), "hex", m);
        assertMessages(read(spaced(m, "0x", ",")), "hex", m);
        assertMessages(read(spaced(m, "0x", ", ") + "\n"), "hex", m);
        assertMessages(read(spaced(m, "", ":")), "hex", m);
        assertMessages(read(hex(m).toUpperCase()), "hex", m);
        // newlines anywhere, even inside a byte
        String h = hex(m);
        assertMessages(
                read(
                        h.substring(0, 7)
                                + "\n"
                                + h.substring(7, 50)
                                + "\r\n  "
                                + h.substring(50)
                                + "\n"),
                "hex",
                m);
    }

    @Test
    void singleDigitValuesWithPrefix() throws Exception {
        String text = "0x1,0x0,0x0,0x44," + spaced(slice(dwr(), 4, 68), "0x", ",");
        assertMessages(read(text), "hex", dwr());
    }

    @Test
    void severalConcatenatedMessages() throws Exception {
        assertMessages(read(hex(dwr()) + "\n" + hex(dwa()) + "\n"), "hex", dwr(), dwa());
    }

    @Test
    void xxdDump() throws Exception {
        String xxd =
                """
                00000000: 0100 0044 8000 0118 0000 0000 0000 4d99  ...D..........M.
                00000010: cfd0 240f 0000 0108 4000 001a 626e 672d  ..$.....@...bng-
                00000020: 6778 2e72 6561 6c6d 2d31 2e63 6f6d 0000  gx.realm-1.com..
                00000030: 0000 0128 4000 0013 7265 616c 6d2d 312e  ...(@...realm-1.
                00000040: 636f 6d00                                com.
                """;
        assertMessages(read(xxd), "hex", dwr());
    }

    @Test
    void tsharkDumpOfTwoPackets() throws Exception {
        String tshark =
                """
                0000  01 00 00 44 80 00 01 18 00 00 00 00 00 00 4d 99   ...D..........M.
                0010  cf d0 24 0f 00 00 01 08 40 00 00 1a 62 6e 67 2d   ..$.....@...bng-
                0020  67 78 2e 72 65 61 6c 6d 2d 31 2e 63 6f 6d 00 00   gx.realm-1.com..
                0030  00 00 01 28 40 00 00 13 72 65 61 6c 6d 2d 31 2e   ...(@...realm-1.
                0040  63 6f 6d 00                                       com.

                0000  01 00 00 4c 00 00 01 18 00 00 00 00 00 00 4d 99   ...L..........M.
                0010  cf d0 24 0f 00 00 01 0c 40 00 00 0c 00 00 07 d1   ..$.....@.......
                0020  00 00 01 08 40 00 00 18 70 63 72 66 2e 72 65 61   ....@...pcrf.rea
                0030  6c 6d 2d 32 2e 63 6f 6d 00 00 01 28 40 00 00 13   lm-2.com...(@...
                0040  72 65 61 6c 6d 2d 32 2e 63 6f 6d 00               realm-2.com.
                """;
        assertMessages(read(tshark), "hex", dwr(), dwa());
    }

    @Test
    void hexdumpCanonicalDump() throws Exception {
        String hexdump =
                """
                00000000  01 00 00 44 80 00 01 18  00 00 00 00 00 00 4d 99  |...D..........M.|
                00000010  cf d0 24 0f 00 00 01 08  40 00 00 1a 62 6e 67 2d  |..$.....@...bng-|
                00000020  67 78 2e 72 65 61 6c 6d  2d 31 2e 63 6f 6d 00 00  |gx.realm-1.com..|
                00000030  00 00 01 28 40 00 00 13  72 65 61 6c 6d 2d 31 2e  |...(@...realm-1.|
                00000040  63 6f 6d 00 01 00 00 4c  00 00 01 18 00 00 00 00  |com....L........|
                00000050  00 00 4d 99 cf d0 24 0f  00 00 01 0c 40 00 00 0c  |..M...$.....@...|
                00000060  00 00 07 d1 00 00 01 08  40 00 00 18 70 63 72 66  |........@...pcrf|
                00000070  2e 72 65 61 6c 6d 2d 32  2e 63 6f 6d 00 00 01 28  |.realm-2.com...(|
                00000080  40 00 00 13 72 65 61 6c  6d 2d 32 2e 63 6f 6d 00  |@...realm-2.com.|
                00000090
                """;
        assertMessages(read(hexdump), "hex", dwr(), dwa());
    }

    @Test
    void odDumpsWithHexOrOctalOffsets() throws Exception {
        String hexOffsets =
                """
                000000 01 00 00 44 80 00 01 18 00 00 00 00 00 00 4d 99
                000010 cf d0 24 0f 00 00 01 08 40 00 00 1a 62 6e 67 2d
                000020 67 78 2e 72 65 61 6c 6d 2d 31 2e 63 6f 6d 00 00
                000030 00 00 01 28 40 00 00 13 72 65 61 6c 6d 2d 31 2e
                000040 63 6f 6d 00
                000044
                """;
        String octalOffsets =
                """
                0000000 01 00 00 44 80 00 01 18 00 00 00 00 00 00 4d 99
                0000020 cf d0 24 0f 00 00 01 08 40 00 00 1a 62 6e 67 2d
                0000040 67 78 2e 72 65 61 6c 6d 2d 31 2e 63 6f 6d 00 00
                0000060 00 00 01 28 40 00 00 13 72 65 61 6c 6d 2d 31 2e
                0000100 63 6f 6d 00
                0000104
                """;
        assertMessages(read(hexOffsets), "hex", dwr());
        assertMessages(read(octalOffsets), "hex", dwr());
    }

    @Test
    void oddDigitCountIsAnError() {
        assertThatThrownBy(() -> read(hex(dwr()) + "0"))
                .isInstanceOf(CaptureException.class)
                .hasMessage("hex text: odd number of hex digits (the last one at character 136)");
        assertThatThrownBy(() -> read("0x01, 0x, 0x02"))
                .isInstanceOf(CaptureException.class)
                .hasMessageStartingWith("hex text: malformed value '0x,' at character 6");
    }

    @Test
    void rawMessages() throws Exception {
        assertMessages(CaptureReader.read(dwr()), "raw", dwr());
        assertMessages(CaptureReader.read(concat(dwr(), dwa(), dwr())), "raw", dwr(), dwa(), dwr());
    }

    @Test
    void rawTruncatedMessage() throws Exception {
        CaptureResult r = CaptureReader.read(concat(dwr(), slice(dwa(), 0, 40)));
        assertThat(r.messages())
                .extracting(CapturedMessage::bytes)
                .containsExactly(dwr(), slice(dwa(), 0, 40));
        assertThat(r.warnings())
                .containsExactly(
                        "input: message at stream offset 68 truncated by"
                                + " the end of the input: 40 of 76 bytes");
    }

    @Test
    void rawMalformedHeaderIsPassedOnWhole() throws Exception {
        byte[] bad = dwr().clone();
        bad[0] = 2; // version 2: no plausible header anywhere
        CaptureResult r = CaptureReader.read(bad);
        assertThat(r.kind()).isEqualTo("raw");
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(bad);
        assertThat(r.warnings())
                .containsExactly(
                        "input: no valid Diameter header at byte 0; the whole 68 bytes are decoded"
                                + " as one message (only captures and streams are resynchronised)");
    }

    /**
     * Raw input starts at byte 0: bytes before a message make one malformed message, not a skip.
     */
    @Test
    void rawGarbageBeforeAMessageIsOneMalformedMessage() throws Exception {
        byte[] input = concat(new byte[] {(byte) 0xFF, 0x17, 0, 0, 0, 9}, dwr());
        CaptureResult r = CaptureReader.read(input);
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(input);
        assertThat(r.warnings())
                .singleElement()
                .asString()
                .startsWith("input: no valid Diameter header at byte 0");
    }

    @Test
    void lengthIsValidatedBeforeItIsTrusted() throws Exception {
        byte[] bad = slice(dwr(), 0, 68);
        bad[3] = 0x45; // length 69: not a multiple of 4
        CaptureResult r = CaptureReader.read(concat(dwr(), bad, dwa()));
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr(), dwa());
        assertThat(r.warnings())
                .containsExactly(
                        "input: invalid Diameter header at stream offset 68 (version 1, length 69);"
                                + " resynchronising",
                        "input: 68 bytes skipped from stream offset 68 to a plausible Diameter header at"
                                + " 136");
    }

    @Test
    void emptyInputIsAnError() {
        assertThatThrownBy(() -> CaptureReader.read(new byte[0]))
                .isInstanceOf(CaptureException.class)
                .hasMessage("input is empty");
        assertThatThrownBy(() -> read(" \n\t"))
                .isInstanceOf(CaptureException.class)
                .hasMessage("hex text holds no bytes");
    }
}
