package dev.procwire.runtime.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The platform-thread pool (JDK 17–20, or virtual threads turned off): its threads do not outstay the work. */
class HandlerExecutorsTest {

    @Test
    void anIdleHandlerThreadEndsSoonAfterItsLastTask() throws Exception {
        ExecutorService pool = HandlerExecutors.create(false);
        try {
            Thread t = threadOf(pool);
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), "the idle handler thread " + t.getName() + " still runs");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTaskAfterTheIdleThreadEndedRunsOnANewOne() throws Exception {
        ExecutorService pool = HandlerExecutors.create(false);
        try {
            Thread first = threadOf(pool);
            first.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(first.isAlive(), "the first handler thread ended");
            Thread second = threadOf(pool);
            assertNotSame(first, second);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The thread a task runs on. */
    private static Thread threadOf(ExecutorService pool) throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        pool.execute(() -> ran.complete(Thread.currentThread()));
        return ran.get(10, TimeUnit.SECONDS);
    }
}
