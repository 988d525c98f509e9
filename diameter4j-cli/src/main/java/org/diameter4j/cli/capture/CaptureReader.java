package org.diameter4j.cli.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds the Diameter messages in the contents of a file given to {@code d4j decode --file}.
 *
 * <p>The input kind is detected from its bytes: pcap (magic {@code a1b2c3d4} / {@code a1b23c4d} in
 * either byte order), pcapng (first block type {@code 0x0A0D0D0A}), hex text (see {@link HexText}),
 * otherwise raw binary. Captures go through TCP reassembly ({@link TcpReassembler}); hex text and
 * raw binary are framed directly ({@link DiameterFramer}).
 */
public final class CaptureReader {

    private CaptureReader() {}

    /**
     * Detects the input kind and returns every Diameter message found, in stream order.
     *
     * @param input the whole file
     * @return the kind, the messages (truncated ones included, each with a warning) and warnings
     * @throws CaptureException when the input is empty or its structure is broken beyond use; the
     *     message names the fault and its byte offset
     */
    public static CaptureResult read(byte[] input) throws CaptureException {
        Objects.requireNonNull(input, "input");
        if (input.length == 0) {
            throw new CaptureException("input is empty", 0);
        }
        try {
            if (PcapReader.matches(input)) {
                return readCapture("pcap", input);
            }
            if (PcapngReader.matches(input)) {
                return readCapture("pcapng", input);
            }
            byte[] hex = HexText.parse(input);
            if (hex != null) {
                if (hex.length == 0) {
                    throw new CaptureException("hex text holds no bytes", 0);
                }
                return frameBytes("hex", hex);
            }
            return frameBytes("raw", input);
        } catch (RuntimeException e) {
            // Not expected (every length is checked), but a broken input must never escape as an
            // unchecked exception.
            throw new CaptureException("internal error while reading the input: " + e, -1, e);
        }
    }

    private static CaptureResult readCapture(String kind, byte[] input) throws CaptureException {
        Warnings warnings = new Warnings();
        TcpReassembler tcp = new TcpReassembler();
        long[] frames = {0};
        Frame.Sink sink =
                frame -> {
                    frames[0]++;
                    IpPacket ip = LinkLayer.decode(frame, warnings);
                    if (ip == null) {
                        return;
                    }
                    if (ip.protocol() == IpPacket.TCP) {
                        TcpSegment segment = TcpSegment.parse(ip, frame, warnings);
                        if (segment != null) {
                            tcp.add(segment);
                        }
                    } else if (ip.protocol() == IpPacket.SCTP) {
                        warnings.count("SCTP not supported yet; packets skipped", frame.number());
                    }
                };
        if (kind.equals("pcap")) {
            PcapReader.read(input, sink, warnings);
        } else {
            PcapngReader.read(input, sink, warnings);
        }
        List<CapturedMessage> messages = tcp.finish(warnings);
        List<String> all = new ArrayList<>(warnings.toList());
        if (frames[0] == 0) {
            all.add("the capture holds no packets");
        } else if (tcp.segmentCount() == 0) {
            all.add("the capture holds no TCP segments");
        } else if (messages.isEmpty()) {
            all.add("no Diameter message found in " + tcp.segmentCount() + " TCP segments");
        }
        return new CaptureResult(kind, messages, all);
    }

    /**
     * Hex and raw input is what the user says is a message, or messages back to back: it must start
     * with a valid header at byte 0. When it does not (version not 1, Message Length not a multiple
     * of 4 or under 20), the whole input is one message and the decoder reports the fault at its
     * byte (5011, 5015, RFC 6733 §7.1.5) — scanning for a later header would decode AVP bytes as a
     * garbage header. Resynchronisation is for what follows a message that was in sync, and for
     * captures.
     */
    private static CaptureResult frameBytes(String kind, byte[] bytes) {
        Warnings warnings = new Warnings();
        String label = kind.equals("hex") ? "hex input" : "input";
        List<CapturedMessage> messages = new ArrayList<>();
        List<String> all = new ArrayList<>();
        if (!DiameterFramer.headerValid(bytes, 0, bytes.length)) {
            messages.add(new CapturedMessage(bytes.clone(), null, null, null, 0));
            all.add(
                    label
                            + ": no valid Diameter header at byte 0; the whole "
                            + bytes.length
                            + " bytes are decoded as one message (only captures and streams are"
                            + " resynchronised)");
            return new CaptureResult(kind, messages, all);
        }
        for (DiameterFramer.Span span :
                DiameterFramer.frame(
                        bytes, bytes.length, true, label, 0, "the end of the input", warnings)) {
            messages.add(
                    new CapturedMessage(
                            Arrays.copyOfRange(bytes, span.offset(), span.offset() + span.length()),
                            null,
                            null,
                            null,
                            0));
        }
        all.addAll(warnings.toList());
        return new CaptureResult(kind, messages, all);
    }
}
