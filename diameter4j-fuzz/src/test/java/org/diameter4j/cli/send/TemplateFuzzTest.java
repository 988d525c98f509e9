package org.diameter4j.cli.send;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.diameter4j.cli.UserError;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;

/**
 * Fuzzes the message templates of {@code d4j client --send FILE} and {@code d4j bench}: any text is
 * a {@link Template} or a {@link UserError} (exit 2) that names the file and the fault, never
 * another exception; every step of a template that loads builds a request (or a usage error naming
 * the AVP) whose bytes our own decoder accepts (RFC 6733 §3, §4: what we send must be framed and
 * typed correctly).
 */
class TemplateFuzzTest {
    private static final Dictionary DICT = Dictionary.standard();
    private static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(DICT));

    @FuzzTest
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Template t;
        try {
            t = Template.parse("fuzz.yaml", "fuzz", new StringReader(text), DICT);
        } catch (UserError e) {
            checkError(e);
            return;
        }
        for (Template.Step step : t.steps()) {
            DiameterMessage m;
            try {
                m = step.build(Template.Vars.sample());
            } catch (UserError e) {
                checkError(e);
                continue;
            }
            byte[] bytes = m.toBytes();
            DecodeResult r = DECODER.decode(bytes, 0, bytes.length);
            if (!r.isSuccess()) {
                throw new AssertionError(
                        "step " + step.where() + " builds a request we cannot decode: " + r);
            }
        }
    }

    private static void checkError(UserError e) {
        if (e.getMessage() == null || !e.getMessage().startsWith("fuzz.yaml")) {
            throw new AssertionError("a usage error that names no file: " + e.getMessage(), e);
        }
    }
}
