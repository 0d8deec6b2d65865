package dev.procwire.runtime.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Arrow's large blocks are kept for the next allocation of about their size, within a bound, and freed
 * once nobody took them for the keep time; Arrow's accounting does not see them while they are kept.
 */
class LargeBlocksTest {
    private static final long MIB = 1 << 20;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** A root allocator over {@code blocks}, closed (and so checked for leaks) after the test. */
    private BufferAllocator allocatorOver(LargeBlocks blocks, long limit) {
        RootAllocator a = new RootAllocator(RootAllocator.configBuilder()
                .allocationManagerFactory(blocks).maxAllocation(limit).build());
        toClose.add(a);
        return a;
    }

    private BufferAllocator allocatorOver(LargeBlocks blocks) {
        return allocatorOver(blocks, Long.MAX_VALUE);
    }

    @Test
    void aFreedLargeBlockIsLentToTheNextAllocationOfItsSize() {
        LargeBlocks blocks = new LargeBlocks();
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        BufferAllocator a = allocatorOver(blocks);
        long address;
        try (ArrowBuf b = a.buffer(8 * MIB)) {
            address = b.memoryAddress();
        }
        assertEquals(8 * MIB, blocks.keptBytes(), "kept once Arrow freed it");
        try (ArrowBuf b = a.buffer(8 * MIB)) {
            assertEquals(address, b.memoryAddress(), "the kept block, not fresh memory");
            assertEquals(0, blocks.keptBytes());
        }
        assertEquals(8 * MIB, blocks.nativeBytes(), "one block in all");
    }

    @Test
    void theProcessAllocatorKeepsLargeBlocks() {
        LargeBlocks blocks = ArrowSupport.largeBlocks();
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        try {
            long before = blocks.keptBytes();
            ArrowPayloads.allocator().buffer(16 * MIB).close();
            assertTrue(blocks.keptBytes() >= Math.min(before + 16 * MIB, LargeBlocks.MAX_KEPT_BYTES),
                    "kept: " + blocks.keptBytes());
            assertEquals(0, ArrowPayloads.allocator().getAllocatedMemory());
        } finally {
            blocks.keepFor(LargeBlocks.KEEP_NANOS);
        }
    }

    @Test
    void aSmallBlockIsLeftToArrowsOwnAllocationManager() {
        LargeBlocks blocks = new LargeBlocks();
        BufferAllocator a = allocatorOver(blocks);
        try (ArrowBuf b = a.buffer(LargeBlocks.MIN_KEPT_BYTES / 2)) {
            assertEquals(LargeBlocks.MIN_KEPT_BYTES / 2, a.getAllocatedMemory());
            assertEquals(0, blocks.nativeBytes());
        }
        assertEquals(0, blocks.keptBytes());
    }

    @Test
    void aKeptBlockIsFreedOnceNobodyTookItForTheKeepTime() throws InterruptedException {
        LargeBlocks blocks = new LargeBlocks();
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        allocatorOver(blocks).buffer(8 * MIB).close();
        assertEquals(8 * MIB, blocks.keptBytes(), "kept for the next allocation at first");
        blocks.keepFor(TimeUnit.MILLISECONDS.toNanos(20));
        awaitTrue(() -> blocks.nativeBytes() == 0, "the block's memory is freed after the keep time");
        assertEquals(0, blocks.keptBytes());
    }

    @Test
    void noMoreThanTheBoundIsKept() {
        LargeBlocks blocks = new LargeBlocks(24 * MIB);
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        BufferAllocator a = allocatorOver(blocks);
        List<ArrowBuf> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(a.buffer(8 * MIB));
        }
        four.forEach(ArrowBuf::close);
        assertEquals(24 * MIB, blocks.keptBytes());
        assertEquals(24 * MIB, blocks.nativeBytes(), "the fourth block freed at once");
    }

    @Test
    void aKeptBlockMuchLargerThanAskedForIsNotLent() {
        LargeBlocks blocks = new LargeBlocks();
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        BufferAllocator a = allocatorOver(blocks);
        a.buffer(16 * MIB).close();
        try (ArrowBuf b = a.buffer(8 * MIB)) {
            assertEquals(16 * MIB, blocks.keptBytes(), "twice the size asked for: kept for a larger one");
            assertEquals(24 * MIB, blocks.nativeBytes());
        }
    }

    @Test
    void aLentBlockIsAccountedAtTheSizeAskedForAndLimitsStillHold() {
        LargeBlocks blocks = new LargeBlocks();
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        BufferAllocator a = allocatorOver(blocks, 20 * MIB);
        a.buffer(20 * MIB).close();
        try (ArrowBuf b = a.buffer(18 * MIB)) {
            assertEquals(0, blocks.keptBytes(), "the kept 20 MiB block is lent for 18 MiB");
            assertEquals(18 * MIB, b.capacity());
            assertEquals(18 * MIB, a.getAllocatedMemory());
            assertThrows(OutOfMemoryException.class, () -> a.buffer(8 * MIB), "the allocator's limit");
        }
        assertEquals(0, a.getAllocatedMemory());
    }

    @Test
    void nothingIsAllocatedOnceTheBuffersAreClosed() throws InterruptedException {
        LargeBlocks blocks = new LargeBlocks();
        blocks.keepFor(TimeUnit.HOURS.toNanos(1));
        RootAllocator a = new RootAllocator(RootAllocator.configBuilder().allocationManagerFactory(blocks).build());
        BufferAllocator child = a.newChildAllocator("call", 0, Long.MAX_VALUE);
        child.buffer(8 * MIB).close();
        child.buffer(32 * MIB).close();
        child.buffer(MIB).close();
        assertEquals(40 * MIB, blocks.keptBytes());
        assertEquals(0, child.getAllocatedMemory());
        assertEquals(0, a.getAllocatedMemory());
        child.close();
        a.close(); // throws if Arrow counts a kept block as a leak
        blocks.keepFor(TimeUnit.MILLISECONDS.toNanos(20));
        awaitTrue(() -> blocks.nativeBytes() == 0, "the kept blocks are freed after the keep time");
    }

    @Test
    void concurrentAllocationsNeverShareABlock() throws Exception {
        LargeBlocks blocks = new LargeBlocks(32 * MIB);
        BufferAllocator a = allocatorOver(blocks);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = 13 + t;
                runs.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    long[] sizes = {MIB, 8 * MIB, 10 * MIB, 16 * MIB, 18 * MIB};
                    for (int i = 0; i < 200; i++) {
                        long tag = seed << 32 | i;
                        try (ArrowBuf b = a.buffer(sizes[random.nextInt(sizes.length)])) {
                            b.setLong(0, tag);
                            b.setLong(b.capacity() - 8, tag);
                            Thread.yield();
                            assertEquals(tag, b.getLong(0), "another allocation wrote into this block");
                            assertEquals(tag, b.getLong(b.capacity() - 8), "another allocation wrote into this block");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, a.getAllocatedMemory());
        assertTrue(blocks.keptBytes() <= 32 * MIB, "kept " + blocks.keptBytes());
        assertEquals(blocks.keptBytes(), blocks.nativeBytes(), "every block not in use is kept or freed");
        assertNotEquals(0, blocks.keptBytes(), "some blocks were kept");
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }
}
