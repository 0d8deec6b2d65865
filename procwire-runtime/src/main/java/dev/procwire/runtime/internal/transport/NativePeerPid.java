package dev.procwire.runtime.internal.transport;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketChannel;
import org.newsclub.net.unix.AFUNIXSocketCredentials;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Reads a connected socket's peer process id and user id with junixsocket's native library
 * ({@code SO_PEERCRED}). Loading that library costs tens of milliseconds (it is unpacked from the jar
 * and linked), so it is loaded on a background thread as soon as a listener that needs it opens, and
 * waited for only when the first connection arrives. Every junixsocket type is referenced from this
 * class alone, so a worker that does not check process ids never loads any of them.
 *
 * <p>The socket belongs to the JDK channel; junixsocket must neither own, duplicate nor close it.
 * Closing a junixsocket socket shuts the connection down (even through a duplicated descriptor), so
 * the credentials are read through a view of the borrowed descriptor ({@code FileDescriptorCast} to
 * an {@link AFUNIXSocketChannel}) that is never closed: a cast view does not close its descriptor
 * when collected, and a cast to a channel keeps the socket's blocking mode. If the library cannot
 * load, process ids are reported unavailable and the peer check falls back to the user check, as on
 * platforms without the library.
 */
final class NativePeerPid {
    private NativePeerPid() {}

    /** How long the first connection waits for the native library. */
    static final long LOAD_WAIT_MILLIS = 10_000;

    private static final Object LOCK = new Object();
    private static CompletableFuture<String> loading; // null: not started; completes with null or a problem
    private static volatile boolean loaded;

    /** Starts loading the native library in the background (once per process). */
    static void preload() {
        synchronized (LOCK) {
            if (loading != null) {
                return;
            }
            CompletableFuture<String> f = new CompletableFuture<>();
            loading = f;
            Thread t = new Thread(() -> {
                f.complete(load());
                if (loaded) {
                    prepareReads();
                }
            }, "procwire-native-load");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String load() {
        try {
            if (!AFUNIXSocket.isSupported()) {
                return "junixsocket's native library is not available on this platform";
            }
            loaded = true;
            return null;
        } catch (Throwable t) { // LinkageError, or native access refused by the JVM
            return "junixsocket could not be used: " + t;
        }
    }

    /**
     * Does in the background what the first {@link #read} would otherwise pay for on the accept path
     * (30-70 ms on a busy machine): the first use of {@link FileDescriptorCast} registers every socket
     * type junixsocket knows, and the first socket view loads its classes. It runs after the load has
     * completed, so a connection that arrives meanwhile shares the work instead of waiting for it.
     * {@code /dev/null} is only looked at; the unconnected channel never gets a descriptor (junixsocket
     * creates one on connect).
     */
    private static void prepareReads() {
        try (FileInputStream devNull = new FileInputStream("/dev/null");
                AFUNIXSocketChannel unconnected = AFUNIXSocketChannel.open()) {
            FileDescriptorCast.using(devNull.getFD());
        } catch (IOException | RuntimeException | LinkageError e) {
            // only a head start: the first read does the same work and reports its own failure
        }
    }

    /** Why process ids cannot be read, or {@code null} once the library is loaded and working. */
    static String awaitLoaded() {
        preload();
        CompletableFuture<String> f;
        synchronized (LOCK) {
            f = loading;
        }
        try {
            return f.get(LOAD_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while loading junixsocket";
        } catch (ExecutionException | TimeoutException e) {
            return "junixsocket did not load in time: " + e;
        }
    }

    /**
     * The peer credentials of the connected UNIX socket behind descriptor {@code fd}, as
     * {@code {pid, uid}}; {@link #awaitLoaded()} must have returned {@code null}. The descriptor is
     * only read from, never closed.
     */
    static long[] read(int fd) throws IOException {
        if (!loaded) {
            throw new IOException("junixsocket is not loaded");
        }
        // Deliberately not closed: closing would shut down the JDK channel's connection (see above).
        AFUNIXSocketChannel view = FileDescriptorCast.unsafeUsing(fd).as(AFUNIXSocketChannel.class);
        AFUNIXSocketCredentials c = view.getPeerCredentials();
        if (c == null) {
            throw new IOException("no peer credentials");
        }
        return new long[] {c.getPid(), c.getUid()};
    }
}
