package org.diameter4j.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.diameter4j.cli.capture.CaptureException;
import org.diameter4j.cli.capture.CaptureReader;
import org.diameter4j.cli.capture.CaptureResult;
import org.diameter4j.cli.capture.CapturedMessage;
import org.diameter4j.cli.json.MessageJson;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.diameter4j.dictionary.dump.MessageDump;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code d4j decode HEX | --file F [--json]}: decodes Diameter messages from hex text, raw bytes or
 * a pcap/pcapng capture (TCP reassembled) and prints them in the dump format of seed 003. A
 * malformed message is decoded as far as possible and its first fault shown with the byte offset
 * and the Result-Code a peer would answer. Exit 0 when every message decoded, 1 when one is
 * malformed or violates its grammar, 2 for usage errors.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Decode Diameter messages from hex, a binary file, or a pcap/pcapng capture.",
            "",
            "Examples:",
            "  d4j decode 0100004480000118...",
            "  d4j decode --file capture.pcapng --json"
        })
public final class DecodeCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(
                paramLabel = "HEX",
                arity = "1..*",
                description = "The message as hex (spaces, 0x and : allowed).")
        List<String> hex;

        @Option(
                names = "--file",
                paramLabel = "F",
                required = true,
                description = "A file holding raw bytes, hex text, or a pcap/pcapng capture.")
        Path file;
    }

    @Option(names = "--json", description = "One JSON object per message.")
    boolean json;

    @Mixin DictionaryOption dictionary;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Dictionary dict = dictionary.load();
        byte[] bytes = readInput();
        CaptureResult found;
        try {
            found = CaptureReader.read(bytes);
        } catch (CaptureException e) {
            if (input.hex != null) {
                // A HEX argument that is not hex (odd digits, no digits) is a usage error.
                throw UserError.usage(
                        "the HEX argument is not valid hex: "
                                + e.getMessage()
                                + ". Give the message as hex digits (spaces, ':' and 0x allowed), or use --file F.");
            }
            throw new UserError(Main.FAILED, "cannot read " + source() + ": " + e.getMessage());
        }
        if (input.hex != null && !found.kind().equals("hex")) {
            // Passed the character check but is not hex text (a stray 'x'): never decode it as raw.
            throw UserError.usage(
                    "the HEX argument is not valid hex: an 'x' is allowed only in a 0x prefix. Give the message as hex digits (spaces, ':' and 0x allowed), or use --file F.");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String w : found.warnings()) {
            err.println("d4j: warning: " + w);
        }
        if (found.messages().isEmpty()) {
            throw new UserError(
                    Main.FAILED,
                    "no Diameter message found in "
                            + source()
                            + " (read as "
                            + found.kind()
                            + "). A Diameter message starts with version 1 and a 24-bit length that is a multiple of 4.");
        }
        // The tool reads what peers actually sent: accept the largest length the header can carry.
        MessageDecoder decoder =
                new MessageDecoder(
                        DecodeOptions.DEFAULT
                                .withMaxMessageLength(DecodeOptions.MAX_WIRE_LENGTH)
                                .withTypes(dict));
        MessageValidator validator = new MessageValidator(dict);
        MessageDump dump = new MessageDump(dict);
        MessageJson js = new MessageJson(dict);
        int bad = 0;
        int index = 0;
        for (CapturedMessage cm : found.messages()) {
            index++;
            DecodeResult r = decoder.decode(cm.bytes(), 0, cm.bytes().length);
            DecodeFailure fault = r.failure();
            DiameterMessage m = r.isSuccess() ? r.message() : null;
            if (m != null && !m.isError()) {
                fault =
                        validator.validate(
                                m); // answers with the E bit follow §7.2, not the grammar
            }
            if (fault != null) {
                bad++;
            }
            if (json) {
                writeJson(out, js, index, cm, m, fault);
            } else {
                writeText(out, dump, index, found.messages().size(), cm, m, fault);
            }
        }
        out.flush();
        if (!json && found.messages().size() > 1) {
            out.println(
                    found.messages().size()
                            + " messages, "
                            + (found.messages().size() - bad)
                            + " decoded, "
                            + bad
                            + " with faults");
        }
        return bad == 0 ? Main.OK : Main.FAILED;
    }

    private byte[] readInput() {
        if (input.hex != null) {
            String text = String.join(" ", input.hex);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.digit(c, 16) < 0 && " \t\n\r:,x".indexOf(c) < 0) {
                    throw UserError.usage(
                            "'"
                                    + text
                                    + "' is not hex: character '"
                                    + c
                                    + "' at position "
                                    + (i + 1)
                                    + ". Give the message as hex digits (spaces, ':' and 0x allowed), or use --file F.");
                }
            }
            return text.getBytes(StandardCharsets.US_ASCII);
        }
        try {
            return Files.readAllBytes(input.file);
        } catch (NoSuchFileException e) {
            throw UserError.usage("cannot read " + input.file + ": no such file");
        } catch (IOException e) {
            throw UserError.usage("cannot read " + input.file + ": " + e.getMessage());
        }
    }

    private String source() {
        return input.file != null ? input.file.toString() : "the hex argument";
    }

    private void writeText(
            PrintWriter out,
            MessageDump dump,
            int index,
            int total,
            CapturedMessage cm,
            DiameterMessage m,
            DecodeFailure fault) {
        StringBuilder sb = new StringBuilder();
        if (total > 1 || cm.frameNumber() > 0) {
            sb.append("#").append(index);
            if (cm.frameNumber() > 0) {
                sb.append("  frame ").append(cm.frameNumber());
            }
            if (cm.time() != null) {
                sb.append("  ").append(cm.time());
            }
            if (cm.source() != null) {
                sb.append("  ").append(cm.source()).append(" -> ").append(cm.destination());
            }
            sb.append('\n');
        }
        if (m != null) {
            dump.appendMessage(sb, m);
        }
        if (fault != null) {
            sb.append("FAULT: ").append(fault.reason()).append('\n');
            String text = dump.formatFailure(m != null ? withoutPartial(fault) : fault);
            for (String line : text.split("\n")) {
                sb.append("  ").append(line).append('\n');
            }
        }
        out.print(sb);
        out.println();
    }

    /** The message was already printed in full: don't print it twice. */
    private static DecodeFailure withoutPartial(DecodeFailure f) {
        return new DecodeFailure(
                f.resultCode(), f.reason(), f.offset(), f.failedAvp(), null, f.fatal());
    }

    private void writeJson(
            PrintWriter out,
            MessageJson js,
            int index,
            CapturedMessage cm,
            DiameterMessage m,
            DecodeFailure fault)
            throws IOException {
        StringWriter sw = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(sw)) {
            g.writeStartObject();
            g.writeNumberField("index", index);
            if (cm.frameNumber() > 0) {
                g.writeNumberField("frame", cm.frameNumber());
            }
            if (cm.time() != null) {
                g.writeStringField("time", cm.time().toString());
            }
            if (cm.source() != null) {
                g.writeStringField("source", cm.source());
                g.writeStringField("destination", cm.destination());
            }
            DiameterMessage shown = m != null ? m : fault.partial();
            g.writeBooleanField("ok", fault == null);
            if (shown != null) {
                js.writeMessageFields(g, shown);
            }
            if (fault != null) {
                g.writeFieldName("fault");
                js.writeFailure(g, fault);
            }
            g.writeEndObject();
        }
        out.println(sw);
    }
}
