package org.diameter4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
        List<Tshark.Pdu> pdus = Tshark.diameterPdus(pcap, port);
        System.out.println("tshark decoded " + pdus.size() + " Diameter PDUs: " + pdus);
        Set<String> seen = new TreeSet<>();
        for (Tshark.Pdu p : pdus) {
            seen.add(MessageTrace.name(p.commandCode(), p.request()));
        }
        assertThat(seen)
                .as("commands in the capture")
                .contains("CER", "CEA", "DWR", "DWA", "DPR", "DPA");

        // No malformed frame, no expert error, in the Diameter frames.
        Tshark.assertNoMalformedFrameNorExpertError(pcap, port);
    }
}
