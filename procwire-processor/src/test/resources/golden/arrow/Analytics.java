package golden.arrow;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.Codec;
import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.NamingPolicy;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.api.WireName;
import dev.procwire.api.WireNaming;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Every Arrow shape (a table, a column record, rows) in every position, beside MsgPack. */
@ProcwireService
public class Analytics {
    @Event(value = "batch", codec = Codec.ARROW)
    EventEmitter<Batch> batches;

    @Event(value = "snapshot", codec = Codec.ARROW)
    EventEmitter<VectorSchemaRoot> snapshots;

    @Event(value = "signals", codec = Codec.ARROW)
    EventEmitter<List<Signal>> signals;

    @Event("log")
    EventEmitter<String> log;

    /** A column per Java column type; its columns are named in snake case, one by @WireName. */
    @WireNaming(NamingPolicy.SNAKE_CASE)
    public record Batch(long[] ids, int[] counts, short[] smallCounts, byte[] codes, float[] scores, double[] weights,
            boolean[] flags, List<Long> parentIds, List<Integer> ranks, List<Short> levels, List<Byte> grades,
            List<Float> maybeScores, List<Double> maybeWeights, List<Boolean> maybeFlags, List<String> names,
            List<Instant> seenAt, List<byte[]> blobs, List<float[]> embeddings, float[][] embeddingMatrix,
            List<double[]> points, double[][] pointMatrix, @WireName("tag") List<String> labels) {}

    /** A row of every row type. */
    record Hit(long id, Long parentId, int rank, Integer maybeRank, short level, Short maybeLevel, byte grade,
            Byte maybeGrade, float score, Float maybeScore, double weight, Double maybeWeight, boolean ok, Boolean maybeOk,
            String name, Instant at, byte[] blob, float[] vector, double[] point) {}

    @ProcwireMethod(codec = Codec.ARROW)
    public VectorSchemaRoot echo(VectorSchemaRoot table) {
        return table;
    }

    @ProcwireMethod(codec = Codec.ARROW)
    public Batch normalize(Batch batch) {
        return batch;
    }

    @ProcwireMethod(codec = Codec.ARROW)
    public List<Hit> rank(List<Hit> hits, CancellationToken cancel) {
        return hits;
    }

    /** MsgPack in, a table out. */
    @ProcwireMethod(responseCodec = Codec.ARROW)
    public List<Hit> search(String query, int limit) {
        return List.of();
    }

    /** A table in, MsgPack out. */
    @ProcwireMethod(requestCodec = Codec.ARROW)
    public int count(VectorSchemaRoot table) {
        return table.getRowCount();
    }

    @ProcwireMethod(responseCodec = Codec.ARROW)
    public Signal latest() {
        return new Signal(new float[0]);
    }

    @ProcwireMethod(response = Response.STREAM, codec = Codec.ARROW)
    public void pages(Batch batch, StreamSink<List<Hit>> out) {
        log.emit("paging");
    }

    @ProcwireMethod(response = Response.STREAM, responseCodec = Codec.ARROW)
    public Stream<Batch> chunks(int n) {
        return Stream.empty();
    }

    @ProcwireMethod(response = Response.STREAM, responseCodec = Codec.ARROW)
    public Iterator<VectorSchemaRoot> tables(int n) {
        return List.<VectorSchemaRoot>of().iterator();
    }

    @ProcwireMethod(response = Response.ACK, codec = Codec.ARROW)
    public void ingest(List<Signal> signals, AckSink<Signal> ack) {
        ack.ack(signals.get(0));
    }

    @ProcwireMethod(codec = Codec.ARROW)
    public CompletionStage<List<Hit>> later(Batch batch) {
        return CompletableFuture.completedFuture(List.of());
    }
}
