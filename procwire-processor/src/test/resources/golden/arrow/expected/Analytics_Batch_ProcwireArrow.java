package golden.arrow;

import dev.procwire.runtime.arrow.ArrowColumns;
import dev.procwire.runtime.arrow.ArrowPayloadException;
import dev.procwire.runtime.arrow.TableBuilder;
import dev.procwire.runtime.codec.InvalidPayloadException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Generated;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads and writes {@link Analytics.Batch} as an Arrow table; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Analytics_Batch_ProcwireArrow {
    private Analytics_Batch_ProcwireArrow() {
    }

    /**
     * Reads each component from the column of its name; a column of another length than the table
     * is refused, and so is what the record's constructor refuses.
     */
    public static Analytics.Batch read(VectorSchemaRoot table) {
        int rows = ArrowColumns.rowCount(table);
        long[] ids = ArrowColumns.longs(table, "ids");
        checkLength("ids", ids.length, rows);
        int[] counts = ArrowColumns.ints(table, "counts");
        checkLength("counts", counts.length, rows);
        short[] smallCounts = ArrowColumns.shorts(table, "small_counts");
        checkLength("small_counts", smallCounts.length, rows);
        byte[] codes = ArrowColumns.bytes(table, "codes");
        checkLength("codes", codes.length, rows);
        float[] scores = ArrowColumns.floats(table, "scores");
        checkLength("scores", scores.length, rows);
        double[] weights = ArrowColumns.doubles(table, "weights");
        checkLength("weights", weights.length, rows);
        boolean[] flags = ArrowColumns.booleans(table, "flags");
        checkLength("flags", flags.length, rows);
        List<Long> parentIds = ArrowColumns.longList(table, "parent_ids");
        checkLength("parent_ids", parentIds.size(), rows);
        List<Integer> ranks = ArrowColumns.intList(table, "ranks");
        checkLength("ranks", ranks.size(), rows);
        List<Short> levels = ArrowColumns.shortList(table, "levels");
        checkLength("levels", levels.size(), rows);
        List<Byte> grades = ArrowColumns.byteList(table, "grades");
        checkLength("grades", grades.size(), rows);
        List<Float> maybeScores = ArrowColumns.floatList(table, "maybe_scores");
        checkLength("maybe_scores", maybeScores.size(), rows);
        List<Double> maybeWeights = ArrowColumns.doubleList(table, "maybe_weights");
        checkLength("maybe_weights", maybeWeights.size(), rows);
        List<Boolean> maybeFlags = ArrowColumns.booleanList(table, "maybe_flags");
        checkLength("maybe_flags", maybeFlags.size(), rows);
        List<String> names = ArrowColumns.strings(table, "names");
        checkLength("names", names.size(), rows);
        List<Instant> seenAt = ArrowColumns.instants(table, "seen_at");
        checkLength("seen_at", seenAt.size(), rows);
        List<byte[]> blobs = ArrowColumns.binaries(table, "blobs");
        checkLength("blobs", blobs.size(), rows);
        List<float[]> embeddings = ArrowColumns.floatVectors(table, "embeddings");
        checkLength("embeddings", embeddings.size(), rows);
        float[][] embeddingMatrix = ArrowColumns.floatVectors(table, "embedding_matrix").toArray(new float[0][]);
        checkLength("embedding_matrix", embeddingMatrix.length, rows);
        List<double[]> points = ArrowColumns.doubleVectors(table, "points");
        checkLength("points", points.size(), rows);
        double[][] pointMatrix = ArrowColumns.doubleVectors(table, "point_matrix").toArray(new double[0][]);
        checkLength("point_matrix", pointMatrix.length, rows);
        List<String> labels = ArrowColumns.strings(table, "tag");
        checkLength("tag", labels.size(), rows);
        try {
            return new Analytics.Batch(ids, counts, smallCounts, codes, scores, weights, flags,
                    parentIds, ranks, levels, grades, maybeScores, maybeWeights, maybeFlags, names,
                    seenAt, blobs, embeddings, embeddingMatrix, points, pointMatrix, labels);
        } catch (Exception e) {
            throw InvalidPayloadException.refusedBy("Batch", e);
        }
    }

    /**
     * A table with a column per component, named as the component travels; the caller owns it.
     */
    public static VectorSchemaRoot write(Analytics.Batch value) {
        return new TableBuilder()
                .longs("ids", value.ids())
                .ints("counts", value.counts())
                .shorts("small_counts", value.smallCounts())
                .bytes("codes", value.codes())
                .floats("scores", value.scores())
                .doubles("weights", value.weights())
                .booleans("flags", value.flags())
                .longList("parent_ids", value.parentIds())
                .intList("ranks", value.ranks())
                .shortList("levels", value.levels())
                .byteList("grades", value.grades())
                .floatList("maybe_scores", value.maybeScores())
                .doubleList("maybe_weights", value.maybeWeights())
                .booleanList("maybe_flags", value.maybeFlags())
                .strings("names", value.names())
                .instants("seen_at", value.seenAt())
                .binaries("blobs", value.blobs())
                .floatVectors("embeddings", value.embeddings(), -1)
                .floatVectors("embedding_matrix",
                        value.embeddingMatrix() == null ? null : Arrays.asList(value.embeddingMatrix()), -1)
                .doubleVectors("points", value.points(), -1)
                .doubleVectors("point_matrix",
                        value.pointMatrix() == null ? null : Arrays.asList(value.pointMatrix()), -1)
                .strings("tag", value.labels())
                .build();
    }

    private static void checkLength(String column, int length, int rows) {
        if (length != rows) {
            throw new ArrowPayloadException("column '" + column + "' has " + length +
                    " values, but the table has " + rows + " rows");
        }
    }
}
