package dev.procwire.runtime.internal.transport;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.newsclub.net.unix.AFUNIXSocket;
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
 * Its public API reads credentials only through a socket object it owns, and closing such an object
 * shuts the connection down, even one made on a duplicate descriptor ({@code JunixsocketPublicApiTest}
 * shows it), while its cleaner would close the descriptor whenever it is collected. So this calls the
 * library's credential read on a borrowed {@link FileDescriptor} directly, found reflectively once at
 * load time. That is tied to the junixsocket version the build pins ({@code PeerIdentifierTest} fails
 * if an upgrade changes it); if the lookup fails, process ids are reported unavailable and the peer
 * check falls back to the user check, as on platforms without the library.
 */
final class NativePeerPid {
    private NativePeerPid() {}

    /** How long the first connection waits for the native library. */
    static final long LOAD_WAIT_MILLIS = 10_000;

    private static final Object LOCK = new Object();
    private static CompletableFuture<String> loading; // null: not started; completes with null or a problem
    private static volatile Method peerCredentials; // NativeUnixSocket.peerCredentials(FileDescriptor, creds)
    private static volatile Constructor<AFUNIXSocketCredentials> newCredentials;

    /** Starts loading the native library in the background (once per process). */
    static void preload() {
        synchronized (LOCK) {
            if (loading != null) {
                return;
            }
            CompletableFuture<String> f = new CompletableFuture<>();
            loading = f;
            Thread t = new Thread(() -> f.complete(load()), "procwire-native-load");
            t.setDaemon(true);
            t.start();
        }
    }

    private static String load() {
        try {
            if (!AFUNIXSocket.isSupported()) {
                return "junixsocket's native library is not available on this platform";
            }
            Class<?> nativeSocket = Class.forName("org.newsclub.net.unix.NativeUnixSocket", true,
                    AFUNIXSocket.class.getClassLoader());
            Method m = nativeSocket.getDeclaredMethod("peerCredentials", FileDescriptor.class, AFUNIXSocketCredentials.class);
            m.setAccessible(true);
            Constructor<AFUNIXSocketCredentials> c = AFUNIXSocketCredentials.class.getDeclaredConstructor();
            c.setAccessible(true);
            newCredentials = c;
            peerCredentials = m;
            return null;
        } catch (Throwable t) { // LinkageError, a changed junixsocket, or native access refused by the JVM
            return "junixsocket could not be used: " + t;
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
        Method m = peerCredentials;
        if (m == null) {
            throw new IOException("junixsocket is not loaded");
        }
        FileDescriptor borrowed = FileDescriptorCast.unsafeUsing(fd).getFileDescriptor();
        AFUNIXSocketCredentials c;
        try {
            c = (AFUNIXSocketCredentials) m.invoke(null, borrowed, newCredentials.newInstance());
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        } catch (ReflectiveOperationException e) {
            throw new IOException(e.toString(), e);
        }
        if (c == null) {
            throw new IOException("no peer credentials");
        }
        return new long[] {c.getPid(), c.getUid()};
    }
}
