package org.diameter4j.cli.capture;

/**
 * Strips the link-layer header of a frame and hands the network packet to {@link IpPacket}.
 *
 * <p>Link types: Ethernet (1) with any number of 802.1Q / 802.1ad (QinQ) VLAN tags and MPLS labels,
 * Linux cooked capture SLL (113) and SLL2 (276), raw IP (101, 228 IPv4, 229 IPv6), BSD loopback /
 * null (0, 108). Other link types are counted in a warning. Non-IP frames (ARP, LLDP …) are ignored
 * silently.
 */
final class LinkLayer {

    static final int NULL = 0;
    static final int ETHERNET = 1;
    static final int RAW = 101;
    static final int LOOP = 108;
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int MAX_TAGS = 16;

    private LinkLayer() {}

    /** The IP packet in {@code frame}, or null when there is none (or it is not usable). */
    static IpPacket decode(Frame frame, Warnings warnings) {
        byte[] b = frame.buf();
        int p = frame.offset();
        int end = p + frame.length();
        switch (frame.linkType()) {
            case ETHERNET:
                if (end - p < 14) {
                    return null;
                }
                return byEthertype(b, p + 14, end, Bytes.u16be(b, p + 12), frame, warnings);
            case LINUX_SLL:
                if (end - p < 16) {
                    return null;
                }
                return byEthertype(b, p + 16, end, Bytes.u16be(b, p + 14), frame, warnings);
            case LINUX_SLL2:
                if (end - p < 20) {
                    return null;
                }
                return byEthertype(b, p + 20, end, Bytes.u16be(b, p), frame, warnings);
            case RAW:
                return IpPacket.parse(b, p, end, frame, warnings);
            case IPV4:
                return IpPacket.parseV4(b, p, end, frame, warnings);
            case IPV6:
                return IpPacket.parseV6(b, p, end, frame, warnings);
            case NULL:
            case LOOP:
                if (end - p < 4) {
                    return null;
                }
                // Address family in the capturing host's byte order (NULL) or big-endian (LOOP).
                long family = Bytes.u32(b, p, true);
                if (family > 0xFFFF) {
                    family = Bytes.u32(b, p, false);
                }
                if (family == 2) {
                    return IpPacket.parseV4(b, p + 4, end, frame, warnings);
                }
                if (family == 10 || family == 24 || family == 28 || family == 30) {
                    return IpPacket.parseV6(b, p + 4, end, frame, warnings);
                }
                return null;
            default:
                warnings.count(
                        "link type " + frame.linkType() + " not supported; frames skipped",
                        frame.number());
                return null;
        }
    }

    private static IpPacket byEthertype(
            byte[] b, int p, int end, int type, Frame frame, Warnings warnings) {
        for (int tags = 0; tags < MAX_TAGS; tags++) {
            if (type == 0x8100 || type == 0x88A8 || type == 0x9100 || type == 0x9200) {
                if (end - p < 4) {
                    return null;
                }
                type = Bytes.u16be(b, p + 2);
                p += 4;
            } else if (type == 0x8847 || type == 0x8848) {
                // MPLS: pop labels down to the bottom of the stack, then guess IPv4 / IPv6.
                boolean bottom = false;
                while (!bottom) {
                    if (end - p < 4) {
                        return null;
                    }
                    bottom = (b[p + 2] & 1) != 0;
                    p += 4;
                }
                return IpPacket.parse(b, p, end, frame, warnings);
            } else {
                break;
            }
        }
        if (type == ETHERTYPE_IPV4) {
            return IpPacket.parseV4(b, p, end, frame, warnings);
        }
        if (type == ETHERTYPE_IPV6) {
            return IpPacket.parseV6(b, p, end, frame, warnings);
        }
        return null;
    }
}
