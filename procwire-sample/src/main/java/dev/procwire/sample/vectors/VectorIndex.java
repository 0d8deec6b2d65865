package dev.procwire.sample.vectors;

import dev.procwire.api.Codec;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.arrow.ArrowColumns;
import dev.procwire.runtime.arrow.TableBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A nearest-neighbour index over embeddings, as a worker: the columnar work a Node service hands to a
 * JVM. The parent sends and receives Arrow tables (its {@code arrowCodec}); cosine similarity ranks.
 *
 * <ul>
 *   <li>{@code add} (Arrow in) — a table of items, column by column: {@code id} Int64, {@code label}
 *       Utf8, {@code vector} a fixed-size list of Float32; → how many items the index holds;
 *   <li>{@code search {vector, k}} (MsgPack in, Arrow out) — the {@code k} most similar items, one row
 *       each: {@code id}, {@code label}, {@code score};
 *   <li>{@code searchMany} (Arrow in and out) — one query per row of a {@code query} vector column,
 *       answered by a table built by hand: {@code query} Int32 (the row), {@code id}, {@code score}, the
 *       best match of each query.
 * </ul>
 *
 * <p>Every vector must have the index's dimension (set by the first {@code add}); another is the error
 * {@code BAD_DIMENSION}.
 */
@ProcwireService
public final class VectorIndex {
    private final List<Item> items = new ArrayList<>();
    private int dimension = -1;

    /** Items to index, one column per component: {@code id}, {@code label}, {@code vector}. */
    public record Items(long[] id, List<String> label, List<float[]> vector) {}

    /** One ranked result: a row of the answer table. */
    public record Hit(long id, String label, float score) {}

    private record Item(long id, String label, float[] unit) {}

    public static void main(String[] args) {
        Procwire.serve(new VectorIndex());
    }

    /** Adds the items of the table, all or none; returns how many the index holds. */
    @ProcwireMethod(requestCodec = Codec.ARROW)
    public synchronized int add(Items batch) {
        int dim = dimension;
        for (int i = 0; i < batch.id().length; i++) {
            float[] v = batch.vector().get(i);
            int length = v == null ? 0 : v.length;
            if (dim >= 0 && length != dim || length == 0) {
                throw new ProcwireException("row " + i + " has a vector of " + length + " values; this index holds"
                        + " vectors of " + (dim >= 0 ? dim : "at least 1"), "BAD_DIMENSION", null);
            }
            dim = length;
        }
        for (int i = 0; i < batch.id().length; i++) {
            items.add(new Item(batch.id()[i], batch.label().get(i), unit(batch.vector().get(i))));
        }
        dimension = dim;
        return items.size();
    }

    /** The {@code k} items most similar to {@code vector}, best first. */
    @ProcwireMethod(responseCodec = Codec.ARROW)
    public synchronized List<Hit> search(float[] vector, int k) {
        checkDimension(vector);
        float[] q = unit(vector);
        PriorityQueue<Hit> best = new PriorityQueue<>(Comparator.comparingDouble(Hit::score));
        for (Item item : items) {
            best.add(new Hit(item.id(), item.label(), dot(q, item.unit())));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Hit> ranked = new ArrayList<>(best);
        ranked.sort(Comparator.comparingDouble(Hit::score).reversed());
        return ranked;
    }

    /**
     * The best match of each query row: a handler with full control of the tables. The request table
     * is the runtime's (closed after the call); the answer is built here and closed by the runtime.
     */
    @ProcwireMethod(codec = Codec.ARROW)
    public synchronized VectorSchemaRoot searchMany(VectorSchemaRoot queries) {
        List<float[]> vectors = ArrowColumns.floatVectors(queries, "query");
        int[] query = new int[vectors.size()];
        long[] id = new long[vectors.size()];
        float[] score = new float[vectors.size()];
        for (int row = 0; row < vectors.size(); row++) {
            List<Hit> top = search(vectors.get(row), 1);
            query[row] = row;
            id[row] = top.isEmpty() ? -1 : top.get(0).id();
            score[row] = top.isEmpty() ? 0 : top.get(0).score();
        }
        return new TableBuilder().ints("query", query).longs("id", id).floats("score", score).build();
    }

    private void checkDimension(float[] v) {
        if (v == null || v.length != dimension) {
            throw new ProcwireException("a vector of " + (v == null ? 0 : v.length) + " values; this index holds"
                    + " vectors of " + dimension, "BAD_DIMENSION", null);
        }
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] * scale);
        }
        return u;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
