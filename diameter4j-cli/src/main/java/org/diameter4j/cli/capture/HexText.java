package org.diameter4j.cli.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises and parses hex text.
 *
 * <ul>
 *   <li>Plain hex: only hex digits, whitespace (newlines anywhere, even inside a byte), {@code 0x}
 *       prefixes and {@code :} or {@code ,} separators: {@code "01 00 00 44 …"}, {@code
 *       "0x01,0x00,…"}, {@code "01:00:00:44"}, {@code "0100004480…"}. Without {@code 0x} prefixes
 *       the digits are simply concatenated; with them, each token is one value ({@code 0x1} is one
 *       byte).
 *   <li>Dumps with an offset column: {@code xxd} ({@code "00000000: 0100 0044 ...D"}), {@code
 *       tshark -x} / Wireshark ({@code "0000 01 00 00 44 ...D"}), {@code hexdump -C} ({@code
 *       "00000000 01 00 … |...|"}) and {@code od -A x -t x1}. The offset column and the ASCII
 *       column are stripped. A line is accepted only when the offsets agree with the bytes counted
 *       (hexadecimal, or octal as {@code od} prints by default); an offset of 0 starts a new dump
 *       (several {@code tshark -x} packets in one file).
 * </ul>
 */
final class HexText {

    private HexText() {}

    /**
     * The bytes of {@code input} if it is hex text, or null if it is not.
     *
     * @throws CaptureException when it has the hex character set but is malformed (an odd number of
     *     digits, a {@code 0x} without digits)
     */
    static byte[] parse(byte[] input) throws CaptureException {
        int start =
                input.length >= 3
                                && (input[0] & 0xFF) == 0xEF
                                && (input[1] & 0xFF) == 0xBB
                                && (input[2] & 0xFF) == 0xBF
                        ? 3
                        : 0;
        for (int i = start; i < input.length; i++) {
            int c = input[i] & 0xFF;
            if (c >= 0x7F
                    || c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B) {
                return null; // not text
            }
        }
        String text = new String(input, start, input.length - start, StandardCharsets.ISO_8859_1);
        byte[] dump = parseDump(text);
        if (dump != null) {
            return dump;
        }
        if (!plainCharacters(text)) {
            return null;
        }
        return parsePlain(text, start);
    }

