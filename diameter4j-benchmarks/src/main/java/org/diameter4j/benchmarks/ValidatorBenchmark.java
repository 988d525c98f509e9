package org.diameter4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.DecodeFailure;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.MessageValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The grammar check a server runs on every request it receives ({@link MessageValidator}, RFC 6733
 * §3.2, §4.4, §7.5), on seed 001's SMS event CCR (484 bytes, Grouped AVPs four levels deep) and on
 * the 300-byte Gy CCR-INITIAL with one Multiple-Services-Credit-Control.
 *
 * <ul>
 *   <li>{@code decode*}: decoding alone, the baseline to subtract;
 *   <li>{@code decodeAndValidate*}: a freshly decoded message validated once, as the node does for
 *       each request (no AVP read before, so none materialised): validate's cost is this minus
 *       decode;
 *   <li>{@code validateSeed001Again}: the same decoded message validated again and again.
 * </ul>
 *
 * Run with {@code -prof gc}: a valid message should cost no bytes beyond its decode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class ValidatorBenchmark {
    private MessageDecoder decoder;
    private MessageValidator validator;
    private byte[] seed001;
    private byte[] ccrInitial;
    private DiameterMessage seed001Decoded;

    @Setup(Level.Trial)
    public void setUp() {
        Dictionary d = Dictionary.standard();
        decoder = new MessageDecoder(DecodeOptions.DEFAULT.withTypes(d));
        validator = new MessageValidator(d);
        seed001 = Messages.seed001SmsEventCcr(d).toBytes();
        ccrInitial = Messages.gyCcrInitial(d).toBytes();
        if (seed001.length != 484) {
            throw new IllegalStateException("seed 001's CCR is 484 bytes, not " + seed001.length);
        }
        seed001Decoded = decode(seed001);
        for (byte[] m : new byte[][] {seed001, ccrInitial}) {
            DecodeFailure f = validator.validate(decode(m));
            if (f != null) {
                throw new IllegalStateException("the benchmark's CCR is not valid: " + f);
            }
        }
    }

    private DiameterMessage decode(byte[] wire) {
        return decoder.decode(wire, 0, wire.length).message();
    }

    @Benchmark
    public DiameterMessage decodeSeed001() {
        return decode(seed001);
    }

    @Benchmark
    public void decodeAndValidateSeed001(Blackhole bh) {
        DiameterMessage m = decode(seed001);
        bh.consume(validator.validate(m));
        bh.consume(m);
    }

    @Benchmark
    public DecodeFailure validateSeed001Again() {
        return validator.validate(seed001Decoded);
    }

    @Benchmark
    public DiameterMessage decodeCcrInitial() {
        return decode(ccrInitial);
    }

    @Benchmark
    public void decodeAndValidateCcrInitial(Blackhole bh) {
        DiameterMessage m = decode(ccrInitial);
        bh.consume(validator.validate(m));
        bh.consume(m);
    }
}
