package dev.procwire.runtime.arrow;

import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BufferLayout;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Checks a record batch against its fields before Arrow loads it: every field has its node, its buffers
 * are large enough for the values the node claims, and a child holds the values its parent's rows
 * reach. Arrow's loader otherwise grows a vector whose buffers are too small, and Arrow 19 fails midway
 * through growing it, leaving the memory it had allocated unreachable: a leak per broken batch.
 *
 * <p>The check walks the fields depth-first, as the loader does, taking one node and
 * {@link TypeLayout#getTypeBufferCount} buffers per field. Types whose layout this does not follow
 * (unions, run-end encoded, views) are refused; so are compressed bodies (the worker has no codec).
 */
final class BatchCheck {
    private final Iterator<ArrowFieldNode> nodes;
    private final Iterator<ArrowBuf> buffers;

    private BatchCheck(ArrowRecordBatch batch) {
        this.nodes = batch.getNodes().iterator();
        this.buffers = batch.getBuffers().iterator();
    }

    /** @throws ArrowPayloadException naming the column at fault ({@code what} names the batch) */
    static void check(List<Field> fields, ArrowRecordBatch batch, String what) {
        if (batch.getBodyCompression().getCodec() != CompressionUtil.CodecType.NO_COMPRESSION.getType()) {
            throw new ArrowPayloadException(what + " is compressed, which the worker does not read: send it uncompressed");
        }
        if (batch.getLength() < 0) {
            throw new ArrowPayloadException(what + " claims " + batch.getLength() + " rows");
        }
        BatchCheck c = new BatchCheck(batch);
        for (Field f : fields) {
            c.field(f, f.getName(), batch.getLength());
        }
        if (c.nodes.hasNext() || c.buffers.hasNext()) {
            throw new ArrowPayloadException(what + " has more field nodes or buffers than its schema has fields");
        }
    }

    /** Checks {@code f}'s node and buffers, then its children's; {@code needed}: the values its parent reaches. */
    private void field(Field f, String column, long needed) {
        ArrowType type = f.getType();
        switch (type.getTypeID()) {
            case Union, RunEndEncoded, Utf8View, BinaryView, ListView, LargeListView -> throw new ArrowPayloadException(
                    "column '" + column + "' is " + ArrowTypeNames.of(f) + ", which the worker does not read");
            default -> { }
        }
        ArrowFieldNode node = node(column, needed);
        Offsets offsets = buffers(type, column, node.getLength(), node.getNullCount());
        if (!f.getChildren().isEmpty()) {
            children(f, column, node.getLength(), offsets);
        }
    }

    /** The field's node, checked against the values its parent reaches. */
    private ArrowFieldNode node(String column, long needed) {
        if (!nodes.hasNext()) {
            throw new ArrowPayloadException("column '" + column + "' has no field node in its batch");
        }
        ArrowFieldNode node = nodes.next();
        long length = node.getLength();
        long nulls = node.getNullCount();
        if (length < 0 || nulls < 0 || nulls > length) {
            throw new ArrowPayloadException("column '" + column + "' claims " + length + " values of which " + nulls + " null");
        }
        if (length < needed) {
            throw new ArrowPayloadException("column '" + column + "' has " + length + " values where " + needed + " are needed");
        }
        return node;
    }

    /** The offsets buffer of a list or variable-width field, and the bytes of one offset. */
    private record Offsets(ArrowBuf buffer, int width) {}

    /** Takes the field's buffers, each checked to hold {@code length} values; returns its offsets, if any. */
    private Offsets buffers(ArrowType type, String column, long length, long nulls) {
        Offsets offsets = null;
        for (BufferLayout layout : TypeLayout.getTypeLayout(type).getBufferLayouts()) {
            if (!buffers.hasNext()) {
                throw new ArrowPayloadException("column '" + column + "' lacks buffers in its batch");
            }
            ArrowBuf buffer = buffers.next();
            long size = buffer.capacity();
            long required = switch (layout.getType()) {
                // an absent validity buffer is fine when all or no values are null: the loader makes one
                case VALIDITY -> size == 0 && (nulls == 0 || nulls == length) ? 0 : (length + 7) / 8;
                case OFFSET -> length == 0 ? 0 : (length + 1) * (layout.getTypeBitWidth() / 8);
                case DATA -> variableWidth(type) ? 0 : (length * layout.getTypeBitWidth() + 7) / 8;
                default -> 0;
            };
            if (size < required) {
                throw new ArrowPayloadException("column '" + column + "' has a " + layout.getType().getName() + " buffer of "
                        + size + " bytes for " + length + " values, which need " + required);
            }
            if (layout.getType() == BufferLayout.BufferType.OFFSET) {
                offsets = new Offsets(buffer, layout.getTypeBitWidth() / 8);
            }
        }
        return offsets;
    }

    /** Checks the children of {@code f}, a field of {@code length} values, with the values it reaches in them. */
    private void children(Field f, String column, long length, Offsets offsets) {
        ArrowType type = f.getType();
        long childNeeded = switch (type.getTypeID()) {
            case FixedSizeList -> length * ((ArrowType.FixedSizeList) type).getListSize();
            case List, LargeList, Map -> length == 0 || offsets == null ? 0
                    : offsets.width() == 8 ? offsets.buffer().getLong(length * 8) : offsets.buffer().getInt(length * 4);
            default -> length; // a struct's children have its rows
        };
        if (childNeeded < 0 || childNeeded > Integer.MAX_VALUE) {
            throw new ArrowPayloadException("column '" + column + "' reaches " + childNeeded + " child values");
        }
        for (Field child : f.getChildren()) {
            field(child, column + "." + child.getName(), childNeeded);
        }
    }

    private static boolean variableWidth(ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Binary, LargeBinary -> true;
            default -> false;
        };
    }
}
