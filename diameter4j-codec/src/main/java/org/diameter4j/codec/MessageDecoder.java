package org.diameter4j.codec;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Decodes Diameter messages with strict, bounded checks (RFC 6733 §3, §4.1, §7.1).
 *
 * <ul>
 *   <li>The Message Length is checked (multiple of 4, at least 20, at most the configured maximum,
 *       no more than the bytes present) before anything is allocated: 5015.
 *   <li>Version other than 1: 5011. E bit on a request: 3008.
 *   <li>Every AVP Length is checked against its parent (message or Grouped AVP): 5014.
 *   <li>Known AVPs are checked against their format (size, UTF-8, URI …): 5014 or 5004.
 *   <li>Grouped AVPs nested deeper than the limit: 5004 — the recursion is bounded, so no input can
 *       exhaust the stack.
 * </ul>
 *
 * A decoded message keeps a reference to its bytes and reads AVPs from them on demand. Thread-safe:
 * holds only its options.
 */
public final class MessageDecoder {
    private final DecodeOptions options;

    public MessageDecoder(DecodeOptions options) {
        this.options = options;
    }

    public DecodeOptions options() {
        return options;
    }

    /**
     * The Message Length announced by the header at the reader index, or -1 when fewer than 4 bytes
     * are readable. Does not move the reader index.
     */
    public static int peekLength(ByteBuf in) {
        if (in.readableBytes() < 4) {
            return -1;
        }
        return in.getInt(in.readerIndex()) & 0xffffff;
    }

    /**
     * Decodes the message at the reader index of {@code in}, which must hold at least its Message
     * Length of bytes (a framer guarantees it). The message's bytes are consumed when the length is
     * usable; on a fatal failure nothing is consumed.
     */
    public DecodeResult decode(ByteBuf in) {
        int readable = in.readableBytes();
        if (readable < DiameterMessage.HEADER_LENGTH) {
            byte[] head = new byte[readable];
            in.getBytes(in.readerIndex(), head);
            return decode(head, 0, readable);
        }
        int announced = in.getInt(in.readerIndex()) & 0xffffff;
        if (announced < DiameterMessage.HEADER_LENGTH
                || (announced & 3) != 0
                || announced > options.maxMessageLength()
                || announced > readable) {
            // Judge the header alone: never allocate what an untrusted length asks for.
            byte[] head = new byte[DiameterMessage.HEADER_LENGTH];
            in.getBytes(in.readerIndex(), head);
            return checkHeader(head, 0, readable);
        }
        byte[] frame = new byte[announced];
        in.readBytes(frame);
        return decode(frame, 0, announced);
    }

    /**
     * Decodes one message from {@code b[off .. off+len)}; the message keeps a reference to {@code
     * b}.
     */
    public DecodeResult decode(byte[] b, int off, int len) {
        DecodeResult bad = checkHeader(b, off, len);
        if (bad == null) {
            return body(b, off);
        }
        DecodeFailure f = bad.failure();
        if (f.fatal() || f.resultCode() != ResultCodes.DIAMETER_UNSUPPORTED_VERSION) {
            return bad;
        }
        // §7.1.5 5011: the framing is intact, so the AVPs are read as version 1 would lay them out,
        // best effort, only so that the answer can echo Session-Id and the AVPs its command's
        // grammar repeats; the message itself is still refused.
        DecodeResult r = body(b, off);
        DiameterMessage partial = r.isSuccess() ? r.message() : r.failure().partial();
        if (partial == null) {
            return bad;
        }
        partial.received(b[off] & 0xff, Avp.getInt(b, off) & 0xffffff);
        return DecodeResult.failure(
                new DecodeFailure(f.resultCode(), f.reason(), 0, null, partial, false));
    }

