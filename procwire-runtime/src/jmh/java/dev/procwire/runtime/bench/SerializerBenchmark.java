package dev.procwire.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MsgPack encode and decode of one {@link Order}: the serializer shape the annotation processor generates
 * (stood in for by {@link OrderMsgPack}) against reflection-based Jackson databind over
 * jackson-dataformat-msgpack, the usual alternative, on the same object and the same bytes. The dynamic
 * model ({@link Codecs#VALUE}, maps and lists) is measured too: it is what a handler without a generated
 * codec pays.
 *
 * <p>Run with {@code -prof gc} for the allocation per operation ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SerializerBenchmark {
    private Order order;
    private byte[] bytes;
    private Object dynamic;
    private ObjectWriter jacksonWriter;
    private ObjectReader jacksonReader;
    private MsgPackWriter reused;

    @Setup
    public void setUp() throws IOException {
        order = Order.sample();
        MsgPackWriter w = new MsgPackWriter();
        OrderMsgPack.write(w, order);
        bytes = w.toByteArray();
        dynamic = new MsgPackReader(bytes).readValue();
        ObjectMapper mapper = new ObjectMapper(new MessagePackFactory());
        jacksonWriter = mapper.writerFor(Order.class);
        jacksonReader = mapper.readerFor(Order.class);
        reused = new MsgPackWriter(11, 256);
        // Both sides must agree on the bytes, or the comparison is not like for like.
        if (!jacksonReader.readValue(bytes).equals(order)) {
            throw new IllegalStateException("Jackson decodes our bytes differently");
        }
        if (!Arrays.equals(jacksonWriter.writeValueAsBytes(order), bytes)) {
            throw new IllegalStateException("Jackson encodes the order to different bytes");
        }
    }

    /** What the runtime does today for a result: a fresh writer with frame headroom per call. */
    @Benchmark
    public MsgPackWriter generatedEncode() {
        MsgPackWriter w = new MsgPackWriter(11, 128);
        OrderMsgPack.write(w, order);
        return w;
    }

    /** The same into a reused (pooled) writer. */
    @Benchmark
    public MsgPackWriter generatedEncodeReused() {
        MsgPackWriter w = reused;
        w.reset();
        OrderMsgPack.write(w, order);
        return w;
    }

    @Benchmark
    public byte[] jacksonEncode() throws IOException {
        return jacksonWriter.writeValueAsBytes(order);
    }

    @Benchmark
    public MsgPackWriter dynamicEncode() {
        MsgPackWriter w = new MsgPackWriter(11, 128);
        Codecs.VALUE.encode(w, dynamic);
        return w;
    }

    @Benchmark
    public Order generatedDecode() {
        return OrderMsgPack.read(new MsgPackReader(bytes));
    }

    @Benchmark
    public Order jacksonDecode() throws IOException {
        return jacksonReader.readValue(bytes);
    }

    @Benchmark
    public Object dynamicDecode() {
        return new MsgPackReader(bytes).readValue();
    }
}
