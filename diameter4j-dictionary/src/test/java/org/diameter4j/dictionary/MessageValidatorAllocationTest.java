package org.diameter4j.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.function.Function;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Validating a message that satisfies its grammar allocates nothing (issue 10: the grammar check
 * was a third of the ~9 KB an answered Gy CCR cost the server). Measured on seed 001's SMS event
 * CCR — four levels of Grouped AVPs — with the thread's allocation counter, after a warm-up, over
 * messages decoded beforehand, one per call, as the node validates each request it receives.
 *
 * <p>The bound is exactly 0 bytes, not a tolerance: the valid path has no allocation site at all
 * (no Avp, no child list, no path string, no lambda, no count array, no boxed key), so the figure
 * holds in the interpreter as well as after JIT compilation, without relying on escape analysis.
 * The counter is exact per thread (it includes the current TLAB's used part), and what reading it
 * costs is measured and subtracted. Before this check was rewritten it read about 3.4 KB per call.
 */
class MessageValidatorAllocationTest {
    private static final Dictionary D = Dictionary.standard();
    private static final MessageDecoder DECODER =
            new MessageDecoder(DecodeOptions.DEFAULT.withTypes(D));
    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 1_000;

    /**
     * How the message reaches validate: "decoded", as RequestDispatch hands it over (nothing read);
     * "decoded, some AVPs read" first, so some AVPs and one Grouped AVP's children are objects;
     * "built", every AVP an object and each Grouped AVP holding its child list.
     */
    private static Function<byte[], DiameterMessage> form(String name) {
        return switch (name) {
            case "decoded" -> w -> decode(w);
            case "decoded, some AVPs read" ->
                    w -> {
                        DiameterMessage m = decode(w);
                        m.find(264).asUtf8(); // Origin-Host
                        m.find(456).children().get(0); // Multiple-Services-Credit-Control
                        return m;
                    };
            case "built" -> w -> rebuilt(decode(w));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static DiameterMessage decode(byte[] w) {
        return DECODER.decode(w, 0, w.length).message();
    }

    private static DiameterMessage rebuilt(DiameterMessage m) {
        DiameterMessage copy =
                new DiameterMessage(
                        m.flags(), m.commandCode(), m.applicationId(), m.hopByHop(), m.endToEnd());
        m.avps().forEach(copy::add);
        return copy;
    }

    @ParameterizedTest
    @ValueSource(strings = {"decoded", "decoded, some AVPs read", "built"})
    void validatingSeed001sCcrAllocatesNothing(String how) throws IOException {
        byte[] wire = GoldenVectorTest.golden("seed001-ccr-sms-event");
        Function<byte[], DiameterMessage> form = form(how);
        MessageValidator v = new MessageValidator(D);
        DiameterMessage[] messages = new DiameterMessage[WARM_UP + MEASURED];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = form.apply(wire);
        }
        assertThat(v.validate(messages[0])).isNull();
        int faults = 0;
        for (int i = 1; i < WARM_UP; i++) {
            faults += v.validate(messages[i]) == null ? 0 : 1;
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long overhead = measuringCost(mx);
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = WARM_UP; i < messages.length; i++) {
            faults += v.validate(messages[i]) == null ? 0 : 1;
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before - overhead;
        assertThat(faults).isZero();
        assertThat(allocated)
                .as("bytes allocated by %d validations of seed 001's CCR (%s)", MEASURED, how)
                .isZero();
    }

    /** What reading the counter twice costs by itself (0 on the JDKs we run, but measured). */
    private static long measuringCost(com.sun.management.ThreadMXBean mx) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long a = mx.getCurrentThreadAllocatedBytes();
            least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - a);
        }
        return least;
    }
}