    /** The AVPs of a message whose header has been checked. */
    private DecodeResult body(byte[] b, int off) {
        int msgLen = Avp.getInt(b, off) & 0xffffff;
        int flags = b[off + 4] & 0xff;
        int code = Avp.getInt(b, off + 4) & 0xffffff;
        long app = Avp.getInt(b, off + 8) & 0xffffffffL;
        int hbh = Avp.getInt(b, off + 12);
        int e2e = Avp.getInt(b, off + 16);

        int end = off + msgLen;
        int[] starts = new int[16];
        int n = 0;
        int p = off + DiameterMessage.HEADER_LENGTH;
        DecodeFailure fault = null;
        while (p < end) {
            fault = checkAvp(b, p, end, 1, off, false);
            if (fault != null) {
                break;
            }
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
            }
            starts[n++] = p;
            p += Avp.pad4(Avp.getInt(b, p + 4) & 0xffffff);
        }
        int goodEnd = n == 0 ? off + DiameterMessage.HEADER_LENGTH : p;
        DiameterMessage m =
                new DiameterMessage(flags, code, app, hbh, e2e, new AvpList(b, starts, n, goodEnd));
        if (fault != null) {
            m.received(DiameterMessage.VERSION, msgLen);
        }
        if (fault != null) {
            return DecodeResult.failure(
                    new DecodeFailure(
                            fault.resultCode(),
                            fault.reason(),
                            fault.offset(),
                            fault.failedAvp(),
                            m,
                            false));
        }
        if ((flags & DiameterMessage.FLAG_REQUEST) != 0
                && (flags & DiameterMessage.FLAG_ERROR) != 0) {
            // §3: "E(rror) ... Messages with the 'E' bit set are commonly referred to as error
            // messages.
            // This bit MUST NOT be set in request messages." §7.1.3: 3008
            // DIAMETER_INVALID_HDR_BITS.
            return DecodeResult.failure(
                    new DecodeFailure(
                            ResultCodes.DIAMETER_INVALID_HDR_BITS,
                            "the E bit is set on a request",
                            4,
                            null,
                            m,
                            false));
        }
        return DecodeResult.success(m);
    }

    /** Header checks; null when the header is acceptable and {@code len} covers the message. */
    private DecodeResult checkHeader(byte[] b, int off, int len) {
        if (len < DiameterMessage.HEADER_LENGTH) {
            return fatal(
                    ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH,
                    "only " + len + " bytes, shorter than the 20-byte Diameter header",
                    0,
                    null);
        }
        int version = b[off] & 0xff;
        int msgLen = Avp.getInt(b, off) & 0xffffff;
        if (version == DiameterMessage.VERSION
                && msgLen >= DiameterMessage.HEADER_LENGTH
                && (msgLen & 3) == 0
                && msgLen <= options.maxMessageLength()
                && msgLen <= len) {
            return null; // the common case: no header copy made
        }
        DiameterMessage header =
                new DiameterMessage(
                                b[off + 4],
                                Avp.getInt(b, off + 4),
                                Avp.getInt(b, off + 8),
                                Avp.getInt(b, off + 12),
                                Avp.getInt(b, off + 16))
                        .received(version, msgLen);
        if (msgLen < DiameterMessage.HEADER_LENGTH || (msgLen & 3) != 0) {
            // §3: "The Message Length field ... MUST always be a multiple of 4." §7.1.5: 5015.
            return fatal(
                    ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH,
                    "Message Length "
                            + msgLen
                            + (msgLen < 20
                                    ? " is shorter than the header"
                                    : " is not a multiple of 4"),
                    1,
                    header);
        }
        if (msgLen > options.maxMessageLength()) {
            return fatal(
                    ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH,
                    "Message Length "
                            + msgLen
                            + " exceeds the maximum of "
                            + options.maxMessageLength()
                            + " bytes",
                    1,
                    header);
        }
        if (msgLen > len) {
            return fatal(
                    ResultCodes.DIAMETER_INVALID_MESSAGE_LENGTH,
                    "Message Length " + msgLen + " but only " + len + " bytes present (truncated)",
                    1,
                    header);
        }
        if (version != DiameterMessage.VERSION) {
            // §3: "Version: This Version field MUST be set to 1". §7.1.5: 5011
            // DIAMETER_UNSUPPORTED_VERSION.
            // The length is usable, so the stream stays in sync and the peer can be answered.
            return DecodeResult.failure(
                    new DecodeFailure(
                            ResultCodes.DIAMETER_UNSUPPORTED_VERSION,
                            "version " + version + " is not supported (only 1)",
                            0,
                            null,
                            header,
                            false));
        }
        return null;
    }

    /** Failed-AVP (RFC 6733 §7.5). */
    private static final int FAILED_AVP = 279;

    private static DecodeResult fatal(int rc, String reason, int offset, DiameterMessage header) {
        return DecodeResult.failure(new DecodeFailure(rc, reason, offset, null, header, true));
    }

    /**
     * Checks the AVP at {@code p} within a parent ending at {@code end}, descending into Grouped
     * AVPs. Returns null when the AVP is valid. {@code depth} is 1 for top-level AVPs. {@code
     * offender}: the AVP lies inside a Failed-AVP, whose contents are the other side's offending
     * AVPs (RFC 6733 §7.5), invalid by definition; only their framing is checked (lengths within
     * the parent), never their types or values, so an answer that reports a bad value is not itself
     * refused.
     */
    private DecodeFailure checkAvp(
            byte[] b, int p, int end, int depth, int msgOff, boolean offender) {
        int avail = end - p;
        if (avail < Avp.HEADER) {
            // §7.5: header that cannot be fully decoded -> pad it with zeros to the minimum header.
            byte[] hdr = new byte[Avp.HEADER];
            System.arraycopy(b, p, hdr, 0, avail);
            Avp failed = new Avp(Avp.getInt(hdr, 0), hdr[4], 0, new byte[0], 0, 0);
            return new DecodeFailure(
                    ResultCodes.DIAMETER_INVALID_AVP_LENGTH,
                    "only " + avail + " bytes left for an AVP header of 8",
                    p - msgOff,
                    failed,
                    null,
                    false);
        }
        int code = Avp.getInt(b, p);
        int flagsLen = Avp.getInt(b, p + 4);
        int flags = flagsLen >>> 24;
        int avpLen = flagsLen & 0xffffff;
        boolean vendorField = (flags & Avp.FLAG_VENDOR) != 0;
        int headerLen = vendorField ? Avp.VENDOR_HEADER : Avp.HEADER;
        int vendor = vendorField && avail >= Avp.VENDOR_HEADER ? Avp.getInt(b, p + 8) : 0;
        DataType type = options.types().typeOf(code, vendor);
        if (avpLen < headerLen || avpLen > avail || (vendorField && avail < Avp.VENDOR_HEADER)) {
            // §7.5: "a copy of the offending AVP header and a zero-filled payload of the minimum
            // required length"; a Grouped AVP's header with an empty payload is sufficient.
            int min = type == null || type == DataType.GROUPED ? 0 : type.minimumLength();
            Avp failed = new Avp(code, flags, vendor, new byte[min], 0, min);
            String why =
                    avpLen < headerLen
                            ? "AVP Length "
                                    + avpLen
                                    + " is shorter than the "
                                    + headerLen
                                    + "-byte AVP header"
                            : "AVP Length "
                                    + avpLen
                                    + " runs past the end of its "
                                    + (depth == 1 ? "message" : "Grouped AVP")
                                    + " ("
                                    + avail
                                    + " bytes left)";
            return new DecodeFailure(
                    ResultCodes.DIAMETER_INVALID_AVP_LENGTH,
                    describe(code, vendor) + ": " + why,
                    p - msgOff,
                    failed,
                    null,
                    false);
        }
        if (Avp.pad4(avpLen) > avail) {
            Avp failed = AvpList.readAt(b, p);
            return new DecodeFailure(
                    ResultCodes.DIAMETER_INVALID_AVP_LENGTH,
                    describe(code, vendor) + ": padding runs past the end of its parent",
                    p - msgOff,
                    failed,
                    null,
                    false);
        }
        if (code == FAILED_AVP && vendor == 0) {
            type = DataType.GROUPED; // §7.5, whatever the dictionary at hand says
        }
        if (type == null) {
            return null; // unknown: kept opaque
        }
        int vOff = p + headerLen;
        int vLen = avpLen - headerLen;
        if (type == DataType.GROUPED) {
            // DecodeOptions.maxDepth is the deepest nesting accepted (1 = top-level Grouped only).
            if (depth > options.maxDepth()) {
                Avp failed = new Avp(code, flags, vendor, new byte[0], 0, 0);
                return new DecodeFailure(
                        ResultCodes.DIAMETER_INVALID_AVP_VALUE,
                        describe(code, vendor)
                                + ": Grouped AVPs nested deeper than "
                                + options.maxDepth()
                                + " levels",
                        p - msgOff,
                        failed,
                        null,
                        false);
            }
            return checkChildren(
                    b, p, vOff, vOff + vLen, code, vendor, flags, depth, msgOff, offender);
        }
        if (options.checkValues() && !offender) {
            int rc = ValueCheck.check(type, b, vOff, vLen);
            if (rc != 0) {
                return new DecodeFailure(
                        rc,
                        describe(code, vendor) + ": " + ValueCheck.reason(type, b, vOff, vLen),
                        p - msgOff,
                        AvpList.readAt(b, p),
                        null,
                        false);
            }
        }
        return null;
    }

    /** The AVPs of the Grouped AVP at {@code p}, whose payload is {@code [from, to)}. */
    private DecodeFailure checkChildren(
            byte[] b,
            int p,
            int from,
            int to,
            int code,
            int vendor,
            int flags,
            int depth,
            int msgOff,
            boolean inOffender) {
        boolean offender = inOffender || (code == FAILED_AVP && vendor == 0);
        int q = from;
        while (q < to) {
            DecodeFailure inner = checkAvp(b, q, to, depth + 1, msgOff, offender);
            if (inner != null) {
                // §7.5: the Failed-AVP MAY contain the grouped AVP hierarchy down to the offender.
                Avp wrapped =
                        inner.failedAvp() == null
                                ? null
                                : Avp.grouped(code, vendor, flags, inner.failedAvp());
                return new DecodeFailure(
                        inner.resultCode(), inner.reason(), inner.offset(), wrapped, null, false);
            }
            q += Avp.pad4(Avp.getInt(b, q + 4) & 0xffffff);
        }
        return null;
    }

    private static String describe(int code, int vendor) {
        return vendor == 0
                ? "AVP " + code
                : "AVP " + code + " (vendor " + Integer.toUnsignedString(vendor) + ")";
    }
}
