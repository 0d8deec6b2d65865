package golden.arrow;

import dev.procwire.runtime.arrow.ArrowColumns;
import dev.procwire.runtime.arrow.ArrowPayloadException;
import dev.procwire.runtime.arrow.TableBuilder;
import dev.procwire.runtime.codec.InvalidPayloadException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads and writes {@link Analytics.Hit} as an Arrow table; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
final class Analytics_Hit_ProcwireArrow {
    private Analytics_Hit_ProcwireArrow() {
    }

    /**
     * Reads a record per row, each component from the column of its name; a column of another
     * length than the table is refused, and so is a row the record's constructor refuses.
     */
    public static List<Analytics.Hit> readRows(VectorSchemaRoot table) {
        int rows = ArrowColumns.rowCount(table);
        long[] id = ArrowColumns.longs(table, "id", "Long");
        checkLength("id", id.length, rows);
        List<Long> parentId = ArrowColumns.longList(table, "parentId");
        checkLength("parentId", parentId.size(), rows);
        int[] rank = ArrowColumns.ints(table, "rank", "Integer");
        checkLength("rank", rank.length, rows);
        List<Integer> maybeRank = ArrowColumns.intList(table, "maybeRank");
        checkLength("maybeRank", maybeRank.size(), rows);
        short[] level = ArrowColumns.shorts(table, "level", "Short");
        checkLength("level", level.length, rows);
        List<Short> maybeLevel = ArrowColumns.shortList(table, "maybeLevel");
        checkLength("maybeLevel", maybeLevel.size(), rows);
        byte[] grade = ArrowColumns.bytes(table, "grade", "Byte");
        checkLength("grade", grade.length, rows);
        List<Byte> maybeGrade = ArrowColumns.byteList(table, "maybeGrade");
        checkLength("maybeGrade", maybeGrade.size(), rows);
        float[] score = ArrowColumns.floats(table, "score", "Float");
        checkLength("score", score.length, rows);
        List<Float> maybeScore = ArrowColumns.floatList(table, "maybeScore");
        checkLength("maybeScore", maybeScore.size(), rows);
        double[] weight = ArrowColumns.doubles(table, "weight", "Double");
        checkLength("weight", weight.length, rows);
        List<Double> maybeWeight = ArrowColumns.doubleList(table, "maybeWeight");
        checkLength("maybeWeight", maybeWeight.size(), rows);
        boolean[] ok = ArrowColumns.booleans(table, "ok", "Boolean");
        checkLength("ok", ok.length, rows);
        List<Boolean> maybeOk = ArrowColumns.booleanList(table, "maybeOk");
        checkLength("maybeOk", maybeOk.size(), rows);
        List<String> name = ArrowColumns.strings(table, "name");
        checkLength("name", name.size(), rows);
        List<Instant> at = ArrowColumns.instants(table, "at");
        checkLength("at", at.size(), rows);
        List<byte[]> blob = ArrowColumns.binaries(table, "blob");
        checkLength("blob", blob.size(), rows);
        List<float[]> vector = ArrowColumns.floatVectors(table, "vector");
        checkLength("vector", vector.size(), rows);
        List<double[]> point = ArrowColumns.doubleVectors(table, "point");
        checkLength("point", point.size(), rows);
        List<Analytics.Hit> result = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            try {
                result.add(new Analytics.Hit(id[i], parentId.get(i), rank[i], maybeRank.get(i),
                        level[i], maybeLevel.get(i), grade[i], maybeGrade.get(i), score[i],
                        maybeScore.get(i), weight[i], maybeWeight.get(i), ok[i], maybeOk.get(i),
                        name.get(i), at.get(i), blob.get(i), vector.get(i), point.get(i)));
            } catch (Exception e) {
                throw InvalidPayloadException.refusedBy("Hit at row " + i, e);
            }
        }
        return result;
    }

    /**
     * A table with a row per record and a column per component; the caller owns it.
     */
    public static VectorSchemaRoot writeRows(List<? extends Analytics.Hit> rows) {
        int size = rows.size();
        long[] id = new long[size];
        List<Long> parentId = new ArrayList<>(size);
        int[] rank = new int[size];
        List<Integer> maybeRank = new ArrayList<>(size);
        short[] level = new short[size];
        List<Short> maybeLevel = new ArrayList<>(size);
        byte[] grade = new byte[size];
        List<Byte> maybeGrade = new ArrayList<>(size);
        float[] score = new float[size];
        List<Float> maybeScore = new ArrayList<>(size);
        double[] weight = new double[size];
        List<Double> maybeWeight = new ArrayList<>(size);
        boolean[] ok = new boolean[size];
        List<Boolean> maybeOk = new ArrayList<>(size);
        List<String> name = new ArrayList<>(size);
        List<Instant> at = new ArrayList<>(size);
        List<byte[]> blob = new ArrayList<>(size);
        List<float[]> vector = new ArrayList<>(size);
        List<double[]> point = new ArrayList<>(size);
        int i = 0;
        for (Analytics.Hit row : rows) {
            if (row == null) {
                throw new IllegalArgumentException("row " + i + " is null: a table has no null rows");
            }
            id[i] = row.id();
            parentId.add(row.parentId());
            rank[i] = row.rank();
            maybeRank.add(row.maybeRank());
            level[i] = row.level();
            maybeLevel.add(row.maybeLevel());
            grade[i] = row.grade();
            maybeGrade.add(row.maybeGrade());
            score[i] = row.score();
            maybeScore.add(row.maybeScore());
            weight[i] = row.weight();
            maybeWeight.add(row.maybeWeight());
            ok[i] = row.ok();
            maybeOk.add(row.maybeOk());
            name.add(row.name());
            at.add(row.at());
            blob.add(row.blob());
            vector.add(row.vector());
            point.add(row.point());
            i++;
        }
        return new TableBuilder()
                .longs("id", id)
                .longList("parentId", parentId)
                .ints("rank", rank)
                .intList("maybeRank", maybeRank)
                .shorts("level", level)
                .shortList("maybeLevel", maybeLevel)
                .bytes("grade", grade)
                .byteList("maybeGrade", maybeGrade)
                .floats("score", score)
                .floatList("maybeScore", maybeScore)
                .doubles("weight", weight)
                .doubleList("maybeWeight", maybeWeight)
                .booleans("ok", ok)
                .booleanList("maybeOk", maybeOk)
                .strings("name", name)
                .instants("at", at)
                .binaries("blob", blob)
                .floatVectors("vector", vector, -1)
                .doubleVectors("point", point, -1)
                .build();
    }

    private static void checkLength(String column, int length, int rows) {
        if (length != rows) {
            throw new ArrowPayloadException("column '" + column + "' has " + length +
                    " values, but the table has " + rows + " rows");
        }
    }
}
