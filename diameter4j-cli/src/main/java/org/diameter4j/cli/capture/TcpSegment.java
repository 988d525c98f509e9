package org.diameter4j.cli.capture;

import java.time.Instant;

/**
 * One TCP segment: its direction, sequence number, flags and where its payload lies in the input
 * (nothing is copied). The TCP checksum is not verified (offloading makes captured checksums
 * unreliable).
 *
 * @param frame frame number
 * @param time frame timestamp, or null
 * @param source sender endpoint, {@code "10.0.0.1:3868"}
 * @param destination receiver endpoint
 * @param sequence the sequence number field (32-bit, wraps)
 * @param flags the TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04 …)
 * @param buf the whole input
 * @param offset where the payload starts in {@code buf}
 * @param captured payload bytes present in the capture
 * @param length payload bytes on the wire (≥ {@code captured}; larger when the frame was cut by the
 *     snaplen)
 */
record TcpSegment(
        long frame,
        Instant time,
        String source,
        String destination,
        int sequence,
        int flags,
        byte[] buf,
        int offset,
        int captured,
        int length) {

    static final int SYN = 0x02;

    /** The TCP segment carried by {@code ip}, or null when its header is truncated or invalid. */
    static TcpSegment parse(IpPacket ip, Frame frame, Warnings warnings) {
        byte[] b = ip.buf();
        int p = ip.payloadOffset();
        if (ip.payloadCaptured() < 20) {
            warnings.count("truncated TCP header; packets skipped", frame.number());
            return null;
        }
        int headerLength = ((b[p + 12] & 0xFF) >>> 4) * 4;
        if (headerLength < 20 || headerLength > ip.payloadCaptured()) {
            warnings.count("invalid or truncated TCP header; packets skipped", frame.number());
            return null;
        }
        int srcPort = Bytes.u16be(b, p);
        int dstPort = Bytes.u16be(b, p + 2);
        return new TcpSegment(
                frame.number(),
                frame.time(),
                ip.endpoint(ip.source(), srcPort),
                ip.endpoint(ip.destination(), dstPort),
                Bytes.i32be(b, p + 4),
                Bytes.u8(b, p + 13),
                b,
                p + headerLength,
                ip.payloadCaptured() - headerLength,
                ip.payloadLength() - headerLength);
    }

    boolean syn() {
        return (flags & SYN) != 0;
    }

    /** Sequence number of the first payload byte (a SYN takes one sequence number). */
    int dataSequence() {
        return syn() ? sequence + 1 : sequence;
    }
}