    /** Only hex digits, whitespace, ':' ',' and 'x' right after a '0' that starts a token. */
    private static boolean plainCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.digit(c, 16) >= 0) {
                continue;
            }
            if ((c == 'x' || c == 'X')
                    && i > 0
                    && text.charAt(i - 1) == '0'
                    && (i == 1 || Character.digit(text.charAt(i - 2), 16) < 0)) {
                continue;
            }
            if (!(Character.isWhitespace(c) || c == ':' || c == ',')) {
                return false;
            }
        }
        return true; // even with no digit at all: blank text is empty hex, not binary
    }

    private static byte[] parsePlain(String text, int base) throws CaptureException {
        boolean prefixed = text.contains("0x") || text.contains("0X");
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2 + 1);
        if (!prefixed) {
            int high = -1;
            int highAt = 0;
            for (int i = 0; i < text.length(); i++) {
                int v = Character.digit(text.charAt(i), 16);
                if (v < 0) {
                    continue;
                }
                if (high < 0) {
                    high = v;
                    highAt = i;
                } else {
                    out.write(high << 4 | v);
                    high = -1;
                }
            }
            if (high >= 0) {
                throw new CaptureException(
                        "hex text: odd number of hex digits (the last one at"
                                + " character "
                                + (base + highAt)
                                + ")",
                        base + highAt);
            }
            return out.toByteArray();
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == ':') {
                i++;
                continue;
            }
            int tokenStart = i;
            boolean hasPrefix =
                    c == '0'
                            && i + 1 < text.length()
                            && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X');
            int digits = hasPrefix ? i + 2 : i;
            int end = digits;
            while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                end++;
            }
            int n = end - digits;
            if (n == 0 || n % 2 != 0 && !(hasPrefix && n == 1)) {
                throw new CaptureException(
                        "hex text: malformed value '"
                                + text.substring(tokenStart, Math.min(end + 1, text.length()))
                                + "' at character "
                                + (base + tokenStart),
                        base + tokenStart);
            }
            if (n == 1) {
                out.write(Character.digit(text.charAt(digits), 16));
            } else {
                for (int k = digits; k < end; k += 2) {
                    out.write(
                            Character.digit(text.charAt(k), 16) << 4
                                    | Character.digit(text.charAt(k + 1), 16));
                }
            }
            i = end;
        }
        return out.toByteArray();
    }

    /** One line of a dump: its offset text and the hex bytes found after it. */
    private record DumpLine(String offset, byte[] bytes, int bytesBeforeGap) {}

    /** The bytes of an offset-column dump, or null when {@code text} is not one. */
    private static byte[] parseDump(String text) {
        List<DumpLine> lines = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.replace("\r", "");
            if (line.isBlank()) {
                continue;
            }
            DumpLine parsed = parseDumpLine(line);
            if (parsed == null) {
                return null;
            }
            lines.add(parsed);
        }
        if (lines.isEmpty()) {
            return null;
        }
        byte[] hex = assemble(lines, 16);
        return hex != null ? hex : assemble(lines, 8);
    }

    private static DumpLine parseDumpLine(String line) {
        // hexdump -C puts the ASCII column between pipes: "...  |..D.|".
        int pipe = line.indexOf('|');
        boolean asciiInPipes =
                pipe > 0 && line.charAt(pipe - 1) == ' ' && line.strip().endsWith("|");
        if (asciiInPipes) {
            line = line.substring(0, pipe);
        }
        int i = 0;
        int n = line.length();
        while (i < n && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        int offsetStart = i;
        while (i < n && Character.digit(line.charAt(i), 16) >= 0) {
            i++;
        }
        String offset = line.substring(offsetStart, i);
        if (offset.length() < 4 || offset.length() > 12) {
            return null;
        }
        if (i < n && line.charAt(i) == ':') {
            i++;
        }
        if (i < n && !Character.isWhitespace(line.charAt(i))) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int beforeGap = -1;
        boolean firstToken = true;
        while (i < n) {
            int spaces = 0;
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
                spaces++;
            }
            if (i >= n) {
                break;
            }
            if (!firstToken && spaces >= 2 && beforeGap < 0) {
                beforeGap = bytes.size();
            }
            int tokenStart = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            String token = line.substring(tokenStart, i);
            if (token.length() % 2 != 0
                    || !token.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                if (beforeGap < 0) {
                    beforeGap = bytes.size();
                }
                break; // the ASCII column
            }
            for (int k = 0; k < token.length(); k += 2) {
                bytes.write(
                        Character.digit(token.charAt(k), 16) << 4
                                | Character.digit(token.charAt(k + 1), 16));
            }
            firstToken = false;
        }
        return new DumpLine(offset, bytes.toByteArray(), asciiInPipes ? -1 : beforeGap);
    }

    /** Checks the offsets against the byte counts and joins the bytes, or returns null. */
    private static byte[] assemble(List<DumpLine> lines, int radix) {
        long[] offsets = new long[lines.size()];
        for (int k = 0; k < offsets.length; k++) {
            try {
                offsets[k] = Long.parseLong(lines.get(k).offset(), radix);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (offsets[0] != 0) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long counted = 0;
        for (int k = 0; k < offsets.length; k++) {
            if (offsets[k] == 0) {
                counted = 0; // a new dump starts
            } else if (offsets[k] != counted) {
                return null;
            }
            DumpLine line = lines.get(k);
            int take;
            if (k + 1 < offsets.length && offsets[k + 1] != 0) {
                long delta = offsets[k + 1] - offsets[k];
                if (delta < 0 || delta > line.bytes().length) {
                    return null;
                }
                take = (int) delta;
            } else {
                take = line.bytesBeforeGap() >= 0 ? line.bytesBeforeGap() : line.bytes().length;
            }
            out.write(line.bytes(), 0, take);
            counted += take;
        }
        return out.toByteArray();
    }
}
