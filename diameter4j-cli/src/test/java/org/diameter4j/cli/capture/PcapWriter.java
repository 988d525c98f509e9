package org.diameter4j.cli.capture;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only synthesiser of captures: TCP / IPv4 / IPv6 / Ethernet (with VLAN tags) / SLL / SLL2 /
 * loopback frames with correct lengths and checksums, written as pcap (either byte order, micro or
 * nanoseconds) or pcapng.
 */
public final class PcapWriter {

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private PcapWriter() {}

    // ---- TCP / IP ----

    /** A TCP/IPv4 packet (IPv4 header options optional, multiple of 4 bytes). */
    public static byte[] ipv4Tcp(
            String src,
            int srcPort,
            String dst,
            int dstPort,
            int seq,
            int flags,
            byte[] payload,
            byte[] options) {
        byte[] s = addr(src);
        byte[] d = addr(dst);
        byte[] tcp =
                tcp(srcPort, dstPort, seq, flags, payload, pseudo(s, d, 6, 20 + payload.length));
        return ipv4(s, d, 6, tcp, options, 0);
    }

    public static byte[] ipv4Tcp(
            String src, int srcPort, String dst, int dstPort, int seq, int flags, byte[] payload) {
        return ipv4Tcp(src, srcPort, dst, dstPort, seq, flags, payload, new byte[0]);
    }

    /** An IPv4 packet with any protocol and payload; {@code fragment} = flags and offset field. */
    public static byte[] ipv4(
            byte[] s, byte[] d, int protocol, byte[] payload, byte[] options, int fragment) {
        int ihl = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(ihl + payload.length);
        b.put((byte) (0x40 | ihl / 4)).put((byte) 0).putShort((short) (ihl + payload.length));
        b.putShort((short) 0x1234).putShort((short) fragment).put((byte) 64).put((byte) protocol);
        b.putShort((short) 0).put(s).put(d).put(options);
        byte[] out = b.put(payload).array();
        int sum = checksum(out, 0, ihl, 0);
        out[10] = (byte) (sum >>> 8);
        out[11] = (byte) sum;
        return out;
    }

    /** A TCP/IPv6 packet, with optional extension headers as (type, 8-byte-multiple body) pairs. */
    public static byte[] ipv6Tcp(
            String src,
            int srcPort,
            String dst,
            int dstPort,
            int seq,
            int flags,
            byte[] payload,
            int... extensionTypes) {
        byte[] s = addr(src);
        byte[] d = addr(dst);
        byte[] tcp = tcp(srcPort, dstPort, seq, flags, payload, pseudo6(s, d, 20 + payload.length));
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (int k = 0; k < extensionTypes.length; k++) {
            int next = k + 1 < extensionTypes.length ? extensionTypes[k + 1] : 6;
            ext.write(next);
            ext.write(0); // length 0: 8 bytes
            ext.writeBytes(new byte[] {1, 4, 0, 0, 0, 0}); // PadN option
        }
        int first = extensionTypes.length > 0 ? extensionTypes[0] : 6;
        ByteBuffer b = ByteBuffer.allocate(40 + ext.size() + tcp.length);
        b.putInt(0x60000000)
                .putShort((short) (ext.size() + tcp.length))
                .put((byte) first)
                .put((byte) 64)
                .put(s)
                .put(d)
                .put(ext.toByteArray())
                .put(tcp);
        return b.array();
    }

