package org.diameter4j.codec;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A Diameter message: the header of RFC 6733 §3 and its AVPs.
 *
 * <pre>
 *  Version (1) | Message Length (3)
 *  Command Flags R P E T r r r r (1) | Command Code (3)
 *  Application-ID (4) | Hop-by-Hop Identifier (4) | End-to-End Identifier (4)
 *  AVPs ...
 * </pre>
 *
 * Mutable, not thread-safe: build it, send it, do not touch it afterwards.
 */
public final class DiameterMessage {
    /** 'R'equest (§3). */
    public static final int FLAG_REQUEST = 0x80;

    /** 'P'roxiable (§3). */
    public static final int FLAG_PROXIABLE = 0x40;

    /** 'E'rror: the answer carries a protocol error (§3, §7.1.3). */
    public static final int FLAG_ERROR = 0x20;

    /** 'T': potentially retransmitted after a link failover (§3, §5.5.4). */
    public static final int FLAG_RETRANSMIT = 0x10;

    public static final int HEADER_LENGTH = 20;
    public static final int VERSION = 1;

    /** Session-Id (§8.8), copied into answers. */
    static final int SESSION_ID = 263;

    /** Proxy-Info (§6.7.2), copied into answers in the same order. */
    static final int PROXY_INFO = 284;

    private int flags;
    private int commandCode;
    private long applicationId;
    private int hopByHop;
    private int endToEnd;
    private final AvpList avps;
    // As received, for diagnostics: a malformed message may announce another version or length.
    private int wireVersion = VERSION;
    private int wireLength = -1;

    public DiameterMessage(
            int flags, int commandCode, long applicationId, int hopByHop, int endToEnd) {
        this(flags, commandCode, applicationId, hopByHop, endToEnd, new AvpList());
    }

    DiameterMessage(
            int flags,
            int commandCode,
            long applicationId,
            int hopByHop,
            int endToEnd,
            AvpList avps) {
        this.flags = flags & 0xff;
        this.commandCode = commandCode & 0xffffff;
        this.applicationId = applicationId & 0xffffffffL;
        this.hopByHop = hopByHop;
        this.endToEnd = endToEnd;
        this.avps = avps;
    }

    /** A request with the R bit, the P bit when {@code proxiable}, and no identifiers yet. */
    public static DiameterMessage request(int commandCode, long applicationId, boolean proxiable) {
        return new DiameterMessage(
                FLAG_REQUEST | (proxiable ? FLAG_PROXIABLE : 0), commandCode, applicationId, 0, 0);
    }

    /**
     * The answer to this request (RFC 6733 §6.2): same Command-Code, Application-Id, Hop-by-Hop and
     * End-to-End identifiers; R cleared, P copied; the Session-Id first when the request has one;
     * the request's Proxy-Info AVPs in the same order.
     */
    public DiameterMessage answer() {
        DiameterMessage a =
                new DiameterMessage(
                        flags & FLAG_PROXIABLE, commandCode, applicationId, hopByHop, endToEnd);
        // CEA, DWA and DPA have no Session-Id (RFC 6733 §5.3.2, §5.5.2, §5.4.2): a request that
        // carried one anyway does not put one in the answer.
        boolean peerCommand = commandCode == 257 || commandCode == 280 || commandCode == 282;
        Avp sid = peerCommand ? null : avps.find(SESSION_ID, 0);
        if (sid != null) {
            a.avps.add(mandatory(sid));
        }
        for (Avp p : avps.findAll(PROXY_INFO, 0)) {
            a.avps.add(mandatory(p));
        }
        return a;
    }

    /**
     * Session-Id and Proxy-Info as an answer repeats them: the M bit set and nothing else (RFC 6733
     * §4.5: M MUST, V and reserved bits MUST NOT), whatever flags the request's copy had.
     */
    private static Avp mandatory(Avp a) {
        return a.flags() == Avp.FLAG_MANDATORY ? a : a.withFlags(Avp.FLAG_MANDATORY);
    }

    // ---- header -----------------------------------------------------------------------------

    /** The version: 1, or what a malformed received message carried. */
    public int version() {
        return wireVersion;
    }

    /** The Message Length the received header announced, or -1 for a message built locally. */
    public int wireLength() {
        return wireLength;
    }

    DiameterMessage received(int version, int length) {
        this.wireVersion = version;
        this.wireLength = length;
        return this;
    }

    public int flags() {
        return flags;
    }

    public DiameterMessage flags(int newFlags) {
        this.flags = newFlags & 0xff;
        return this;
    }

    public boolean isRequest() {
        return (flags & FLAG_REQUEST) != 0;
    }

    public boolean isProxiable() {
        return (flags & FLAG_PROXIABLE) != 0;
    }

