/**
 * Capture reader behind {@code d4j decode --file F}: finds every Diameter message in an input that
 * is raw bytes, hex text (plain, {@code 0x}-prefixed, or an {@code xxd} / {@code tshark -x} /
 * {@code hexdump -C} dump) or a pcap / pcapng capture of TCP traffic.
 *
 * <p>The only entry point is {@link org.diameter4j.cli.capture.CaptureReader#read(byte[])}, which
 * returns a {@link org.diameter4j.cli.capture.CaptureResult}: the raw bytes of each message found
 * (decoding them is the caller's job) plus warnings about what was skipped or incomplete.
 *
 * <p>Pipeline for a capture: {@code PcapReader} / {@code PcapngReader} (file format, frames) →
 * {@code LinkLayer} (Ethernet, VLAN, SLL, SLL2, raw IP, loopback) → {@code IpPacket} (IPv4, IPv6) →
 * {@code TcpSegment} → {@code TcpReassembler} / {@code TcpStream} (per-direction reassembly) →
 * {@code DiameterFramer} (message boundaries, resynchronisation). Hex text goes through {@code
 * HexText}, then the same framer.
 *
 * <p>All parsing is bounded: no length read from the input is used to allocate or index before it
 * has been checked against the input size, so memory stays O(input size) and a malformed input ends
 * in a {@link org.diameter4j.cli.capture.CaptureException} or in warnings, never in an unchecked
 * exception.
 */
package org.diameter4j.cli.capture;