    private static byte[] tcp(
            int srcPort, int dstPort, int seq, int flags, byte[] payload, byte[] pseudo) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.putShort((short) srcPort)
                .putShort((short) dstPort)
                .putInt(seq)
                .putInt(0x1000)
                .put((byte) 0x50)
                .put((byte) flags)
                .putShort((short) 65535)
                .putShort((short) 0)
                .putShort((short) 0)
                .put(payload);
        byte[] out = b.array();
        int sum = checksum(out, 0, out.length, sumOf(pseudo));
        out[16] = (byte) (sum >>> 8);
        out[17] = (byte) sum;
        return out;
    }

    private static byte[] pseudo(byte[] s, byte[] d, int protocol, int length) {
        return ByteBuffer.allocate(12)
                .put(s)
                .put(d)
                .put((byte) 0)
                .put((byte) protocol)
                .putShort((short) length)
                .array();
    }

    private static byte[] pseudo6(byte[] s, byte[] d, int length) {
        return ByteBuffer.allocate(40).put(s).put(d).putInt(length).putInt(6).array();
    }

    private static int sumOf(byte[] b) {
        int sum = 0;
        for (int i = 0; i < b.length; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (i + 1 < b.length ? b[i + 1] & 0xFF : 0);
        }
        return sum;
    }

    private static int checksum(byte[] b, int off, int len, int initial) {
        long sum = initial & 0xFFFFFFFFL;
        for (int i = off; i < off + len; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (i + 1 < off + len ? b[i + 1] & 0xFF : 0);
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    public static byte[] addr(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ---- link layers ----

    /** Ethernet II around an IP packet, with optional VLAN tags given as (TPID, VID) pairs. */
    public static byte[] ethernet(byte[] ip, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(14 + 2 * tags.length + ip.length);
        b.put(
                new byte[] {
                    0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0x66, 0x77, (byte) 0x88, (byte) 0x99, 0x0A
                });
        for (int k = 0; k < tags.length; k += 2) {
            b.putShort((short) tags[k]).putShort((short) tags[k + 1]);
        }
        b.putShort((short) ((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800)).put(ip);
        return b.array();
    }

    /** Linux cooked capture v1 (link type 113). */
    public static byte[] sll(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0)
                .putShort((short) 1)
                .putShort((short) 6)
                .put(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0})
                .putShort((short) ((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800))
                .put(ip);
        return b.array();
    }

    /** Linux cooked capture v2 (link type 276). */
    public static byte[] sll2(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) ((ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800))
                .putShort((short) 0)
                .putInt(2)
                .putShort((short) 1)
                .put((byte) 0)
                .put((byte) 6)
                .put(new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0})
                .put(ip);
        return b.array();
    }

    /** BSD loopback (link type 0, host byte order; or 108, big-endian). */
    public static byte[] loopback(int family, boolean littleEndian, byte[] ip) {
        return ByteBuffer.allocate(4 + ip.length)
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                .putInt(family)
                .put(ip)
                .array();
    }

    // ---- pcap ----

    /** One pcap record; {@code fraction} is micro- or nanoseconds as the file says. */
    public record Packet(long seconds, long fraction, byte[] data, int originalLength) {
        public Packet(long seconds, long fraction, byte[] data) {
            this(seconds, fraction, data, data.length);
        }
    }

    public static byte[] pcap(
            boolean bigEndian, boolean nano, int linkType, int snaplen, List<Packet> packets) {
        int size = 24;
        for (Packet p : packets) {
            size += 16 + p.data().length;
        }
        ByteBuffer b =
                ByteBuffer.allocate(size)
                        .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.putInt(nano ? 0xA1B23C4D : 0xA1B2C3D4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(snaplen)
                .putInt(linkType);
        for (Packet p : packets) {
            b.putInt((int) p.seconds())
                    .putInt((int) p.fraction())
                    .putInt(p.data().length)
                    .putInt(p.originalLength())
                    .put(p.data());
        }
        return b.array();
    }

    /** A little-endian microsecond pcap, one packet per second starting at 1700000000 s. */
    public static byte[] pcap(int linkType, List<byte[]> frames) {
        List<Packet> packets = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            packets.add(new Packet(1_700_000_000L + k, 1000 * k, frames.get(k)));
        }
        return pcap(false, false, linkType, 262144, packets);
    }

    // ---- pcapng ----

    /** Builds a pcapng file block by block. */
    public static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        public Pcapng section(boolean bigEndian) {
            order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            return block(
                    0x0A0D0D0A,
                    buffer(16)
                            .putInt(0x1A2B3C4D)
                            .putShort((short) 1)
                            .putShort((short) 0)
                            .putLong(-1)
                            .array());
        }

        /** An interface; {@code tsresol} is the raw if_tsresol byte, or -1 for none. */
        public Pcapng iface(int linkType, int snaplen, int tsresol) {
            ByteBuffer b = buffer(tsresol >= 0 ? 8 + 8 + 4 : 8 + 4);
            b.putShort((short) linkType).putShort((short) 0).putInt(snaplen);
            if (tsresol >= 0) {
                b.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
            }
            b.putShort((short) 0).putShort((short) 0);
            return block(1, b.array());
        }

        public Pcapng epb(int iface, long ticks, byte[] data) {
            ByteBuffer b = buffer(20 + pad(data.length));
            b.putInt(iface)
                    .putInt((int) (ticks >>> 32))
                    .putInt((int) ticks)
                    .putInt(data.length)
                    .putInt(data.length)
                    .put(data);
            return block(6, b.array());
        }

        public Pcapng spb(byte[] data) {
            return block(3, buffer(4 + pad(data.length)).putInt(data.length).put(data).array());
        }

        /** The obsolete Packet Block (type 2). */
        Pcapng packetBlock(int iface, long ticks, byte[] data) {
            ByteBuffer b = buffer(20 + pad(data.length));
            b.putShort((short) iface)
                    .putShort((short) 0)
                    .putInt((int) (ticks >>> 32))
                    .putInt((int) ticks)
                    .putInt(data.length)
                    .putInt(data.length)
                    .put(data);
            return block(2, b.array());
        }

        /** A Name Resolution Block (one IPv4 record). */
        public Pcapng nrb() {
            ByteBuffer b = buffer(4 + 4 + 8 + 4);
            b.putShort((short) 1)
                    .putShort((short) 13)
                    .put(new byte[] {10, 0, 0, 1})
                    .put("host1\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .putInt(0);
            return block(4, b.array());
        }

        /** An Interface Statistics Block. */
        public Pcapng isb(int iface) {
            return block(5, buffer(12).putInt(iface).putInt(0).putInt(0).array());
        }

        /** A custom block (type 0x00000BAD) with arbitrary content. */
        public Pcapng custom() {
            return block(
                    0x0BAD, buffer(12).putInt(32473).putInt(0xDEADBEEF).putInt(0x01000044).array());
        }

        public Pcapng block(int type, byte[] body) {
            int length = 12 + body.length;
            out.writeBytes(buffer(8).putInt(type).putInt(length).array());
            out.writeBytes(body);
            out.writeBytes(buffer(4).putInt(length).array());
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }

        private ByteBuffer buffer(int n) {
            return ByteBuffer.allocate(n).order(order);
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }
    }
}