    public boolean isError() {
        return (flags & FLAG_ERROR) != 0;
    }

    public boolean isRetransmit() {
        return (flags & FLAG_RETRANSMIT) != 0;
    }

    public DiameterMessage setFlag(int flag, boolean on) {
        flags = on ? flags | flag : flags & ~flag;
        return this;
    }

    public int commandCode() {
        return commandCode;
    }

    /** The Application-Id, unsigned. */
    public long applicationId() {
        return applicationId;
    }

    public int hopByHop() {
        return hopByHop;
    }

    public DiameterMessage hopByHop(int id) {
        this.hopByHop = id;
        return this;
    }

    public int endToEnd() {
        return endToEnd;
    }

    public DiameterMessage endToEnd(int id) {
        this.endToEnd = id;
        return this;
    }

    // ---- AVPs -------------------------------------------------------------------------------

    public AvpList avps() {
        return avps;
    }

    public DiameterMessage add(Avp avp) {
        avps.add(avp);
        return this;
    }

    /** The first AVP with this code and Vendor-Id, or null. */
    public Avp find(int code, int vendorId) {
        return avps.find(code, vendorId);
    }

    /**
     * Appends the AVP of {@code key} carrying {@code value}: {@code add(CC_REQUEST_NUMBER, 0L)}.
     */
    public <T> DiameterMessage add(AvpKey<T> key, T value) {
        avps.add(key.of(value));
        return this;
    }

    /** The first AVP of {@code key}, or null. */
    public Avp find(AvpKey<?> key) {
        return avps.find(key.code(), key.vendorId());
    }

    /**
     * The value of the first top-level AVP of {@code key}, or null when there is none: {@code Long
     * rc = cca.get(RESULT_CODE)}.
     */
    public <T> T get(AvpKey<T> key) {
        return avps.get(key);
    }

    /** The values of every top-level AVP of {@code key}, in order. */
    public <T> List<T> getAll(AvpKey<T> key) {
        return avps.getAll(key);
    }

    /** The first base-protocol AVP (Vendor-Id 0) with this code, or null. */
    public Avp find(int code) {
        return avps.find(code, 0);
    }

    // ---- encoding ---------------------------------------------------------------------------

    /** The Message Length: header plus AVPs with their padding (§3). */
    public int length() {
        return HEADER_LENGTH + avps.encodedLength();
    }

    /** Writes the message; the length is computed from the AVPs. */
    public void encode(ByteBuf out) {
        int length = length();
        out.ensureWritable(length);
        out.writeInt((VERSION << 24) | length);
        out.writeInt((flags << 24) | commandCode);
        out.writeInt((int) applicationId);
        out.writeInt(hopByHop);
        out.writeInt(endToEnd);
        avps.encode(out);
    }

    /** The message as bytes. */
    public byte[] toBytes() {
        byte[] out = new byte[length()];
        encodeTo(out, 0);
        return out;
    }

    /** Writes the message into {@code out} at {@code pos}; returns where it ends. */
    int encodeTo(byte[] out, int pos) {
        int length = length();
        Avp.putInt(out, pos, (VERSION << 24) | length);
        Avp.putInt(out, pos + 4, (flags << 24) | commandCode);
        Avp.putInt(out, pos + 8, (int) applicationId);
        Avp.putInt(out, pos + 12, hopByHop);
        Avp.putInt(out, pos + 16, endToEnd);
        return avps.encodeTo(out, pos + HEADER_LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiameterMessage m
                && m.flags == flags
                && m.commandCode == commandCode
                && m.applicationId == applicationId
                && m.hopByHop == hopByHop
                && m.endToEnd == endToEnd
                && m.avps.equals(avps);
    }

    @Override
    public int hashCode() {
        return ((commandCode * 31 + flags) * 31 + hopByHop) * 31 + avps.hashCode();
    }

    @Override
    public String toString() {
        return "DiameterMessage{code="
                + commandCode
                + ", flags="
                + commandFlagString(flags)
                + ", app="
                + applicationId
                + ", hbh="
                + Integer.toUnsignedString(hopByHop)
                + ", e2e="
                + Integer.toUnsignedString(endToEnd)
                + ", avps="
                + avps.size()
                + "}";
    }

    /** "RPET" letters as in seed 003's dumps: "R-------". */
    public static String commandFlagString(int flags) {
        char[] c = "--------".toCharArray();
        if ((flags & FLAG_REQUEST) != 0) {
            c[0] = 'R';
        }
        if ((flags & FLAG_PROXIABLE) != 0) {
            c[1] = 'P';
        }
        if ((flags & FLAG_ERROR) != 0) {
            c[2] = 'E';
        }
        if ((flags & FLAG_RETRANSMIT) != 0) {
            c[3] = 'T';
        }
        return new String(c);
    }
}
