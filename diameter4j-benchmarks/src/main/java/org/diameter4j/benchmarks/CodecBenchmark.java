package org.diameter4j.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DecodeOptions;
import org.diameter4j.codec.DecodeResult;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.codec.MessageDecoder;
import org.diameter4j.dictionary.Dictionary;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode and decode of a 300-byte Gy CCR and seed 003's 240-byte CEA, as the transport does them:
 * encode into a Netty buffer, decode from one (which copies the frame once into the message's own
 * array) with the standard dictionary's strict checks on. Run with {@code -prof gc} for bytes
 * allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class CodecBenchmark {
    private DiameterMessage ccr;
    private DiameterMessage cea;
    private ByteBuf out;
    private ByteBuf ccrWire;
    private ByteBuf ceaWire;
    private MessageDecoder decoder;

    @Setup(Level.Trial)
    public void setUp() {
        Dictionary d = Dictionary.standard();
        decoder = new MessageDecoder(DecodeOptions.DEFAULT.withTypes(d));
        ccr = Messages.gyCcrInitial(d);
        cea = Messages.cea(d);
        out = Unpooled.directBuffer(4096);
        ccrWire = Unpooled.directBuffer(ccr.length());
        ccr.encode(ccrWire);
        ceaWire = Unpooled.directBuffer(cea.length());
        cea.encode(ceaWire);
        if (ccr.length() < 290 || ccr.length() > 320) {
            throw new IllegalStateException(
                    "the CCR should be about 300 bytes, it is " + ccr.length());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
        ccrWire.release();
        ceaWire.release();
    }

    private DiameterMessage decode(ByteBuf wire) {
        wire.readerIndex(0);
        DecodeResult r = decoder.decode(wire);
        return r.message();
    }

    @Benchmark
    public ByteBuf encodeCcr() {
        out.clear();
        ccr.encode(out);
        return out;
    }

    @Benchmark
    public DiameterMessage decodeCcr() {
        return decode(ccrWire);
    }

    /** The target: encode + decode of the CCR under 1 µs and 1 KB. */
    @Benchmark
    public DiameterMessage encodeDecodeCcr() {
        out.clear();
        ccr.encode(out);
        DecodeResult r = decoder.decode(out);
        return r.message();
    }

    /** Decode, then read what a credit-control server reads first. */
    @Benchmark
    public void decodeCcrAndRead(Blackhole bh) {
        DiameterMessage m = decode(ccrWire);
        bh.consume(m.find(263).asUtf8()); // Session-Id
        bh.consume(m.find(416).asUnsigned32()); // CC-Request-Type
        Avp mscc = m.find(456); // Multiple-Services-Credit-Control
        bh.consume(mscc.children().find(432).asUnsigned32()); // Rating-Group
    }

    @Benchmark
    public ByteBuf encodeCea() {
        out.clear();
        cea.encode(out);
        return out;
    }

    @Benchmark
    public DiameterMessage decodeCea() {
        return decode(ceaWire);
    }
}
