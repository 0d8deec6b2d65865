package dev.procwire.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool gives back what a burst of large payloads left idle, and keeps no thread once it has. */
class DirectPayloadsTest {
    private static final int SIZE = 4 << 20;

    @AfterEach
    void restoreKeepTime() {
        DirectPayloads.keepIdleFor(DirectPayloads.KEEP_IDLE_NANOS);
    }

    @Test
    void anIdleBufferIsFreedOnceNobodyTookItForTheKeepTime() throws InterruptedException {
        DirectPayloads.keepIdleFor(TimeUnit.HOURS.toNanos(1));
        PooledPayload p = DirectPayloads.take(SIZE);
        ByteBuffer buffer = p.buffer(); // held here to the end: the collector cannot be what frees it
        long directBefore = settledDirectMemoryUsed();
        p.release();
        assertTrue(DirectPayloads.isIdle(buffer), "kept for the next payload at first");
        DirectPayloads.keepIdleFor(TimeUnit.MILLISECONDS.toNanos(20));
        awaitTrue(() -> !DirectPayloads.isIdle(buffer), "the idle buffer leaves the pool after the keep time");
        awaitTrue(() -> directMemoryUsed() <= directBefore - SIZE,
                "its native memory is freed at once, not when the collector finds it (direct memory used: "
                        + directMemoryUsed() + " bytes, was " + directBefore + ")");
        assertTrue(buffer.isDirect());
    }

    @Test
    void noReleaseThreadRunsOnceNothingWaitsInThePool() throws InterruptedException {
        DirectPayloads.keepIdleFor(TimeUnit.MILLISECONDS.toNanos(20));
        DirectPayloads.take(SIZE).release();
        awaitTrue(() -> DirectPayloads.idleBytes() == 0, "the pool empties after the keep time");
        awaitTrue(() -> !releaseThreadAlive(), "the release thread ends with the last idle buffer");
        assertEquals(0, DirectPayloads.idleBytes());
        assertFalse(releaseThreadAlive());
    }

    private static boolean releaseThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("procwire-payload-release") && t.isAlive());
    }

    /** Direct memory in use once the garbage of earlier tests has been collected and freed. */
    private static long settledDirectMemoryUsed() throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            System.gc();
            Thread.sleep(50);
            long now = directMemoryUsed();
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static long directMemoryUsed() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow().getMemoryUsed();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }
}
