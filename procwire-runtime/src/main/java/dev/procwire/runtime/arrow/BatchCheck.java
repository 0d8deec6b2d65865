package dev.procwire.runtime.arrow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
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
 * <p>One exception, as apache-arrow writes and reads them: a field whose node says every value is null
 * (a column {@code new Table({...})} pads, or one from {@code makeData} with only a null count) may come
 * with empty data and offset buffers, and its children with no values at all (a fixed-size list's
 * elements). Nothing reads those values, but Arrow Java's vectors and the worker's readers take a
 * vector's buffers to be as large as its value count says; so such a field is loaded with zero-filled
 * buffers in place of the empty ones ({@link #check} returns the batch to load), and such a child with
 * as many null values as its parent reaches. Every other field needs all its buffers, as before.
 *
 * <p>The check walks the fields depth-first, as the loader does, taking one node and
 * {@link TypeLayout#getTypeBufferCount} buffers per field. Types whose layout this does not follow
 * (unions, run-end encoded, views) are refused; so are compressed bodies (the worker has no codec).
 */
final class BatchCheck {
    private final Iterator<ArrowFieldNode> nodes;
    private final Iterator<ArrowBuf> buffers;
    /** The nodes the loader is to see: the batch's own, or a widened one for a child with no values. */
    private final List<ArrowFieldNode> loadNodes = new ArrayList<>();
    /** The buffers the loader is to see: the batch's own, or zeros in place of an all-null field's empty ones. */
    private final List<Load> loadBuffers = new ArrayList<>();
    private boolean filled;

    /** A buffer to load: {@code buffer} itself, or, when it is {@code null}, {@code zeros} zero bytes. */
    private record Load(ArrowBuf buffer, long zeros) {}

    private BatchCheck(ArrowRecordBatch batch) {
        this.nodes = batch.getNodes().iterator();
        this.buffers = batch.getBuffers().iterator();
    }

    /**
     * Checks {@code batch} and returns the batch Arrow is to load: {@code batch} itself, or, where an
     * all-null field left buffers out, a new batch with zero-filled buffers from {@code allocator} in
     * their place and {@code batch}'s other buffers (each with a reference of its own). The caller closes
     * {@code batch} either way, and the new batch too.
     *
     * @throws ArrowPayloadException naming the column at fault ({@code what} names the batch)
     * @throws org.apache.arrow.memory.OutOfMemoryException the zeros do not fit in {@code allocator}
     */
    static ArrowRecordBatch check(List<Field> fields, ArrowRecordBatch batch, String what, BufferAllocator allocator) {
        if (batch.getBodyCompression().getCodec() != CompressionUtil.CodecType.NO_COMPRESSION.getType()) {
            throw new ArrowPayloadException(what + " is compressed, which the worker does not read: send it uncompressed");
        }
        if (batch.getLength() < 0) {
            throw new ArrowPayloadException(what + " claims " + batch.getLength() + " rows");
        }
        BatchCheck c = new BatchCheck(batch);
        for (Field f : fields) {
            c.field(f, f.getName(), batch.getLength(), false);
        }
        if (c.nodes.hasNext() || c.buffers.hasNext()) {
            throw new ArrowPayloadException(what + " has more field nodes or buffers than its schema has fields");
        }
        return c.filled ? c.filledBatch(batch.getLength(), allocator) : batch;
    }

    /**
     * Checks {@code f}'s node and buffers, then its children's; {@code needed}: the values its parent
     * reaches, none of them read when {@code unread} (the parent is all null, or an ancestor is).
     */
    private void field(Field f, String column, long needed, boolean unread) {
        ArrowType type = f.getType();
        switch (type.getTypeID()) {
            case Union, RunEndEncoded, Utf8View, BinaryView, ListView, LargeListView -> throw new ArrowPayloadException(
                    "column '" + column + "' is " + ArrowTypeNames.of(f) + ", which the worker does not read");
            default -> { }
        }
        ArrowFieldNode node = node(column, needed, unread);
        long length = node.getLength();
        Offsets offsets;
        if (length < needed) { // an all-null child of values nothing reads: as many nulls as needed, all zeros
            node = new ArrowFieldNode(needed, needed);
            loadNodes.add(node);
            offsets = zeros(type, column, needed);
        } else {
            loadNodes.add(node);
            offsets = buffers(type, column, length, node.getNullCount());
        }
        if (!f.getChildren().isEmpty()) {
            children(f, column, node.getLength(), offsets, unread || node.getNullCount() == node.getLength());
        }
    }

    /**
     * The field's node, checked against the values its parent reaches: it may hold fewer only when none of
     * them is read ({@code unread}) and it says all of its own are null (as a node of none does).
     */
    private ArrowFieldNode node(String column, long needed, boolean unread) {
        if (!nodes.hasNext()) {
            throw new ArrowPayloadException("column '" + column + "' has no field node in its batch");
        }
        ArrowFieldNode node = nodes.next();
        long length = node.getLength();
        long nulls = node.getNullCount();
        if (length < 0 || nulls < 0 || nulls > length) {
            throw new ArrowPayloadException("column '" + column + "' claims " + length + " values of which " + nulls + " null");
        }
        if (length < needed && !(unread && nulls == length)) {
            throw new ArrowPayloadException("column '" + column + "' has " + length + " values where " + needed + " are needed");
        }
        return node;
    }

    /**
     * The offsets buffer of a list or variable-width field, and the bytes of one offset; {@code buffer}
     * {@code null}: all zeros (every row empty).
     */
    private record Offsets(ArrowBuf buffer, int width) {}

    /**
     * Takes the field's buffers, each checked to hold {@code length} values (an all-null field's empty
     * data and offset buffers are loaded as zeros); returns its offsets, if any.
     */
    private Offsets buffers(ArrowType type, String column, long length, long nulls) {
        Offsets offsets = null;
        for (BufferLayout layout : TypeLayout.getTypeLayout(type).getBufferLayouts()) {
            ArrowBuf buffer = nextBuffer(column);
            long size = buffer.capacity();
            long required = required(layout, type, length);
            boolean zeros = false;
            if (layout.getType() == BufferLayout.BufferType.VALIDITY && size == 0 && (nulls == 0 || nulls == length)) {
                required = 0; // the loader makes the validity buffer itself, all set or all clear
            } else if (size == 0 && nulls == length && required > 0) {
                zeros = true; // all null: what the buffer would hold is never read
            } else if (size < required) {
                String name = layout.getType().getName();
                throw new ArrowPayloadException("column '" + column + "' has " + (startsWithVowel(name) ? "an " : "a ")
                        + name + " buffer of " + size + " bytes for " + length + " values, which need " + required);
            }
            loadBuffers.add(zeros ? new Load(null, required) : new Load(buffer, 0));
            filled |= zeros;
            if (layout.getType() == BufferLayout.BufferType.OFFSET) {
                offsets = new Offsets(zeros ? null : buffer, layout.getTypeBitWidth() / 8);
            }
        }
        return offsets;
    }

    /**
     * Takes the field's buffers and loads zeros in their place, for {@code length} null values; returns
     * its offsets, if any.
     */
    private Offsets zeros(ArrowType type, String column, long length) {
        Offsets offsets = null;
        for (BufferLayout layout : TypeLayout.getTypeLayout(type).getBufferLayouts()) {
            nextBuffer(column);
            loadBuffers.add(new Load(null, required(layout, type, length)));
            filled = true;
            if (layout.getType() == BufferLayout.BufferType.OFFSET) {
                offsets = new Offsets(null, layout.getTypeBitWidth() / 8);
            }
        }
        return offsets;
    }

    private ArrowBuf nextBuffer(String column) {
        if (!buffers.hasNext()) {
            throw new ArrowPayloadException("column '" + column + "' lacks buffers in its batch");
        }
        return buffers.next();
    }

    /** The bytes a buffer of {@code layout} needs for {@code length} values, validity bits included. */
    private static long required(BufferLayout layout, ArrowType type, long length) {
        return switch (layout.getType()) {
            case VALIDITY -> (length + 7) / 8;
            case OFFSET -> length == 0 ? 0 : (length + 1) * (layout.getTypeBitWidth() / 8);
            case DATA -> variableWidth(type) ? 0 : (length * layout.getTypeBitWidth() + 7) / 8;
            default -> 0;
        };
    }

    private static boolean startsWithVowel(String word) {
        return !word.isEmpty() && "AEIOUaeiou".indexOf(word.charAt(0)) >= 0;
    }

    /**
     * Checks the children of {@code f}, a field of {@code length} values, with the values it reaches in
     * them; {@code unread}: none of those is read.
     */
    private void children(Field f, String column, long length, Offsets offsets, boolean unread) {
        ArrowType type = f.getType();
        long childNeeded = switch (type.getTypeID()) {
            case FixedSizeList -> length * ((ArrowType.FixedSizeList) type).getListSize();
            case List, LargeList, Map -> length == 0 || offsets == null || offsets.buffer() == null ? 0
                    : offsets.width() == 8 ? offsets.buffer().getLong(length * 8) : offsets.buffer().getInt(length * 4);
            default -> length; // a struct's children have its rows
        };
        if (childNeeded < 0 || childNeeded > Integer.MAX_VALUE) {
            throw new ArrowPayloadException("column '" + column + "' reaches " + childNeeded + " child values");
        }
        for (Field child : f.getChildren()) {
            field(child, column + "." + child.getName(), childNeeded, unread);
        }
    }

    /** The batch to load: the nodes and buffers checked, with zero-filled buffers allocated where they go. */
    private ArrowRecordBatch filledBatch(int length, BufferAllocator allocator) {
        List<ArrowBuf> zeros = new ArrayList<>();
        try {
            List<ArrowBuf> load = new ArrayList<>(loadBuffers.size());
            for (Load l : loadBuffers) {
                if (l.buffer() != null) {
                    load.add(l.buffer());
                } else {
                    ArrowBuf z = allocator.buffer(l.zeros());
                    zeros.add(z);
                    z.setZero(0, z.capacity());
                    load.add(z);
                }
            }
            return new ArrowRecordBatch(length, loadNodes, load); // each buffer retained: the batch's own reference
        } finally {
            zeros.forEach(ArrowBuf::close);
        }
    }

    private static boolean variableWidth(ArrowType type) {
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Binary, LargeBinary -> true;
            default -> false;
        };
    }
}
