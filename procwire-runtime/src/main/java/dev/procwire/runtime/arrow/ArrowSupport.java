package dev.procwire.runtime.arrow;

import dev.procwire.api.ProcwireException;
import dev.procwire.runtime.internal.Log;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Whether Apache Arrow can run in this JVM, found out once, on the first Arrow call — never at start-up:
 * a worker without Arrow methods loads nothing of Arrow (the class names below are strings, and the
 * allocator sits in a holder class of its own).
 *
 * <p>Three things can be missing, each named with its fix: Arrow itself (the worker's build did not
 * declare it: Arrow is an optional dependency of the runtime), an allocator (arrow-memory-unsafe), or
 * the JVM option that lets Arrow reach the address of a direct buffer: without
 * {@code --add-opens=java.base/java.nio=…} Arrow's static set-up passes, but every IPC read and write
 * then fails in {@code ArrowBuf.nioBuffer()} with "sun.misc.Unsafe or
 * java.nio.DirectByteBuffer.&lt;init&gt;(long, int) not available". Each Arrow call then fails with the
 * same {@link ProcwireException} (an error answer, code {@code INTERNAL}); the problem is logged once.
 */
final class ArrowSupport {
    private ArrowSupport() {}

    /**
     * The JVM option Arrow needs on JDK 17 and later, for where Arrow's memory module is: on the class
     * path, {@code ALL-UNNAMED} (naming the module there makes the JVM warn of an unknown module); on the
     * module path, the module {@code org.apache.arrow.memory.core}.
     */
    static String addOpens() {
        Module arrow = BufferAllocator.class.getModule();
        return "--add-opens=java.base/java.nio=" + (arrow.isNamed() ? arrow.getName() : "ALL-UNNAMED");
    }
    static final String ARTIFACTS = "org.apache.arrow:arrow-vector and org.apache.arrow:arrow-memory-unsafe (19.0.0)";

    private static final Object LOCK = new Object();
    private static volatile boolean checked;
    private static volatile String problem; // null once Arrow is known to work

    /** Throws the reason Arrow cannot run here, if there is one; finds out on the first call. */
    static void require() {
        if (!checked) {
            synchronized (LOCK) {
                if (!checked) {
                    problem = findProblem();
                    checked = true;
                    if (problem != null) {
                        Log.error(problem, null);
                    }
                }
            }
        }
        String p = problem;
        if (p != null) {
            throw new ProcwireException(p, "INTERNAL", null);
        }
    }

    /** The process-wide allocator, once {@link #require()} has passed. */
    static BufferAllocator allocator() {
        require();
        return Root.ALLOCATOR;
    }

    /** The large blocks the process-wide allocator keeps (tests). */
    static LargeBlocks largeBlocks() {
        require();
        return Root.BLOCKS;
    }

    private static String findProblem() {
        ClassLoader loader = ArrowSupport.class.getClassLoader();
        for (String name : new String[] {"org.apache.arrow.vector.VectorSchemaRoot", "org.apache.arrow.memory.BufferAllocator"}) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return "Codec.ARROW needs Apache Arrow Java on the worker's class path (" + name
                        + " is missing): add " + ARTIFACTS + " to the worker's dependencies";
            }
        }
        try {
            return probe();
        } catch (LinkageError e) {
            // RootAllocator's static set-up fails when no allocation manager is on the class path; the
            // cause says which (Arrow's own message names arrow-memory-unsafe and arrow-memory-netty).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "Codec.ARROW cannot allocate Arrow buffers: add org.apache.arrow:arrow-memory-unsafe (19.0.0) to the "
                    + "worker's dependencies (Apache Arrow: " + cause.getMessage() + ")";
        }
    }

    /** Makes the allocator and reads one buffer's address the way every IPC read and write does. */
    private static String probe() {
        BufferAllocator root = Root.ALLOCATOR;
        try (ArrowBuf b = root.buffer(8)) {
            b.nioBuffer(0, 8);
            return null;
        } catch (UnsupportedOperationException e) {
            return "Codec.ARROW needs the JVM option " + addOpens() + " (Apache Arrow reads the address of direct "
                    + "buffers in java.nio): add it to the worker's java command, or \"Add-Opens: java.base/java.nio\" "
                    + "to a runnable jar's manifest";
        }
    }

    /**
     * The holder: its class, and with it Arrow's allocator and the large blocks it keeps, is set up on
     * the first Arrow call only.
     */
    private static final class Root {
        static final LargeBlocks BLOCKS = new LargeBlocks();
        static final BufferAllocator ALLOCATOR = new RootAllocator(
                RootAllocator.configBuilder().allocationManagerFactory(BLOCKS).build());
    }
}
