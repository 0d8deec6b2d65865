package dev.procwire.runtime.arrow;

import dev.procwire.runtime.internal.memory.IdleBlocks;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.AllocationManager;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.ReferenceManager;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * The root allocator's allocation managers: large blocks are kept for a while after Arrow frees them;
 * small ones are what Arrow's own (arrow-memory-unsafe's) would give, {@code malloc}'s memory, freed
 * when Arrow frees it. (Arrow's manager itself cannot be named here: its module exports it only to
 * Arrow.)
 *
 * <p>Why: a large table (100,000 rows of 384 floats is one 154 MB buffer) takes fresh memory from
 * {@code malloc} on every call, which maps it anew for a block this large and unmaps it when the table
 * is closed, so each call pays a page fault for every 4 KiB it writes — most of the worker's CPU for
 * such a call. A block kept here is already mapped and resident, and is handed to the next allocation
 * of about its size.
 *
 * <p>Blocks of at least {@link #MIN_KEPT_BYTES} are kept, at most {@link #MAX_KEPT_BYTES} in total, each
 * freed once nobody took it for {@link #KEEP_NANOS}, by a thread ({@code procwire-arrow-release}) that
 * runs only while blocks are kept: the payload pool's policy ({@link IdleBlocks}). Arrow's accounting
 * is untouched: a kept block is free as far as Arrow knows (the allocator's limits, its allocated
 * memory and its leak check count only blocks in use), and a block in use is accounted at the size
 * asked for, never at the larger capacity of a kept block it may be given.
 */
final class LargeBlocks implements AllocationManager.Factory {
    /**
     * Blocks this large or larger are kept. Smaller ones are left to {@code malloc}, whose heap soon
     * serves them again without new mappings; from 32 MiB on it maps and unmaps every block, and an
     * 8 MiB block costs two thousand page faults each time it is fresh.
     */
    static final long MIN_KEPT_BYTES = 8L << 20;
    /**
     * Bytes kept at most: room for the largest buffer of a table as large as the {@code embeddings}
     * contract method's (154 MB of vectors) with a hundred MiB to spare for other columns, so a worker
     * answering such tables call after call reuses them all; but not for two such tables: larger or
     * concurrent tables take fresh memory as before, rather than the worker holding their peak for a
     * second after every burst.
     */
    static final long MAX_KEPT_BYTES = 256L << 20;
    /** How long a block is kept for the next allocation: the payload pool's keep time. */
    static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** A block of native memory, from {@code malloc}. */
    private record Block(long address, long capacity) {}

    /** Arrow's buffer of no bytes, as arrow-memory-unsafe makes it. */
    private static final ArrowBuf EMPTY = new ArrowBuf(ReferenceManager.NO_OP, null, 0, MemoryUtil.allocateMemory(0));

    private final IdleBlocks<Block> kept;
    private final AtomicLong nativeBytes = new AtomicLong(); // large blocks in use or kept

    LargeBlocks() {
        this(MAX_KEPT_BYTES);
    }

    LargeBlocks(long maxKeptBytes) {
        kept = new IdleBlocks<>("procwire-arrow-release", maxKeptBytes, KEEP_NANOS, Block::capacity, this::free);
    }

    @Override
    public AllocationManager create(BufferAllocator accounting, long size) {
        if (size < MIN_KEPT_BYTES) {
            return new Lent(accounting, new Block(MemoryUtil.allocateMemory(size), size), size, false);
        }
        // A kept block up to a quarter larger: what a table really holds stays close to what Arrow counts.
        Block b = kept.take(size, size + size / 4);
        if (b == null) {
            b = new Block(MemoryUtil.allocateMemory(size), size);
            nativeBytes.addAndGet(size);
        }
        return new Lent(accounting, b, size, true);
    }

    @Override
    public ArrowBuf empty() {
        return EMPTY;
    }

    private void free(Block b) {
        MemoryUtil.freeMemory(b.address());
        nativeBytes.addAndGet(-b.capacity());
    }

    /** Sets how long blocks are kept, from now on (tests). */
    void keepFor(long nanos) {
        kept.keepIdleFor(nanos);
    }

    /** Bytes kept for reuse now (tests). */
    long keptBytes() {
        return kept.idleBytes();
    }

    /** Native bytes of large blocks, in use or kept (tests). */
    long nativeBytes() {
        return nativeBytes.get();
    }

    /** A block lent to Arrow for one buffer's life: kept (when large), or freed, when Arrow releases it. */
    private final class Lent extends AllocationManager {
        private final Block block;
        private final long size;
        private final boolean large;

        Lent(BufferAllocator accounting, Block block, long size, boolean large) {
            super(accounting);
            this.block = block;
            this.size = size;
            this.large = large;
        }

        @Override
        public long getSize() {
            return size; // what the allocator accounted: it releases exactly this
        }

        @Override
        protected long memoryAddress() {
            return block.address();
        }

        @Override
        protected void release0() {
            if (!large) {
                MemoryUtil.freeMemory(block.address());
            } else if (!kept.keep(block)) {
                free(block);
            }
        }
    }
}
