package dev.procwire.runtime.internal.frame;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer's native memory now, rather than when the garbage collector finds the buffer
 * unreachable. A pooled buffer lives long enough to reach the old generation, which the serial
 * collector of an idle worker may not collect for hours: without this, memory given up by the pool
 * would stay resident. Uses {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported}),
 * looked up once; where it is missing, {@link #free} only drops the buffer and leaves it to the
 * collector.
 */
final class DirectMemory {
    private DirectMemory() {}

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invokeCleaner = null;
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field f = unsafeClass.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            invokeCleaner = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            invokeCleaner = null; // not on this JVM: the collector frees dropped buffers
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invokeCleaner;
    }

    /**
     * Frees {@code buffer}'s memory at once. Nothing may use the buffer, or any view of it, afterwards:
     * the memory may be unmapped. Must be a buffer from {@link ByteBuffer#allocateDirect}, not a view.
     *
     * @return whether it was freed now (otherwise the collector frees it once it is unreachable)
     */
    static boolean free(ByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return false;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
