package golden.arrow;

import dev.procwire.runtime.arrow.ArrowColumns;
import dev.procwire.runtime.arrow.ArrowPayloadException;
import dev.procwire.runtime.arrow.TableBuilder;
import dev.procwire.runtime.codec.InvalidPayloadException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads and writes {@link Signal} as an Arrow table; generated for Procwire service bindings.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Signal_ProcwireArrow {
    private Signal_ProcwireArrow() {
    }

    /**
     * Reads each component from the column of its name; a column of another length than the table
     * is refused, and so is what the record's constructor refuses.
     */
    public static Signal read(VectorSchemaRoot table) {
        int rows = ArrowColumns.rowCount(table);
        float[] samples = ArrowColumns.floats(table, "samples");
        checkLength("samples", samples.length, rows);
        try {
            return new Signal(samples);
        } catch (Exception e) {
            throw InvalidPayloadException.refusedBy("Signal", e);
        }
    }

    /**
     * A table with a column per component, named as the component travels; the caller owns it.
     */
    public static VectorSchemaRoot write(Signal value) {
        return new TableBuilder()
                .floats("samples", value.samples())
                .build();
    }

    /**
     * Reads a record per row, each component from the column of its name; a column of another
     * length than the table is refused, and so is a row the record's constructor refuses.
     */
    public static List<Signal> readRows(VectorSchemaRoot table) {
        int rows = ArrowColumns.rowCount(table);
        List<float[]> samples = ArrowColumns.floatVectors(table, "samples");
        checkLength("samples", samples.size(), rows);
        List<Signal> result = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            try {
                result.add(new Signal(samples.get(i)));
            } catch (Exception e) {
                throw InvalidPayloadException.refusedBy("Signal at row " + i, e);
            }
        }
        return result;
    }

    /**
     * A table with a row per record and a column per component; the caller owns it.
     */
    public static VectorSchemaRoot writeRows(List<? extends Signal> rows) {
        int size = rows.size();
        List<float[]> samples = new ArrayList<>(size);
        int i = 0;
        for (Signal row : rows) {
            if (row == null) {
                throw new IllegalArgumentException("row " + i + " is null: a table has no null rows");
            }
            samples.add(row.samples());
            i++;
        }
        return new TableBuilder()
                .floatVectors("samples", samples, -1)
                .build();
    }

    private static void checkLength(String column, int length, int rows) {
        if (length != rows) {
            throw new ArrowPayloadException("column '" + column + "' has " + length +
                    " values, but the table has " + rows + " rows");
        }
    }
}
