package dev.procwire.runtime.arrow;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.LargeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.validate.ValidateVectorBufferVisitor;
import org.apache.arrow.vector.validate.ValidateVectorDataVisitor;
import org.apache.arrow.vector.validate.ValidateVectorTypeVisitor;

/**
 * Arrow's own full check of a vector read from a stream ({@code ValueVectorUtility.validateFull}): its
 * type, its buffers' sizes for its value count, its contents (offsets in order and in bounds, UTF-8) —
 * with three repairs for Arrow 19, whose checker refuses every valid Float16 vector ("Unknown type for
 * fixed width vector"), fails on every fixed-size list (it asks one for the offset buffer it does not
 * have), and lets a negative first offset through.
 */
final class VectorValidation {
    private VectorValidation() {}

    /** @throws ArrowPayloadException naming {@code what} (a column, or its dictionary) */
    static void validate(FieldVector v, String what) {
        try {
            v.accept(new TypeCheck(), null);
            v.accept(new ValidateVectorBufferVisitor(), null);
            v.accept(new DataCheck(), null);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null || e.getMessage().isEmpty() ? e.getClass().getSimpleName() : e.getMessage();
            throw new ArrowPayloadException(what + " is not valid Arrow data: " + m, e);
        }
    }

    private static final class TypeCheck extends ValidateVectorTypeVisitor {
        @Override
        public Void visit(BaseFixedWidthVector vector, Void value) {
            if (vector instanceof Float2Vector) {
                if (!(vector.getField().getType() instanceof ArrowType.FloatingPoint fp)
                        || fp.getPrecision() != FloatingPointPrecision.HALF) {
                    throw new IllegalArgumentException("a Float16 vector of type " + vector.getField().getType());
                }
                return null;
            }
            return super.visit(vector, value);
        }
    }

    private static final class DataCheck extends ValidateVectorDataVisitor {
        @Override
        public Void visit(BaseVariableWidthVector vector, Void value) {
            firstOffset(vector, vector.getValueCount() == 0 ? 0 : vector.getOffsetBuffer().getInt(0));
            return super.visit(vector, value);
        }

        @Override
        public Void visit(BaseLargeVariableWidthVector vector, Void value) {
            firstOffset(vector, vector.getValueCount() == 0 ? 0 : vector.getOffsetBuffer().getLong(0));
            return super.visit(vector, value);
        }

        @Override
        public Void visit(ListVector vector, Void value) {
            firstOffset(vector, vector.getValueCount() == 0 ? 0 : vector.getOffsetBuffer().getInt(0));
            return super.visit(vector, value);
        }

        @Override
        public Void visit(LargeListVector vector, Void value) {
            firstOffset(vector, vector.getValueCount() == 0 ? 0 : vector.getOffsetBuffer().getLong(0));
            return super.visit(vector, value);
        }

        /** Arrow 19 checks that offsets ascend, and that the last is in bounds, but not the first. */
        private static void firstOffset(FieldVector vector, long first) {
            if (first < 0) {
                throw new IllegalArgumentException("the first offset of " + vector.getName() + " is " + first);
            }
        }

        @Override
        public Void visit(FixedSizeListVector vector, Void value) {
            FieldVector elements = vector.getDataVector();
            if (elements != null) {
                elements.accept(this, null);
            }
            return null;
        }
    }
}
