package org.diameter4j.cli.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.diameter4j.cli.capture.DiameterSamples.concat;
import static org.diameter4j.cli.capture.DiameterSamples.dwa;
import static org.diameter4j.cli.capture.DiameterSamples.dwr;
import static org.diameter4j.cli.capture.DiameterSamples.hex;
import static org.diameter4j.cli.capture.DiameterSamples.request;
import static org.diameter4j.cli.capture.DiameterSamples.slice;
import static org.diameter4j.cli.capture.PcapWriter.ACK;
import static org.diameter4j.cli.capture.PcapWriter.PSH;
import static org.diameter4j.cli.capture.PcapWriter.SYN;
import static org.diameter4j.cli.capture.PcapWriter.ethernet;
import static org.diameter4j.cli.capture.PcapWriter.ipv4Tcp;
import static org.diameter4j.cli.capture.PcapWriter.ipv6Tcp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.cli.capture.PcapWriter.Packet;
import org.junit.jupiter.api.Test;

class PcapCaptureTest {

    private static final String CLIENT = "10.0.0.1";
    private static final String SERVER = "10.0.0.2";
    private static final int C_PORT = 40000;
    private static final int S_PORT = 3868;
    private static final int C_ISN = 1000;
    private static final int S_ISN = 5000;

    /** Client to server, {@code offset} bytes into the client's stream (ISN {@link #C_ISN}). */
    private static byte[] c2s(int offset, byte[] payload) {
        return ethernet(
                ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, C_ISN + 1 + offset, PSH | ACK, payload));
    }

    private static byte[] s2c(int offset, byte[] payload) {
        return ethernet(
                ipv4Tcp(SERVER, S_PORT, CLIENT, C_PORT, S_ISN + 1 + offset, PSH | ACK, payload));
    }

    private static CaptureResult read(byte[] file) throws CaptureException {
        return CaptureReader.read(file);
    }

    @Test
    void dwrIsBuiltAsSpecified() {
        assertThat(dwr()).hasSize(68);
        assertThat(hex(dwr()))
                .startsWith(
                        "010000448000011800000000"
                                + "00004d99"
                                + "cfd0240f"
                                + "00000108"
                                + "4000001a"
                                + hex("bng-gx.realm-1.com".getBytes())
                                + "0000"
                                + "00000128"
                                + "40000013"
                                + hex("realm-1.com".getBytes())
                                + "00");
    }

    @Test
    void dwrSplitInThreeSegmentsOutOfOrderWithDuplicate() throws Exception {
        byte[] m = dwr();
        byte[] a = slice(m, 0, 20);
        byte[] b = slice(m, 20, 45);
        byte[] c = slice(m, 45, 68);
        byte[] file = PcapWriter.pcap(1, List.of(c2s(20, b), c2s(45, c), c2s(0, a), c2s(20, b)));

        CaptureResult r = read(file);

        assertThat(r.kind()).isEqualTo("pcap");
        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).hasSize(1);
        CapturedMessage msg = r.messages().get(0);
        assertThat(msg.bytes()).isEqualTo(m);
        assertThat(msg.frameNumber()).isEqualTo(3);
        assertThat(msg.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_002L, 2_000_000));
        assertThat(msg.source()).isEqualTo("10.0.0.1:40000");
        assertThat(msg.destination()).isEqualTo("10.0.0.2:3868");
    }

    @Test
    void handshakeTwoMessagesInOneSegmentAndBothDirections() throws Exception {
        byte[] cer = request(1, 10);
        List<byte[]> frames = new ArrayList<>();
        frames.add(ethernet(ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, C_ISN, SYN, new byte[0])));
        frames.add(
                ethernet(ipv4Tcp(SERVER, S_PORT, CLIENT, C_PORT, S_ISN, SYN | ACK, new byte[0])));
        frames.add(c2s(0, concat(cer, dwr())));
        frames.add(s2c(0, dwa()));
        frames.add(
                ethernet(
                        ipv4Tcp(
                                CLIENT,
                                C_PORT,
                                SERVER,
                                S_PORT,
                                C_ISN + 1 + cer.length + 68,
                                ACK,
                                new byte[0])));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages())
                .extracting(CapturedMessage::bytes)
                .containsExactly(cer, dwr(), dwa());
        assertThat(r.messages())
                .extracting(CapturedMessage::frameNumber)
                .containsExactly(3L, 3L, 4L);
        assertThat(r.messages().get(2).source()).isEqualTo("10.0.0.2:3868");
        assertThat(r.messages().get(2).destination()).isEqualTo("10.0.0.1:40000");
    }

    @Test
    void sequenceNumbersWrapAround() throws Exception {
        int isn = 0xFFFFFFE0; // data starts at 0xFFFFFFE1, the DWR crosses 2^32
        byte[] m = dwr();
        byte[] next = request(2, 0);
        List<byte[]> frames =
                List.of(
                        ethernet(ipv4Tcp(CLIENT, 1234, SERVER, 5000, isn, SYN, new byte[0])),
                        ethernet(
                                ipv4Tcp(
                                        CLIENT,
                                        1234,
                                        SERVER,
                                        5000,
                                        isn + 1 + 40,
                                        ACK,
                                        slice(m, 40, 68))),
                        ethernet(
                                ipv4Tcp(CLIENT, 1234, SERVER, 5000, isn + 1, ACK, slice(m, 0, 40))),
                        ethernet(ipv4Tcp(CLIENT, 1234, SERVER, 5000, isn + 1 + 68, ACK, next)));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(m, next);
        assertThat(r.messages()).extracting(CapturedMessage::frameNumber).containsExactly(3L, 4L);
        assertThat(r.messages().get(0).destination()).isEqualTo("10.0.0.2:5000");
    }

    @Test
    void partialRetransmissionOverlappingNewData() throws Exception {
        byte[] m = concat(dwr(), dwa());
        List<byte[]> frames =
                List.of(
                        c2s(0, slice(m, 0, 50)),
                        c2s(30, slice(m, 30, 100)), // 20 bytes again, 50 new
                        c2s(100, slice(m, 100, m.length)));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr(), dwa());
        assertThat(r.messages()).extracting(CapturedMessage::frameNumber).containsExactly(1L, 2L);
    }

    @Test
    void ipv6WithExtensionHeaders() throws Exception {
        byte[] frame =
                ethernet(
                        ipv6Tcp(
                                "2001:db8::1",
                                3868,
                                "2001:db8:0:0:1:0:0:2",
                                50000,
                                77,
                                PSH | ACK,
                                dwr(),
                                0,
                                60));

        CaptureResult r = read(PcapWriter.pcap(1, List.of(frame)));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().get(0).bytes()).isEqualTo(dwr());
        assertThat(r.messages().get(0).source()).isEqualTo("[2001:db8::1]:3868");
        assertThat(r.messages().get(0).destination()).isEqualTo("[2001:db8::1:0:0:2]:50000");
    }

    @Test
    void vlanAndQinQTags() throws Exception {
        byte[] ip1 = ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, 10, ACK, dwr());
        byte[] ip2 = ipv4Tcp(SERVER, S_PORT, CLIENT, C_PORT, 20, ACK, dwa());
        List<byte[]> frames =
                List.of(ethernet(ip1, 0x8100, 100), ethernet(ip2, 0x88A8, 200, 0x8100, 100));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr(), dwa());
    }

    @Test
    void everyOtherLinkType() throws Exception {
        byte[] v4 = ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, 10, ACK, dwr());
        byte[] v6 = ipv6Tcp("::1", C_PORT, "::1", S_PORT, 10, ACK, dwr());
        Object[][] cases = {
            {113, PcapWriter.sll(v4)},
            {113, PcapWriter.sll(v6)},
            {276, PcapWriter.sll2(v4)},
            {276, PcapWriter.sll2(v6)},
            {101, v4},
            {101, v6},
            {228, v4},
            {229, v6},
            {0, PcapWriter.loopback(2, true, v4)},
            {0, PcapWriter.loopback(30, true, v6)},
            {0, PcapWriter.loopback(2, false, v4)},
            {108, PcapWriter.loopback(24, false, v6)},
        };
        for (Object[] c : cases) {
            CaptureResult r = read(PcapWriter.pcap((Integer) c[0], List.of((byte[]) c[1])));
            assertThat(r.warnings()).as("link type %s", c[0]).isEmpty();
            assertThat(r.messages()).as("link type %s", c[0]).hasSize(1);
            assertThat(r.messages().get(0).bytes()).isEqualTo(dwr());
            assertThat(r.messages().get(0).frameNumber()).isEqualTo(1);
        }
    }

    @Test
    void unsupportedLinkTypeIsAWarning() throws Exception {
        CaptureResult r = read(PcapWriter.pcap(147, List.of(new byte[] {1, 2, 3})));
        assertThat(r.messages()).isEmpty();
        assertThat(r.warnings())
                .contains(
                        "link type 147 not supported; frames skipped: 1 packet (first at frame 1)");
    }

    @Test
    void bigEndianAndNanosecondFiles() throws Exception {
        byte[] frame = c2s(0, dwr());
        for (boolean bigEndian : new boolean[] {false, true}) {
            byte[] micro =
                    PcapWriter.pcap(
                            bigEndian,
                            false,
                            1,
                            65535,
                            List.of(new Packet(1_700_000_123L, 456_789, frame)));
            byte[] nano =
                    PcapWriter.pcap(
                            bigEndian,
                            true,
                            1,
                            65535,
                            List.of(new Packet(1_700_000_123L, 456_789_012, frame)));

            CapturedMessage m1 = read(micro).messages().get(0);
            CapturedMessage m2 = read(nano).messages().get(0);

            assertThat(m1.bytes()).isEqualTo(dwr());
            assertThat(m1.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_123L, 456_789_000));
            assertThat(m2.bytes()).isEqualTo(dwr());
            assertThat(m2.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_123L, 456_789_012));
        }
    }

    @Test
    void ipv4OptionsAndAnyPort() throws Exception {
        byte[] options = {(byte) 0x94, 4, 0, 0, 1, 1, 1, 0}; // Router Alert, NOP, NOP, NOP, EOL
        byte[] frame =
                ethernet(
                        ipv4Tcp(
                                "192.168.1.10",
                                33333,
                                "192.168.1.20",
                                9999,
                                1,
                                ACK,
                                dwr(),
                                options));

        CaptureResult r = read(PcapWriter.pcap(1, List.of(frame)));

        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr());
        assertThat(r.messages().get(0).source()).isEqualTo("192.168.1.10:33333");
        assertThat(r.messages().get(0).destination()).isEqualTo("192.168.1.20:9999");
    }

    @Test
    void otherTcpTrafficIsIgnoredSilently() throws Exception {
        byte[] http = "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes();
        List<byte[]> frames =
                List.of(ethernet(ipv4Tcp(CLIENT, 50000, SERVER, 80, 1, ACK, http)), c2s(0, dwr()));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).hasSize(1);
        assertThat(r.messages().get(0).frameNumber()).isEqualTo(2);
    }

    @Test
    void captureStartingMidMessageResynchronises() throws Exception {
        byte[] first = request(1, 40);
        byte[] tail = slice(first, 30, first.length);
        CaptureResult r = read(PcapWriter.pcap(1, List.of(c2s(0, concat(tail, dwr())))));

        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr());
        assertThat(r.warnings())
                .containsExactly(
                        "TCP 10.0.0.1:40000 -> 10.0.0.2:3868: "
                                + tail.length
                                + " bytes skipped from stream offset 0 to a plausible Diameter"
                                + " header at "
                                + tail.length);
    }

    @Test
    void lostSegmentTruncatesOneMessageAndLosesAnother() throws Exception {
        byte[] m1 = request(1, 0);
        byte[] m2 = request(2, 20);
        byte[] m3 = dwr();
        byte[] stream = concat(m1, m2, m3);
        int cut1 = 30;
        int cut2 = m1.length + 10;
        List<byte[]> frames =
                List.of(
                        c2s(0, slice(stream, 0, cut1)),
                        // the segment [cut1, cut2) was never captured
                        c2s(cut2, slice(stream, cut2, stream.length)));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.messages()).hasSize(2);
        assertThat(r.messages().get(0).bytes()).isEqualTo(slice(m1, 0, cut1));
        assertThat(r.messages().get(0).frameNumber()).isEqualTo(1);
        assertThat(r.messages().get(1).bytes()).isEqualTo(m3);
        assertThat(r.messages().get(1).frameNumber()).isEqualTo(2);
        String label = "TCP 10.0.0.1:40000 -> 10.0.0.2:3868: ";
        assertThat(r.warnings())
                .containsExactly(
                        label
                                + (cut2 - cut1)
                                + " bytes missing at stream offset 30 (never captured)",
                        label
                                + "message at stream offset 0 truncated by a gap in the capture: 30 of "
                                + m1.length
                                + " bytes",
                        label
                                + (m2.length - 10)
                                + " bytes skipped from stream offset "
                                + cut2
                                + " to a plausible Diameter header at "
                                + (m1.length + m2.length));
    }

    @Test
    void captureEndingMidMessageGivesATruncatedMessage() throws Exception {
        CaptureResult r =
                read(
                        PcapWriter.pcap(
                                1,
                                List.of(
                                        c2s(0, concat(dwr(), slice(dwa(), 0, 2))),
                                        c2s(70, slice(dwa(), 2, 30)))));

        assertThat(r.messages())
                .extracting(CapturedMessage::bytes)
                .containsExactly(dwr(), slice(dwa(), 0, 30));
        assertThat(r.messages()).extracting(CapturedMessage::frameNumber).containsExactly(1L, 1L);
        assertThat(r.warnings())
                .containsExactly(
                        "TCP 10.0.0.1:40000 -> 10.0.0.2:3868: message at"
                                + " stream offset 68 truncated by the end of the capture: 30 of "
                                + dwa().length
                                + " bytes");
    }

    @Test
    void snaplenCutFrameIsAGap() throws Exception {
        byte[] m2 = request(2, 100);
        byte[] frame1 = c2s(0, concat(dwr(), m2));
        int keep = 14 + 20 + 20 + 68 + 50; // Ethernet + IPv4 + TCP + DWR + 50 bytes of m2
        List<Packet> packets =
                List.of(
                        new Packet(1, 0, slice(frame1, 0, keep), frame1.length),
                        new Packet(2, 0, c2s(68 + m2.length, dwa())));

        CaptureResult r = read(PcapWriter.pcap(false, false, 1, keep, packets));

        assertThat(r.messages())
                .extracting(CapturedMessage::bytes)
                .containsExactly(dwr(), slice(m2, 0, 50), dwa());
        assertThat(r.messages())
                .extracting(CapturedMessage::frameNumber)
                .containsExactly(1L, 1L, 2L);
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0)).contains("not captured (frame 1 cut by the snaplen)");
        assertThat(r.warnings().get(1)).contains("truncated by bytes not captured: 50 of");
    }

    @Test
    void newConnectionOnTheSameAddressesAndPorts() throws Exception {
        List<byte[]> frames =
                List.of(
                        ethernet(ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, 100, SYN, new byte[0])),
                        ethernet(ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, 101, ACK, dwr())),
                        ethernet(
                                ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, 900_000, SYN, new byte[0])),
                        ethernet(ipv4Tcp(CLIENT, C_PORT, SERVER, S_PORT, 900_001, ACK, dwa())));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.warnings()).isEmpty();
        assertThat(r.messages()).extracting(CapturedMessage::bytes).containsExactly(dwr(), dwa());
    }

    @Test
    void fragmentsAndSctpAreWarnings() throws Exception {
        byte[] s = PcapWriter.addr(CLIENT);
        byte[] d = PcapWriter.addr(SERVER);
        List<byte[]> frames =
                List.of(
                        ethernet(PcapWriter.ipv4(s, d, 6, new byte[40], new byte[0], 0x0010)),
                        ethernet(PcapWriter.ipv4(s, d, 132, new byte[40], new byte[0], 0)),
                        ethernet(PcapWriter.ipv4(s, d, 132, new byte[40], new byte[0], 0)),
                        c2s(0, dwr()));

        CaptureResult r = read(PcapWriter.pcap(1, frames));

        assertThat(r.messages()).hasSize(1);
        assertThat(r.warnings())
                .containsExactly(
                        "IPv4 fragments not reassembled; non-first fragments skipped: 1 packet (first at"
                                + " frame 1)",
                        "SCTP not supported yet; packets skipped: 2 packets (first at frame 2)");
    }

    @Test
    void capturedLengthAboveSnaplenIsAnError() {
        byte[] file =
                PcapWriter.pcap(
                        false,
                        false,
                        1,
                        100,
                        List.of(new Packet(1, 0, new byte[60]), new Packet(2, 0, new byte[200])));

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(CaptureException.class)
                .hasMessage("pcap record 2 at byte 100: captured length 200 exceeds snaplen 100");
    }

    @Test
    void truncatedLastRecordIsAWarning() throws Exception {
        byte[] file = PcapWriter.pcap(1, List.of(c2s(0, dwr()), c2s(68, dwa())));
        byte[] cut = slice(file, 0, file.length - 10);

        CaptureResult r = read(cut);

        assertThat(r.messages())
                .extracting(CapturedMessage::bytes)
                .containsExactly(dwr(), slice(dwa(), 0, dwa().length - 10));
        assertThat(r.warnings().get(0)).startsWith("pcap record 2 at byte 162: truncated");
    }

    @Test
    void emptyCaptureSaysSo() throws Exception {
        CaptureResult r = read(PcapWriter.pcap(1, List.of()));
        assertThat(r.messages()).isEmpty();
        assertThat(r.warnings()).containsExactly("the capture holds no packets");
    }
}
