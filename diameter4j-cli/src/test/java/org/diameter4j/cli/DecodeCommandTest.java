package org.diameter4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.cli.capture.DiameterSamples.avp;
import static org.diameter4j.cli.capture.DiameterSamples.concat;
import static org.diameter4j.cli.capture.DiameterSamples.dwa;
import static org.diameter4j.cli.capture.DiameterSamples.dwr;
import static org.diameter4j.cli.capture.DiameterSamples.hex;
import static org.diameter4j.cli.capture.DiameterSamples.message;
import static org.diameter4j.cli.capture.DiameterSamples.slice;
import static org.diameter4j.cli.capture.PcapWriter.ACK;
import static org.diameter4j.cli.capture.PcapWriter.PSH;
import static org.diameter4j.cli.capture.PcapWriter.ethernet;
import static org.diameter4j.cli.capture.PcapWriter.ipv4Tcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.cli.capture.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code d4j decode} in-process, through {@link Main#run}, as a user would call it. */
class DecodeCommandTest {

    private static final Path MESSAGES = Path.of("..", "examples", "messages");
    private static final Path SEED003_CER = MESSAGES.resolve("seed003-cer.hex");
    private static final Path SEED003_DUMP =
            Path.of(
                    "..",
                    "diameter4j-dictionary",
                    "src",
                    "test",
                    "resources",
                    "org",
                    "diameter4j",
                    "dictionary",
                    "seed003-cer.dump");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    /** What one run printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run d4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true);
                PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(args, o, e);
        }
        Run r = new Run(exit, out.toString(), err.toString());
        // Never a stack trace, whatever the input.
        for (String s : List.of(r.out(), r.err())) {
            assertThat(s).doesNotContain("Exception").doesNotContain("\tat ");
        }
        return r;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static List<JsonNode> json(Run r) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : r.outLines()) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    // ---- messages ----

    /** A Gy CCR (app 4, R and P bits), optionally without CC-Request-Type, with User-Name. */
    private static byte[] ccr(boolean withRequestType, byte[] userName) {
        List<byte[]> avps = new ArrayList<>();
        avps.add(avp(263, 0x40, "client.example.com;1;1"));
        avps.add(avp(264, 0x40, "client.example.com"));
        avps.add(avp(296, 0x40, "example.com"));
        avps.add(avp(283, 0x40, "example.com"));
        avps.add(avp(258, 0x40, u32(4)));
        avps.add(avp(461, 0x40, "32274@3gpp.org"));
        if (withRequestType) {
            avps.add(avp(416, 0x40, u32(4))); // EVENT_REQUEST
        }
        avps.add(avp(415, 0x40, u32(0)));
        if (userName != null) {
            avps.add(avp(1, 0x40, userName));
        }
        return message(0xC0, 272, 4, 0x1234, 0x5678, avps.toArray(new byte[0][]));
    }

    private static byte[] withByte(byte[] m, int at, int value) {
        byte[] b = m.clone();
        b[at] = (byte) value;
        return b;
    }

    /** Writes a 24-bit length at {@code at} (the Message Length at 1, an AVP Length at +5). */
    private static byte[] withLength(byte[] m, int at, int length) {
        byte[] b = m.clone();
        b[at] = (byte) (length >>> 16);
        b[at + 1] = (byte) (length >>> 8);
        b[at + 2] = (byte) length;
        return b;
    }

    // ---- the seed 003 CER ----

    /**
     * Seed 003's dump lines, without the AVP names (seed 003 prints SR OS short names such as
     * "auth-appl-id") and the value names, which are checked separately.
     */
    private static List<String> normalise(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String s = line.strip().replaceAll("\\s+", " ");
            if (s.isEmpty()) {
                continue;
            }
            s = s.replaceFirst("^app-id (\\d+) \\([^)]*\\)", "app-id $1");
            s = s.replaceFirst("^[A-Za-z0-9-]+ (\\(\\d+\\))", "$1");
            s = s.replaceFirst("(\\(Unsigned32\\) : \\d+) : .*", "$1");
            out.add(s);
        }
        return out;
    }

    @Test
    void seed003CerShowsEveryAvpWithTheValuesOfSeed003() throws IOException {
        Run r = d4j("decode", "--file", SEED003_CER.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.outLines();
        assertThat(lines.get(0)).isEqualTo("CER Capabilities-Exchange-Request");
        List<String> expected = normalise(Files.readAllLines(SEED003_DUMP));
        List<String> actual = normalise(lines.subList(lines.indexOf("  Header"), lines.size()));
        assertThat(actual).containsExactlyElementsOf(expected);
        // Names and value names as the dictionary gives them, in seed 003's order.
        assertThat(r.out())
                .containsSubsequence(
                        "    ver 1  len 284  flags R-------  code 257",
                        "    app-id 0 (Base)  hbh-id 19864  e2e-id 3486524428",
                        "    Origin-Host (264) -M------ [26]",
                        "      data [18] (DiameterIdentity) : bng-gx.realm-1.com",
                        "    Origin-Realm (296) -M------ [19]",
                        "      data [11] (DiameterIdentity) : realm-1.com",
                        "    Host-IP-Address (257) -M------ [26]",
                        "      data [18] (Address) : ipv6 2001:db8::2",
                        "    Product-Name (269) -------- [13]",
                        "      data [5] (UTF8String) : SR-OS",
                        "    Auth-Application-Id (258) -M------ [12]",
                        "      data [4] (Unsigned32) : 1 : Nasreq",
                        "      data [4] (Unsigned32) : 4 : Gy",
                        "      data [4] (Unsigned32) : 16777238 : Gx",
                        "    Vendor-Specific-Application-Id (260) -M------ [32]",
                        "      data [24] (Grouped)",
                        "        Vendor-Id (266) -M------ [12]",
                        "          data [4] (Unsigned32) : 10415 : 3GPP",
                        "        Auth-Application-Id (258) -M------ [12]",
                        "          data [4] (Unsigned32) : 4 : Gy",
                        "    Supported-Vendor-Id (265) -M------ [12]",
                        "      data [4] (Unsigned32) : 13019 : ETSI",
                        "    Firmware-Revision (267) -------- [12]",
                        "      data [4] (Unsigned32) : 191001");
        assertThat(r.out()).doesNotContain("FAULT");
    }

    @Test
    void seed003CerAsHexArgumentsGivesTheSameDump() throws IOException {
        String[] words =
                Files.readString(SEED003_CER).strip().split("\\s+"); // 71 words of 8 digits
        String[] args = new String[words.length + 1];
        args[0] = "decode";
        System.arraycopy(words, 0, args, 1, words.length);

        Run fromArgs = d4j(args);
        Run fromFile = d4j("decode", "--file", SEED003_CER.toString());

        assertThat(fromArgs.exit()).isZero();
        assertThat(fromArgs.out()).isEqualTo(fromFile.out());
    }

    @Test
    void seed003CerAsJson() throws IOException {
        Run r = d4j("decode", "--json", "--file", SEED003_CER.toString());

        assertThat(r.exit()).isZero();
        List<JsonNode> all = json(r);
        assertThat(all).hasSize(1);
        JsonNode m = all.get(0);
        assertThat(m.get("ok").asBoolean()).isTrue();
        assertThat(m.get("command").asText()).isEqualTo("CER");
        assertThat(m.get("commandCode").asInt()).isEqualTo(257);
        assertThat(m.get("request").asBoolean()).isTrue();
        assertThat(m.get("flags").asText()).isEqualTo("R-------");
        assertThat(m.get("length").asInt()).isEqualTo(284);
        assertThat(m.get("applicationId").asLong()).isZero();
        assertThat(m.get("hopByHop").asLong()).isEqualTo(19864);
        assertThat(m.get("endToEnd").asLong()).isEqualTo(3486524428L);
        assertThat(m.has("fault")).isFalse();
        JsonNode avps = m.get("avps");
        assertThat(avps).hasSize(15);
        JsonNode host = avps.get(0);
        assertThat(host.get("name").asText()).isEqualTo("Origin-Host");
        assertThat(host.get("code").asInt()).isEqualTo(264);
        assertThat(host.get("flags").asText()).isEqualTo("-M------");
        assertThat(host.get("length").asInt()).isEqualTo(26);
        assertThat(host.get("type").asText()).isEqualTo("DiameterIdentity");
        assertThat(host.get("value").asText()).isEqualTo("bng-gx.realm-1.com");
        JsonNode gx = avps.get(7);
        assertThat(gx.get("name").asText()).isEqualTo("Auth-Application-Id");
        assertThat(gx.get("type").asText()).isEqualTo("Unsigned32");
        assertThat(gx.get("value").asLong()).isEqualTo(16777238);
        assertThat(gx.get("valueName").asText()).isEqualTo("Gx");
        JsonNode vsai = avps.get(8);
        assertThat(vsai.get("name").asText()).isEqualTo("Vendor-Specific-Application-Id");
        assertThat(vsai.get("type").asText()).isEqualTo("Grouped");
        assertThat(vsai.get("length").asInt()).isEqualTo(32);
        assertThat(vsai.get("avps")).hasSize(2);
        assertThat(vsai.get("avps").get(0).get("value").asLong()).isEqualTo(10415);
        assertThat(vsai.get("avps").get(0).get("valueName").asText()).isEqualTo("3GPP");
        assertThat(vsai.get("avps").get(1).get("valueName").asText()).isEqualTo("Gy");
        JsonNode firmware = avps.get(14);
        assertThat(firmware.get("name").asText()).isEqualTo("Firmware-Revision");
        assertThat(firmware.get("flags").asText()).isEqualTo("--------");
        assertThat(firmware.get("value").asLong()).isEqualTo(191001);
        assertThat(firmware.has("valueName")).isFalse();
    }

    // ---- malformed input: the first fault, its offset, the Result-Code; exit 1 ----

    /** Decodes {@code m} given as a hex argument: exit 1, and the fault's block is as given. */
    private static Run malformed(byte[] m, String... faultLines) {
        Run r = d4j("decode", hex(m));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Main.FAILED);
        assertThat(r.out()).containsSubsequence(faultLines);
        return r;
    }

    @Test
    void avpLengthFiveIs5014AtTheAvp() {
        Run r =
                malformed(
                        withLength(dwr(), 20 + 5, 5),
                        "FAULT: AVP 264: AVP Length 5 is shorter than the 8-byte AVP header",
                        "  Result code: 5014 DIAMETER_INVALID_AVP_LENGTH",
                        "  At byte: 20",
                        "  Failed AVP:",
                        "Origin-Host (264) -M------",
                        "  Message (decoded up to the fault):",
                        "  DWR Device-Watchdog-Request",
                        "ver 1  len 68  flags R-------  code 280");
        assertThat(r.out()).doesNotContain("data [18] (DiameterIdentity) : bng-gx.realm-1.com");
    }

    @Test
    void avpBeyondTheMessageIs5014AtTheAvp() {
        Run r =
                malformed(
                        withLength(dwr(), 48 + 5, 48),
                        "FAULT: AVP 296: AVP Length 48 runs past the end of its message (20 bytes left)",
                        "  Result code: 5014 DIAMETER_INVALID_AVP_LENGTH",
                        "  At byte: 48",
                        "  Failed AVP:",
                        "Origin-Realm (296)",
                        "  Message (decoded up to the fault):",
                        // decoded as far as possible: the AVP before the fault is shown
                        "Origin-Host (264) -M------ [26]",
                        "data [18] (DiameterIdentity) : bng-gx.realm-1.com");
        assertThat(r.out()).doesNotContain("data [11]"); // Origin-Realm's data was not decoded
    }

    @Test
    void version2Is5011AtByte0() {
        malformed(
                withByte(dwr(), 0, 2),
                "FAULT: version 2 is not supported (only 1)",
                "  Result code: 5011 DIAMETER_UNSUPPORTED_VERSION",
                "  At byte: 0",
                "ver 2  len 68");
    }

    /**
     * Issue 9 §2: a single message is never resynchronised. This CCR has version 2 and carries a
     * whole DWR inside a Proxy-State (OctetString), a plausible header a stream scanner would jump
     * to; the fault must be 5011 at byte 0 of the CCR, not a DWR decoded 50 bytes in.
     */
    @Test
    void aSingleMessageIsNotResynchronisedToAHeaderInsideIt() {
        byte[] ccr =
                message(
                        0xC0,
                        272,
                        4,
                        1,
                        2,
                        avp(263, 0x40, "client.example.com;1;1"),
                        avp(264, 0x40, "client.example.com"),
                        avp(296, 0x40, "example.com"),
                        avp(33, 0x40, dwr()));
        Run r =
                malformed(
                        withByte(ccr, 0, 2),
                        "FAULT: version 2 is not supported (only 1)",
                        "  Result code: 5011 DIAMETER_UNSUPPORTED_VERSION",
                        "  At byte: 0",
                        "ver 2  len " + ccr.length);
        assertThat(r.out()).doesNotContain("DWR Device-Watchdog-Request");
        assertThat(r.err()).contains("only captures and streams are resynchronised");
    }

    @Test
    void lengthNotAMultipleOf4Is5015AtByte1() {
        byte[] m = concat(withLength(dwr(), 1, 69), new byte[] {0});
        Run r =
                malformed(
                        m,
                        "FAULT: Message Length 69 is not a multiple of 4",
                        "  Result code: 5015 DIAMETER_INVALID_MESSAGE_LENGTH",
                        "  At byte: 1");
        assertThat(r.err()).startsWith("d4j: warning: ");
    }

    @Test
    void truncatedMessageIs5015AtByte1() {
        Run r =
                malformed(
                        slice(dwr(), 0, 40),
                        "FAULT: Message Length 68 but only 40 bytes present (truncated)",
                        "  Result code: 5015 DIAMETER_INVALID_MESSAGE_LENGTH",
                        "  At byte: 1");
        assertThat(r.err()).contains("truncated by the end of the input: 40 of 68 bytes");
    }

    @Test
    void eBitOnARequestIs3008AtByte4() {
        malformed(
                withByte(dwr(), 4, 0xA0),
                "FAULT: the E bit is set on a request",
                "  Result code: 3008 DIAMETER_INVALID_HDR_BITS",
                "  At byte: 4");
    }

    @Test
    void invalidUtf8InUserNameIs5004AtTheAvp() {
        byte[] m = ccr(true, new byte[] {'a', 'b', (byte) 0xFF, (byte) 0xFE, 'c', 'd'});
        malformed(
                m,
                "FAULT: AVP 1: invalid UTF-8 at byte 2 of the value",
                "  Result code: 5004 DIAMETER_INVALID_AVP_VALUE",
                "  At byte: 180",
                "  Failed AVP:",
                "User-Name (1) -M------ [14]",
                "  Message (decoded up to the fault):",
                "CC-Request-Type (416) -M------ [12]",
                "data [4] (Enumerated) : 4 : EVENT_REQUEST",
                "CC-Request-Number (415)");
    }

    @Test
    void ccrWithoutCcRequestTypeIsDecodedAndAnswered5005() {
        Run r =
                malformed(
                        ccr(false, null),
                        "CCR Credit-Control-Request",
                        "ver 1  len 168  flags RP------  code 272",
                        "app-id 4 (Gy)",
                        "Session-Id (263) -M------ [30]",
                        "data [22] (UTF8String) : client.example.com;1;1",
                        "CC-Request-Number (415) -M------ [12]",
                        "FAULT: CCR: missing CC-Request-Type",
                        "  Result code: 5005 DIAMETER_MISSING_AVP",
                        "  Failed AVP:",
                        "CC-Request-Type (416) -M------ [12]");
        // The message decoded: it is printed once, not again as "decoded up to the fault".
        assertThat(r.out()).doesNotContain("decoded up to the fault");
    }

    @Test
    void aValidCcrDecodesWithExit0() {
        Run r = d4j("decode", hex(ccr(true, "alice".getBytes(StandardCharsets.UTF_8))));
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("data [4] (Enumerated) : 4 : EVENT_REQUEST")
                .contains("User-Name (1) -M------ [13]")
                .doesNotContain("FAULT");
    }

    @Test
    void malformedAsJsonCarriesTheFault() throws IOException {
        byte[] m = ccr(true, new byte[] {'a', 'b', (byte) 0xFF, (byte) 0xFE, 'c', 'd'});
        Run r = d4j("decode", "--json", hex(m));

        assertThat(r.exit()).isEqualTo(Main.FAILED);
        List<JsonNode> all = json(r);
        assertThat(all).hasSize(1);
        JsonNode j = all.get(0);
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("command").asText()).isEqualTo("CCR");
        assertThat(j.get("commandCode").asInt()).isEqualTo(272);
        assertThat(j.get("hopByHop").asLong()).isEqualTo(0x1234);
        assertThat(j.get("endToEnd").asLong()).isEqualTo(0x5678);
        // The header's Message Length, not the length of what decoded before the fault.
        assertThat(j.get("length").asInt()).isEqualTo(m.length);
        assertThat(j.get("avps")).hasSize(8);
        JsonNode type = j.get("avps").get(6);
        assertThat(type.get("name").asText()).isEqualTo("CC-Request-Type");
        assertThat(type.get("type").asText()).isEqualTo("Enumerated");
        assertThat(type.get("value").asInt()).isEqualTo(4);
        assertThat(type.get("valueName").asText()).isEqualTo("EVENT_REQUEST");
        JsonNode fault = j.get("fault");
        assertThat(fault.get("resultCode").asInt()).isEqualTo(5004);
        assertThat(fault.get("resultName").asText()).isEqualTo("DIAMETER_INVALID_AVP_VALUE");
        assertThat(fault.get("offset").asInt()).isEqualTo(180);
        assertThat(fault.get("failedAvp").get("name").asText()).isEqualTo("User-Name");
        assertThat(fault.get("failedAvp").get("code").asInt()).isEqualTo(1);
        assertThat(fault.get("failedAvp").get("length").asInt()).isEqualTo(14);
    }

    @Test
    void missingAvpAsJson() throws IOException {
        Run r = d4j("decode", "--json", hex(ccr(false, null)));

        assertThat(r.exit()).isEqualTo(Main.FAILED);
        JsonNode j = json(r).get(0);
        assertThat(j.get("ok").asBoolean()).isFalse();
        assertThat(j.get("length").asInt()).isEqualTo(168);
        assertThat(j.get("avps")).hasSize(7);
        JsonNode fault = j.get("fault");
        assertThat(fault.get("resultCode").asInt()).isEqualTo(5005);
        assertThat(fault.get("resultName").asText()).isEqualTo("DIAMETER_MISSING_AVP");
        assertThat(fault.has("offset")).isFalse(); // a missing AVP has no place in the message
        assertThat(fault.get("failedAvp").get("name").asText()).isEqualTo("CC-Request-Type");
        assertThat(fault.get("failedAvp").get("code").asInt()).isEqualTo(416);
    }

    @Test
    void headerFaultAsJson() throws IOException {
        Run r = d4j("decode", "--json", hex(withByte(dwr(), 4, 0xA0)));

        assertThat(r.exit()).isEqualTo(Main.FAILED);
        JsonNode fault = json(r).get(0).get("fault");
        assertThat(fault.get("resultCode").asInt()).isEqualTo(3008);
        assertThat(fault.get("resultName").asText()).isEqualTo("DIAMETER_INVALID_HDR_BITS");
        assertThat(fault.get("offset").asInt()).isEqualTo(4);
        assertThat(fault.has("failedAvp")).isFalse();
    }

    // ---- usage errors: exit 2, one line, no stack trace ----

    @Test
    void nonHexArgumentNamesTheCharacter() {
        Run r = d4j("decode", "0100zz44");

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("d4j: ").contains("'z'").contains("position 5");
    }

    @Test
    void oddNumberOfHexDigitsIsAUsageError() {
        Run r = d4j("decode", "010");

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("odd number of hex digits");
    }

    @Test
    void strayXIsAUsageErrorNotRawBytes() {
        Run r = d4j("decode", "01x0");

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("'x'");
    }

    @Test
    void missingFileIsAUsageError() {
        Path f = tmp.resolve("no-such.hex");
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(f.toString()).contains("no such file");
    }

    @Test
    void noArgumentIsAUsageError() {
        Run r = d4j("decode");

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("d4j: ").contains("HEX").contains("--file");
    }

    @Test
    void hexAndFileTogetherIsAUsageError() throws IOException {
        Path f = write("m.hex", hex(dwr()));
        Run r = d4j("decode", "--file", f.toString(), hex(dwr()));

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOptionIsAUsageError() {
        Run r = d4j("decode", "--jsn", hex(dwr()));

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--jsn");
    }

    // ---- files: hex text, raw bytes, pcap, pcapng ----

    @Test
    void hexFileWithTwoConcatenatedMessages() throws IOException {
        Path f = write("two.hex", hex(dwr()) + "\n" + hex(dwa()) + "\n");
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .containsSubsequence(
                        "#1",
                        "DWR Device-Watchdog-Request",
                        "hbh-id 19865  e2e-id 3486524431",
                        "data [18] (DiameterIdentity) : bng-gx.realm-1.com",
                        "#2",
                        "DWA Device-Watchdog-Answer",
                        "Result-Code (268) -M------ [12]",
                        "data [4] (Unsigned32) : 2001 : DIAMETER_SUCCESS",
                        "data [16] (DiameterIdentity) : pcrf.realm-2.com",
                        "2 messages, 2 decoded, 0 with faults");
        assertThat(r.out()).doesNotContain("frame");
    }

    @Test
    void rawBinaryFile() throws IOException {
        Path f = write("m.bin", concat(dwr(), dwa()));
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .containsSubsequence(
                        "#1",
                        "DWR Device-Watchdog-Request",
                        "#2",
                        "DWA Device-Watchdog-Answer",
                        "2 messages, 2 decoded, 0 with faults");
    }

    @Test
    void oneMalformedMessageAmongGoodOnesGivesExit1() throws IOException {
        Path f = write("m.bin", concat(dwr(), withByte(dwr(), 4, 0xA0), dwa()));
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).isEqualTo(Main.FAILED);
        assertThat(r.out())
                .containsSubsequence(
                        "#1",
                        "#2",
                        "FAULT: the E bit is set on a request",
                        "3008 DIAMETER_INVALID_HDR_BITS",
                        "#3",
                        "DWA Device-Watchdog-Answer",
                        "3 messages, 2 decoded, 1 with faults");
    }

    private static final String CLIENT_A = "10.0.0.1";
    private static final String CLIENT_B = "10.0.0.3";
    private static final String SERVER = "10.0.0.2";

    /**
     * Three messages over two TCP connections: A's DWR split in two segments, the server's DWA to
     * A, and B's CER in one segment.
     */
    private static byte[] twoStreamPcap() {
        byte[] dwr = dwr();
        byte[] dwa = dwa();
        byte[] cer = cerOfB();
        List<byte[]> frames =
                List.of(
                        ethernet(
                                ipv4Tcp(
                                        CLIENT_A,
                                        40000,
                                        SERVER,
                                        3868,
                                        1001,
                                        PSH | ACK,
                                        slice(dwr, 0, 30))),
                        ethernet(ipv4Tcp(CLIENT_B, 40001, SERVER, 3868, 7001, PSH | ACK, cer)),
                        ethernet(
                                ipv4Tcp(
                                        CLIENT_A,
                                        40000,
                                        SERVER,
                                        3868,
                                        1031,
                                        PSH | ACK,
                                        slice(dwr, 30, dwr.length))),
                        ethernet(ipv4Tcp(SERVER, 3868, CLIENT_A, 40000, 5001, PSH | ACK, dwa)));
        return PcapWriter.pcap(1, frames);
    }

    private static byte[] cerOfB() {
        return message(
                0x80,
                257,
                0,
                77,
                78,
                avp(264, 0x40, "b.example.com"),
                avp(296, 0x40, "example.com"),
                avp(257, 0x40, new byte[] {0, 1, 10, 0, 0, 3}),
                avp(266, 0x40, u32(10415)),
                avp(269, 0x00, "b"));
    }

    @Test
    void pcapWithThreeMessagesOverTwoTcpStreams() throws IOException {
        Path f = write("three.pcap", twoStreamPcap());
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .containsSubsequence(
                        "#1  frame 1  ",
                        "  10.0.0.1:40000 -> 10.0.0.2:3868",
                        "DWR Device-Watchdog-Request",
                        "data [11] (DiameterIdentity) : realm-1.com",
                        "#2  frame 2  ",
                        "  10.0.0.3:40001 -> 10.0.0.2:3868",
                        "CER Capabilities-Exchange-Request",
                        "data [13] (DiameterIdentity) : b.example.com",
                        "data [6] (Address) : ipv4 10.0.0.3",
                        "#3  frame 4  ",
                        "  10.0.0.2:3868 -> 10.0.0.1:40000",
                        "DWA Device-Watchdog-Answer",
                        "data [4] (Unsigned32) : 2001 : DIAMETER_SUCCESS",
                        "3 messages, 3 decoded, 0 with faults");
        assertThat(r.out()).contains("2023-11-14T22:13:20Z"); // 1700000000 s, frame 1
    }

    @Test
    void pcapAsJsonGivesThreeObjects() throws IOException {
        Path f = write("three.pcap", twoStreamPcap());
        Run r = d4j("decode", "--json", "--file", f.toString());

        assertThat(r.exit()).isZero();
        List<JsonNode> all = json(r);
        assertThat(all).hasSize(3);
        assertThat(all).extracting(j -> j.get("index").asInt()).containsExactly(1, 2, 3);
        assertThat(all).extracting(j -> j.get("frame").asInt()).containsExactly(1, 2, 4);
        assertThat(all)
                .extracting(j -> j.get("command").asText())
                .containsExactly("DWR", "CER", "DWA");
        assertThat(all)
                .extracting(j -> j.get("source").asText())
                .containsExactly("10.0.0.1:40000", "10.0.0.3:40001", "10.0.0.2:3868");
        assertThat(all)
                .extracting(j -> j.get("destination").asText())
                .containsExactly("10.0.0.2:3868", "10.0.0.2:3868", "10.0.0.1:40000");
        assertThat(all).extracting(j -> j.get("ok").asBoolean()).containsOnly(true);
        assertThat(all.get(0).get("time").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(all.get(0).get("hopByHop").asLong()).isEqualTo(19865);
        assertThat(all.get(0).get("endToEnd").asLong()).isEqualTo(0xCFD0240FL);
        assertThat(all.get(1).get("hopByHop").asLong()).isEqualTo(77);
        assertThat(all.get(2).get("avps").get(0).get("valueName").asText())
                .isEqualTo("DIAMETER_SUCCESS");
    }

    @Test
    void pcapng() throws IOException {
        byte[] file =
                new PcapWriter.Pcapng()
                        .section(false)
                        .iface(1, 65535, -1)
                        .epb(
                                0,
                                1_700_000_000L * 1_000_000,
                                ethernet(
                                        ipv4Tcp(
                                                CLIENT_A, 40000, SERVER, 3868, 1001, PSH | ACK,
                                                dwr())))
                        .epb(
                                0,
                                1_700_000_001L * 1_000_000,
                                ethernet(
                                        ipv4Tcp(
                                                SERVER, 3868, CLIENT_A, 40000, 5001, PSH | ACK,
                                                dwa())))
                        .bytes();
        Path f = write("two.pcapng", file);
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .containsSubsequence(
                        "#1  frame 1  2023-11-14T22:13:20Z  10.0.0.1:40000 -> 10.0.0.2:3868",
                        "DWR Device-Watchdog-Request",
                        "#2  frame 2  2023-11-14T22:13:21Z  10.0.0.2:3868 -> 10.0.0.1:40000",
                        "DWA Device-Watchdog-Answer",
                        "2 messages, 2 decoded, 0 with faults");
    }

    @Test
    void fileWithNoDiameterMessageIsExit1WithOneLine() throws IOException {
        Path f = write("empty.pcap", PcapWriter.pcap(1, List.of()));
        Run r = d4j("decode", "--file", f.toString());

        assertThat(r.exit()).isEqualTo(Main.FAILED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no Diameter message found in " + f);
    }

    // ---- --dictionary ----

    private static final String ACME =
            """
            # Acme's own AVPs
            vendor 99999 Acme
            avp Acme-Color 1 Enumerated M vendor Acme
                RED     1
                GREEN   2
                BLUE    3
            """;

    /** A DWR carrying Acme-Color = GREEN (vendor 99999, code 1, V and M bits). */
    private static byte[] dwrWithAcmeColor() {
        byte[] acme = concat(u32(1), new byte[] {(byte) 0xC0, 0, 0, 16}, u32(99999), u32(2));
        return message(
                0x80,
                280,
                0,
                19865,
                0xCFD0240F,
                avp(264, 0x40, "bng-gx.realm-1.com"),
                avp(296, 0x40, "realm-1.com"),
                acme);
    }

    @Test
    void userDictionaryNamesAVendorAvpAndItsValue() throws IOException {
        Path dict = write("acme.dict", ACME);
        Run r = d4j("decode", "--dictionary", dict.toString(), hex(dwrWithAcmeColor()));

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsSubsequence(
                        "Acme-Color (1) vendor 99999 (Acme) VM------ [16]",
                        "data [4] (Enumerated) : 2 : GREEN");

        Run json =
                d4j("decode", "--json", "--dictionary", dict.toString(), hex(dwrWithAcmeColor()));
        JsonNode color = json(json).get(0).get("avps").get(2);
        assertThat(color.get("name").asText()).isEqualTo("Acme-Color");
        assertThat(color.get("vendorId").asLong()).isEqualTo(99999);
        assertThat(color.get("type").asText()).isEqualTo("Enumerated");
        assertThat(color.get("value").asInt()).isEqualTo(2);
        assertThat(color.get("valueName").asText()).isEqualTo("GREEN");
    }

    @Test
    void withoutTheDictionaryTheVendorAvpIsUnknown() {
        Run r = d4j("decode", hex(dwrWithAcmeColor()));

        assertThat(r.out()).doesNotContain("Acme-Color").doesNotContain("GREEN");
    }

    @Test
    void brokenDictionaryIsAUsageErrorNamingFileAndLine() throws IOException {
        Path dict = write("broken.dict", "vendor 99999 Acme\n\navp Acme-Color 1 Colour M\n");
        Run r = d4j("decode", "--dictionary", dict.toString(), hex(dwr()));

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("broken.dict:3").contains("Colour");
    }

    @Test
    void missingDictionaryIsAUsageError() {
        Path dict = tmp.resolve("none.dict");
        Run r = d4j("decode", "--dictionary", dict.toString(), hex(dwr()));

        assertThat(r.exit()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains(dict.toString());
    }
}
