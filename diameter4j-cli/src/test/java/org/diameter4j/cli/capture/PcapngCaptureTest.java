package org.diameter4j.cli.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.cli.capture.DiameterSamples.dwa;
import static org.diameter4j.cli.capture.DiameterSamples.dwr;
import static org.diameter4j.cli.capture.DiameterSamples.request;
import static org.diameter4j.cli.capture.DiameterSamples.slice;
import static org.diameter4j.cli.capture.PcapWriter.ACK;
import static org.diameter4j.cli.capture.PcapWriter.ethernet;
import static org.diameter4j.cli.capture.PcapWriter.ipv4Tcp;
import static org.diameter4j.cli.capture.PcapWriter.ipv6Tcp;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PcapngCaptureTest {

    private static final long T0 = 1_700_000_000L;

    private static byte[] v4(int seq, byte[] payload) {
        return ipv4Tcp("10.1.1.1", 3868, "10.1.1.2", 41000, seq, ACK, payload);
    }

    @Test
    void twoInterfacesAllPacketBlocksAndSkippedBlocks() throws Exception {
        byte[] cer = request(7, 4);
        byte[] file =
                new PcapWriter.Pcapng()
                        .section(false)
                        .iface(1, 65535, -1) // Ethernet, microseconds
                        .nrb()
                        .iface(228, 0, 9) // raw IPv4, nanoseconds
                        .custom()
                        .epb(0, T0 * 1_000_000 + 250_000, ethernet(v4(100, dwr())))
                        .epb(
                                1,
                                T0 * 1_000_000_000 + 123_456_789,
                                ipv4Tcp("10.9.9.9", 5555, "10.8.8.8", 3868, 1, ACK, cer))
                        .isb(0)
                        .spb(ethernet(v4(168, slice(dwa(), 0, 50))))
                        .packetBlock(
                                0, (T0 + 5) * 1_000_000, ethernet(v4(218, slice(dwa(), 50, 76))))
                        .bytes();

        CaptureResult r = CaptureReader.read(file);

        assertThat(r.kind()).isEqualTo("pcapng");
        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages())
                .extracting(CapturedMessage::bytes)
                .containsExactly(dwr(), cer, dwa());
        assertThat(r.messages())
                .extracting(CapturedMessage::frameNumber)
                .containsExactly(1L, 2L, 3L);
        assertThat(r.messages())
                .extracting(CapturedMessage::time)
                .containsExactly(
                        Instant.ofEpochSecond(T0, 250_000_000),
                        Instant.ofEpochSecond(T0, 123_456_789),
                        null); // a Simple Packet Block has no timestamp
        assertThat(r.messages().get(1).source()).isEqualTo("10.9.9.9:5555");
        assertThat(r.messages().get(2).source()).isEqualTo("10.1.1.1:3868");
        assertThat(r.messages().get(2).destination()).isEqualTo("10.1.1.2:41000");
    }

    @Test
    void sectionsOfBothByteOrdersWithTheirOwnInterfaces() throws Exception {
        byte[] file =
                new PcapWriter.Pcapng()
                        .section(true)
                        .iface(1, 0, 0x80 | 10) // binary resolution: 1/1024 s
                        .epb(0, T0 * 1024 + 512, ethernet(v4(1, dwr())))
                        .section(false)
                        .iface(229, 0, -1) // raw IPv6
                        .epb(
                                0,
                                T0 * 1_000_000 + 1,
                                ipv6Tcp("fe80::1", 3868, "fe80::2", 3869, 9, ACK, dwa()))
                        .bytes();

        CaptureResult r = CaptureReader.read(file);

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr(), dwa());
        assertThat(r.messages())
                .extracting(CapturedMessage::time)
                .containsExactly(
                        Instant.ofEpochSecond(T0, 500_000_000), Instant.ofEpochSecond(T0, 1000));
        assertThat(r.messages().get(1).source()).isEqualTo("[fe80::1]:3868");
        assertThat(r.messages()).extracting(CapturedMessage::frameNumber).containsExactly(1L, 2L);
    }

    @Test
    void truncatedLastBlockIsAWarning() throws Exception {
        byte[] file =
                new PcapWriter.Pcapng()
                        .section(false)
                        .iface(1, 0, -1)
                        .epb(0, 0, ethernet(v4(1, dwr())))
                        .epb(0, 1, ethernet(v4(69, dwa())))
                        .bytes();
        byte[] cut = slice(file, 0, file.length - 8);

        CaptureResult r = CaptureReader.read(cut);

        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr());
        assertThat(r.warnings()).hasSize(1);
        assertThat(r.warnings().get(0)).matches("pcapng block 4 at byte \\d+: truncated .*");
    }

    @Test
    void brokenBlockLengthIsAnError() {
        byte[] file =
                new PcapWriter.Pcapng()
                        .section(false)
                        .iface(1, 0, -1)
                        .epb(0, 0, ethernet(v4(1, dwr())))
                        .bytes();
        file[28 + 24 + 4] =
                13; // EPB (after SHB 28, IDB 24) length, little-endian low byte: not a multiple of
        // 4

        assertThatThrownBy(() -> CaptureReader.read(file))
                .isInstanceOf(CaptureException.class)
                .hasMessage("pcapng block 3 at byte 52: invalid block length 13");
    }

    @Test
    void packetOfAnUndeclaredInterfaceIsSkipped() throws Exception {
        byte[] file =
                new PcapWriter.Pcapng()
                        .section(false)
                        .iface(1, 0, -1)
                        .epb(3, 0, ethernet(v4(1, dwr())))
                        .epb(0, 0, ethernet(v4(69, dwa())))
                        .bytes();

        CaptureResult r = CaptureReader.read(file);

        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().get(0).frameNumber()).isEqualTo(2);
        assertThat(r.warnings())
                .containsExactly(
                        "pcapng block 3 at byte 52: packet of undeclared interface 3; frame 1 skipped");
    }

    @Test
    void timestampResolutions() {
        assertThat(PcapngReader.time(1_500_000L, false, 6, 0))
                .isEqualTo(Instant.ofEpochSecond(1, 500_000_000));
        assertThat(PcapngReader.time(15L, false, 1, 100))
                .isEqualTo(Instant.ofEpochSecond(101, 500_000_000));
        assertThat(PcapngReader.time(1_000_000_000_001L, false, 12, 0))
                .isEqualTo(Instant.ofEpochSecond(1, 0));
        assertThat(PcapngReader.time(3L << 20 | 1L << 19, true, 20, 0))
                .isEqualTo(Instant.ofEpochSecond(3, 500_000_000));
        assertThat(PcapngReader.time(-1L, true, 0, Long.MAX_VALUE)).isNull();
    }
}
