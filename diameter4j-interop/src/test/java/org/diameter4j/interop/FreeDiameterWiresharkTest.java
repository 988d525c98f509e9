package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark's Diameter dissector as a third opinion on the bytes of the freeDiameter exchange of
 * {@link FreeDiameterInteropTest} (CER/CEA, DWR/DWA both ways, DPR/DPA twice): captured on loopback
 * with tshark, no frame may be malformed nor carry an expert error, and every base command must
 * appear in both directions.
 *
 * <p>Needs freeDiameterd and tshark, and the right to capture on {@code lo} (root in CI); skipped
 * otherwise.
 */
@Timeout(90)
class FreeDiameterWiresharkTest {
    @TempDir Path tmp;

    @BeforeEach
    void installed() {
        FreeDiameter.assumeInstalled();
        Tshark.assumeInstalled();
    }

    /** One Diameter PDU as tshark decodes it. */
    record Pdu(int frame, int commandCode, boolean request) {}

    @Test
    void wiresharkDecodesTheWholeExchangeWithoutMalformedPacketsOrExpertErrors() throws Exception {
        Path pcap = tmp.resolve("fd.pcapng");
        int port;
        try (FreeDiameter fd =
                FreeDiameter.start(FreeDiameterInteropTest.serverConfig(), tmp.resolve("fd"))) {
            port = fd.port();
            try (Tshark capture = Tshark.captureLoopback(port, pcap, 60)) {
                FreeDiameterInteropTest.clientScenario(fd, new MessageTrace());
                Thread.sleep(500); // let the last segments reach the file
                capture.assertStillCapturing();
            }
        }
        String decodeAs = "tcp.port==" + port + ",diameter";

        // Every Diameter PDU: frame, command code, R flag (several PDUs may share a frame).
        List<String> lines =
                Tshark.read(
                        pcap,
                        "-d",
                        decodeAs,
                        "-Y",
                        "diameter",
                        "-T",
                        "fields",
                        "-E",
                        "separator=/t",
                        "-E",
                        "occurrence=a",
                        "-E",
                        "aggregator=,",
                        "-e",
                        "frame.number",
                        "-e",
                        "diameter.cmd.code",
                        "-e",
                        "diameter.flags.request");
        List<Pdu> pdus = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            String[] codes = f[1].split(",");
            String[] requests = f[2].split(",");
            for (int i = 0; i < codes.length; i++) {
                pdus.add(
                        new Pdu(
                                Integer.parseInt(f[0]),
                                Integer.parseInt(codes[i]),
                                isTrue(requests[i])));
            }
        }
        System.out.println("tshark decoded " + pdus.size() + " Diameter PDUs: " + pdus);
        Set<String> seen = new TreeSet<>();
        for (Pdu p : pdus) {
            seen.add(MessageTrace.name(p.commandCode(), p.request()));
        }
        assertThat(seen)
                .as("commands in the capture")
                .contains("CER", "CEA", "DWR", "DWA", "DPR", "DPA");

        // No malformed frame, no expert error, in the Diameter frames.
        List<String> problems =
                Tshark.read(
                        pcap,
                        "-d",
                        decodeAs,
                        "-Y",
                        "diameter && (_ws.malformed || _ws.expert.severity >= 0x00800000)",
                        "-T",
                        "fields",
                        "-e",
                        "frame.number",
                        "-e",
                        "_ws.expert.message",
                        "-e",
                        "_ws.malformed");
        assertThat(problems).as("malformed or expert-error Diameter frames").isEmpty();
        List<String> expert = Tshark.read(pcap, "-d", decodeAs, "-q", "-z", "expert,diameter");
        System.out.println(String.join("\n", expert));
        assertThat(String.join("\n", expert)).doesNotContainIgnoringCase("Errors (");
    }

    private static boolean isTrue(String flag) {
        return flag.equals("1") || flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("True");
    }
}
