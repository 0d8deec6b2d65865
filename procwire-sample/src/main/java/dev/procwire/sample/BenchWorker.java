package dev.procwire.sample;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.Codec;
import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.arrow.TableBuilder;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The benchmark and conformance worker: a plain annotated class, served through the binding the
 * processor generates for it ({@code BenchWorker_Procwire}). MsgPack unless noted.
 */
@ProcwireService
public final class BenchWorker {
    /** {@code {seq}} for each event of {@link #emit}; {@code {seq: -1, got}} from {@link #fireAndForget}. */
    @Event("tick")
    EventEmitter<Map<String, Object>> tick;

    public static void main(String[] args) {
        Procwire.serve(new BenchWorker());
    }

    /** Returns its payload as it is. */
    @ProcwireMethod
    public Object echo(Object payload) {
        return payload;
    }

    /** Raw codec: returns its bytes, without copying them. */
    @ProcwireMethod(codec = Codec.RAW)
    public ByteBuffer echoRaw(ByteBuffer payload) {
        return payload;
    }

    /** {@code count} chunks, each a byte array of {@code size} bytes, then the end. */
    @ProcwireMethod(response = Response.STREAM)
    public void stream(long count, int size, StreamSink<byte[]> out, CancellationToken cancel) {
        byte[] chunk = new byte[size];
        for (long i = 0; i < count; i++) {
            cancel.throwIfCancelled();
            out.send(chunk);
        }
    }

    /** Emits {@code count} {@code tick} events, then returns {@code count}. */
    @ProcwireMethod
    public long emit(long count) {
        for (long i = 0; i < count; i++) {
            tick.emit(Map.of("seq", i));
        }
        return count;
    }

    /** Returns "slept" after {@code ms}, or nothing once aborted (the parent declares it cancellable). */
    @ProcwireMethod
    public String sleep(long ms, CancellationToken cancel) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (!cancel.isCancelled() && System.nanoTime() < deadline) {
            Thread.sleep(Math.max(1, Math.min(10, (deadline - System.nanoTime()) / 1_000_000L)));
        }
        return cancel.isCancelled() ? null : "slept";
    }

    /** Keeps a core busy for {@code ms}, then returns {@code ms}. */
    @ProcwireMethod
    public long spin(long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < deadline) {
            x += x * 31 + 7;
        }
        return x == 42 ? 0L : ms;
    }

    /** Always fails, with the message, code and data it was given. */
    @ProcwireMethod
    public void fail(String message, String code, Object data) {
        throw new ProcwireException(String.valueOf(message), code, data);
    }

    /** Acknowledges {@code {accepted: true}} at once, then keeps working for about 20 ms. */
    @ProcwireMethod(response = Response.ACK)
    public void ackThenWork(AckSink<Map<String, Object>> ack) throws InterruptedException {
        ack.ack(Map.of("accepted", true));
        Thread.sleep(20);
    }

    /** Fire and forget: answers nothing, emits {@code tick {seq: -1, got: <payload>}}. */
    @ProcwireMethod(response = Response.NONE)
    public void fireAndForget(Object payload) {
        tick.emit(Map.of("seq", -1L, "got", payload == null ? "null" : payload));
    }

    /** Arrow codec in and out: returns the table it got, unchanged. */
    @ProcwireMethod(codec = Codec.ARROW)
    public VectorSchemaRoot arrowEcho(VectorSchemaRoot table) {
        return table;
    }

    /**
     * MsgPack in, Arrow out: {@code rows} embeddings of {@code dim} values, an {@code id} Int64 column and
     * a {@code vector} column of fixed-size Float32 lists; row {@code i} has {@code id = i} and
     * {@code vector[j] = i + j / 1000}. The vectors are written row by row into the table as it is built
     * ({@link TableBuilder#floatVectors(String, int, int, TableBuilder.FloatRows)}), with an explicit
     * dimension, so that even a table of no rows says its vectors hold {@code dim} values.
     */
    @ProcwireMethod(responseCodec = Codec.ARROW)
    public VectorSchemaRoot embeddings(int rows, int dim) {
        long[] id = new long[rows];
        for (int i = 0; i < rows; i++) {
            id[i] = i;
        }
        // j / 1000 once per position, as a double: i + fraction[j] is then the very double a Float32Array
        // is given for (i + j / 1000), rounded once to a float — the same value, without a division each.
        double[] fraction = new double[dim];
        for (int j = 0; j < dim; j++) {
            fraction[j] = j / 1000.0;
        }
        return new TableBuilder().longs("id", id).floatVectors("vector", rows, dim, (i, v) -> {
            double row = i;
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (row + fraction[j]);
            }
        }).build();
    }
}
