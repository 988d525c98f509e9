package org.diameter4j.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;

/**
 * Fuzzes {@link DiameterFrameDecoder}, the framer of every TCP/TLS connection (RFC 6733 §3: the
 * Message Length delimits messages on a stream). The input is the byte stream a peer sends; it is
 * delivered three ways — in one read, one byte per read, and cut at pseudo-random points derived
 * from the input — and each delivery must:
 *
 * <ul>
 *   <li>never throw out of the pipeline (EmbeddedChannel rethrows what reached its tail);
 *   <li>emit exactly the frames a reference walk over the Message Lengths predicts: one message or
 *       non-fatal failure per complete frame, and after an unusable length (not a multiple of 4,
 *       under 20, over the maximum) one fatal failure and nothing more — a clean close reason
 *       ({@link FramingLostException});
 *   <li>hold only bytes received: the cumulation never grows towards an announced length;
 *   <li>give the same messages and Result-Codes as the other deliveries.
 * </ul>
 */
class FrameDecoderFuzzTest {
    private static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(Dictionary.standard()));

    @FuzzTest
    void frames(byte[] stream) {
        List<Object> whole = deliver(stream, new int[] {stream.length});
        int[] bytes = new int[stream.length];
        Arrays.fill(bytes, 1);
        List<Object> byByte = deliver(stream, bytes);
        List<Object> cut = deliver(stream, randomCuts(stream));
        List<String> expected = reference(stream);
        check("one read", whole, expected);
        check("one byte per read", byByte, expected);
        check("random cuts", cut, expected);
        for (int i = 0; i < whole.size(); i++) {
            if (!same(whole.get(i), byByte.get(i)) || !same(whole.get(i), cut.get(i))) {
                throw new AssertionError(
                        "frame " + i + " differs: " + whole + " / " + byByte + " / " + cut);
            }
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof DecodeFailure fa && b instanceof DecodeFailure fb) {
            return fa.resultCode() == fb.resultCode() && fa.fatal() == fb.fatal();
        }
        return a.equals(b);
    }

    /** Sizes of the reads: 1 to 8 cuts at positions drawn from the input's own hash. */
    private static int[] randomCuts(byte[] stream) {
        SplittableRandom r = new SplittableRandom(Arrays.hashCode(stream));
        int n = 1 + r.nextInt(8);
        int[] at = new int[n + 1];
        for (int i = 0; i < n; i++) {
            at[i] = stream.length == 0 ? 0 : r.nextInt(stream.length + 1);
        }
        at[n] = stream.length;
        Arrays.sort(at);
        int[] sizes = new int[n + 1];
        int prev = 0;
        for (int i = 0; i <= n; i++) {
            sizes[i] = at[i] - prev;
            prev = at[i];
        }
        return sizes;
    }

    private static List<Object> deliver(byte[] stream, int[] sizes) {
        DiameterFrameDecoder framer = new DiameterFrameDecoder(DECODER);
        EmbeddedChannel ch = new EmbeddedChannel(framer);
        List<Object> out = new ArrayList<>();
        try {
            int pos = 0;
            for (int size : sizes) {
                ch.writeInbound(Unpooled.wrappedBuffer(stream, pos, size));
                pos += size;
                // RFC 6733 §3: nothing is reserved for what a length announces, only what came.
                if (framer.bufferCapacity() > 256 + 2L * pos) {
                    throw new AssertionError(
                            "cumulation of "
                                    + framer.bufferCapacity()
                                    + " bytes after "
                                    + pos
                                    + " received");
                }
                drain(ch, out);
            }
            ch.finish();
            drain(ch, out);
        } finally {
            ch.finishAndReleaseAll();
        }
        return out;
    }

    private static void drain(EmbeddedChannel ch, List<Object> out) {
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
            ReferenceCountUtil.release(o);
        }
    }

    /**
     * What §3 framing says the stream holds: "frame" per complete frame of usable length, then
     * "fatal" at the first unusable length. Whether a frame decodes is the decoder's business.
     */
    private static List<String> reference(byte[] s) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        while (s.length - pos >= 4) {
            int len =
                    ((s[pos + 1] & 0xff) << 16) | ((s[pos + 2] & 0xff) << 8) | (s[pos + 3] & 0xff);
            if (len < DiameterMessage.HEADER_LENGTH
                    || (len & 3) != 0
                    || len > DECODER.options().maxMessageLength()) {
                out.add("fatal");
                return out;
            }
            if (s.length - pos < len) {
                return out;
            }
            out.add("frame");
            pos += len;
        }
        return out;
    }

    private static void check(String how, List<Object> got, List<String> expected) {
        if (got.size() != expected.size()) {
            throw new AssertionError(how + ": " + got + " but framing predicts " + expected);
        }
        for (int i = 0; i < got.size(); i++) {
            Object o = got.get(i);
            boolean fatalExpected = expected.get(i).equals("fatal");
            if (o instanceof DecodeFailure f) {
                if (f.resultCode() < 3000 || f.resultCode() >= 6000 || f.reason().isEmpty()) {
                    throw new AssertionError(how + ": unusable failure " + f);
                }
                if (f.fatal() && i != got.size() - 1) {
                    throw new AssertionError(how + ": frames after the fatal " + f);
                }
                if (fatalExpected && !f.fatal()) {
                    throw new AssertionError(how + ": an unusable length is not fatal: " + f);
                }
                if (f.fatal() && new FramingLostException(f).getMessage().isEmpty()) {
                    throw new AssertionError(how + ": no close reason");
                }
            } else if (!(o instanceof DiameterMessage) || fatalExpected) {
                throw new AssertionError(how + ": " + o + " where framing predicts " + expected);
            }
        }
    }
}
