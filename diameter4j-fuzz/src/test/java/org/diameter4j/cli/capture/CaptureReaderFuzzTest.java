package org.diameter4j.cli.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.fuzz.Allocations;

/**
 * Fuzzes what {@code d4j decode --file} reads: {@link CaptureReader} with its pcap and pcapng
 * readers, link layers, IPv4/IPv6, TCP reassembly and the Diameter framer over the reassembled
 * streams (RFC 6733 §3 Message Length), then the decoder on every message found.
 *
 * <ul>
 *   <li>any file gives a {@link CaptureResult} or a {@link CaptureException} naming the fault; the
 *       reader's last-resort "internal error" (a {@link RuntimeException} it caught) is a bug;
 *   <li>reading {@code n} bytes allocates O(n): no block, packet, snap or TCP sequence length is
 *       trusted for an allocation;
 *   <li>each message found decodes to a message or a failure, without throwing.
 * </ul>
 */
class CaptureReaderFuzzTest {
    private static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(Dictionary.standard()));

    @FuzzTest
    void read(byte[] file) {
        // Reassembly copies each payload a few times (segment, stream, message): linear.
        long limit = 256 * 1024 + 64L * file.length;
        Object r = Allocations.bounded(limit, "CaptureReader.read", () -> readOrFault(file));
        if (r instanceof CaptureException e) {
            if (e.getCause() != null || e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("not a precise fault: " + e, e);
            }
            if (e.offset() < -1 || e.offset() > file.length) {
                throw new AssertionError("offset " + e.offset() + " outside the file: " + e);
            }
            return;
        }
        CaptureResult result = (CaptureResult) r;
        for (CapturedMessage m : result.messages()) {
            DecodeResult d = DECODER.decode(m.bytes(), 0, m.bytes().length);
            if (!d.isSuccess() && d.failure().reason().isEmpty()) {
                throw new AssertionError("failure without a reason: " + d);
            }
        }
    }

    private static Object readOrFault(byte[] file) {
        try {
            return CaptureReader.read(file);
        } catch (CaptureException e) {
            return e;
        }
    }
}
