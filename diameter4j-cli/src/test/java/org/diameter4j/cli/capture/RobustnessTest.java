package org.diameter4j.cli.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.diameter4j.cli.capture.DiameterSamples.concat;
import static org.diameter4j.cli.capture.DiameterSamples.dwa;
import static org.diameter4j.cli.capture.DiameterSamples.dwr;
import static org.diameter4j.cli.capture.DiameterSamples.slice;
import static org.diameter4j.cli.capture.PcapWriter.ACK;
import static org.diameter4j.cli.capture.PcapWriter.SYN;
import static org.diameter4j.cli.capture.PcapWriter.ethernet;
import static org.diameter4j.cli.capture.PcapWriter.ipv4Tcp;
import static org.diameter4j.cli.capture.PcapWriter.ipv6Tcp;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage, truncated and mutated inputs end in a {@link CaptureException} or a result, never in an
 * unchecked exception, and never in the reader's own "internal error" safety net.
 */
class RobustnessTest {

    private static final byte[][] MAGICS = {
        {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1},
        {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4},
        {(byte) 0x4D, (byte) 0x3C, (byte) 0xB2, (byte) 0xA1},
        {(byte) 0xA1, (byte) 0xB2, (byte) 0x3C, (byte) 0x4D},
        {(byte) 0x34, (byte) 0xCD, (byte) 0xB2, (byte) 0xA1},
        {0x0A, 0x0D, 0x0D, 0x0A},
        {1, 0, 0, 0x44},
        {'0', '0', '0', '0'},
    };

    /**
     * Reads {@code input}; fails the test on anything but a result or a proper CaptureException.
     */
    private static CaptureResult readSafely(byte[] input) {
        try {
            CaptureResult r = CaptureReader.read(input);
            long total = 0;
            for (CapturedMessage m : r.messages()) {
                total += m.bytes().length;
            }
            assertThat(total)
                    .as("message bytes come from the input")
                    .isLessThanOrEqualTo(Math.max(input.length, 1));
            return r;
        } catch (CaptureException e) {
            assertThat(e.getCause()).as("internal error: %s", e.getMessage()).isNull();
            assertThat(e.getMessage()).isNotBlank();
            return null;
        }
    }

    private static byte[] samplePcap() {
        return PcapWriter.pcap(
                1,
                List.of(
                        ethernet(ipv4Tcp("10.0.0.1", 1000, "10.0.0.2", 3868, 99, SYN, new byte[0])),
                        ethernet(
                                ipv4Tcp(
                                        "10.0.0.1",
                                        1000,
                                        "10.0.0.2",
                                        3868,
                                        100 + 40,
                                        ACK,
                                        slice(dwr(), 40, 68))),
                        ethernet(
                                ipv4Tcp(
                                        "10.0.0.1",
                                        1000,
                                        "10.0.0.2",
                                        3868,
                                        100,
                                        ACK,
                                        slice(dwr(), 0, 40))),
                        ethernet(
                                ipv6Tcp("::2", 3868, "::1", 1000, 7, ACK, concat(dwa(), dwr()), 0),
                                0x8100,
                                5)));
    }

    private static byte[] samplePcapng() {
        return new PcapWriter.Pcapng()
                .section(false)
                .iface(1, 0, 9)
                .nrb()
                .epb(0, 1, ethernet(ipv4Tcp("10.0.0.1", 1000, "10.0.0.2", 3868, 1, ACK, dwr())))
                .section(true)
                .iface(101, 0, -1)
                .spb(ipv4Tcp("10.0.0.2", 3868, "10.0.0.1", 1000, 5, ACK, dwa()))
                .packetBlock(0, 3, ipv4Tcp("10.0.0.2", 3868, "10.0.0.1", 1000, 81, ACK, dwr()))
                .bytes();
    }

    @Test
    void randomInputs() {
        Random random = new Random(6733);
        for (int k = 0; k < 2000; k++) {
            byte[] input = new byte[random.nextInt(600)];
            random.nextBytes(input);
            if (k % 2 == 0 && input.length >= 4) {
                System.arraycopy(MAGICS[k / 2 % MAGICS.length], 0, input, 0, 4);
            }
            readSafely(input);
        }
    }

    @Test
    void randomHexLikeText() {
        Random random = new Random(3588);
        String alphabet = "0123456789abcdefABCDEFx:, \n\r\t|.0000";
        for (int k = 0; k < 500; k++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(300);
            for (int i = 0; i < n; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            readSafely(s.toString().getBytes());
        }
    }

    @Test
    void everyPrefixOfValidCaptures() {
        for (byte[] file : new byte[][] {samplePcap(), samplePcapng()}) {
            assertThat(readSafely(file).messages()).hasSize(3);
            for (int n = 1; n < file.length; n++) {
                readSafely(slice(file, 0, n));
            }
        }
    }

    @Test
    void mutatedCaptures() {
        Random random = new Random(280);
        byte[][] files = {samplePcap(), samplePcapng(), concat(dwr(), dwa())};
        for (int k = 0; k < 3000; k++) {
            byte[] file = files[k % files.length].clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(file.length);
                file[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            readSafely(file);
        }
    }

    @Test
    void hugeDeclaredLengthsDoNotAllocate() {
        byte[] pcap = samplePcap();
        pcap[24 + 8] = (byte) 0xFF; // first record's captured length, little-endian
        pcap[24 + 9] = (byte) 0xFF;
        pcap[24 + 10] = (byte) 0xFF;
        pcap[24 + 11] = (byte) 0x7F;
        pcap[16] = pcap[17] = pcap[18] = pcap[19] = (byte) 0xFF; // snaplen
        CaptureResult r = readSafely(pcap);
        assertThat(r).isNotNull();
        assertThat(r.warnings().get(0)).startsWith("pcap record 1 at byte 24: truncated");

        byte[] raw = {
            1,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFC,
            (byte) 0x80,
            0,
            1,
            1,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0
        };
        assertThat(readSafely(raw).messages().get(0).bytes()).isEqualTo(raw);
    }
}
