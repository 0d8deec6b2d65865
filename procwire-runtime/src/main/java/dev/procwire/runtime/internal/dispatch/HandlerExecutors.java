package dev.procwire.runtime.internal.dispatch;

import dev.procwire.runtime.internal.Log;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor handlers run on: one virtual thread per request where the JVM has them (21+), else a
 * pool of daemon platform threads. Looked up once at start-up, never on the request path.
 */
public final class HandlerExecutors {
    private HandlerExecutors() {}

    /** Platform threads in the fallback pool. */
    static final int PLATFORM_THREADS = Math.max(16, Runtime.getRuntime().availableProcessors() * 8);

    /**
     * How long a platform thread of the pool waits for work before it ends. Short: an idle thread keeps
     * its stack and the JDK's temporary direct buffer for socket writes, and a burst of concurrent calls
     * starts up to {@link #PLATFORM_THREADS} of them; starting one again costs far less than a
     * millisecond.
     */
    static final long PLATFORM_KEEP_ALIVE_MILLIS = 1_000;

    /**
     * The best executor this JVM offers. Virtual threads run on the JVM's carrier pool as it is
     * configured: its size is a JVM-wide setting, read once when the first virtual thread starts, so it
     * is for the owner of the process to choose ({@code Procwire.serve} widens it), never set here.
     */
    public static ExecutorService create(boolean preferVirtual) {
        if (preferVirtual) {
            ExecutorService virtual = virtualThreadPerTask();
            if (virtual != null) {
                return virtual;
            }
        }
        return platformPool();
    }

    private static ExecutorService virtualThreadPerTask() {
        try {
            MethodHandle factory = MethodHandles.publicLookup().findStatic(
                    Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
            return (ExecutorService) factory.invokeExact();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // JDK 17–20
        } catch (Throwable t) {
            Log.warn("virtual threads unavailable, using platform threads: " + t);
            return null;
        }
    }

    private static ExecutorService platformPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "procwire-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // All threads are core threads that time out when idle; the queue holds what waits for one.
        // The dispatcher's in-flight limit bounds the queue.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(PLATFORM_THREADS, PLATFORM_THREADS, PLATFORM_KEEP_ALIVE_MILLIS,
                TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), tf);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
