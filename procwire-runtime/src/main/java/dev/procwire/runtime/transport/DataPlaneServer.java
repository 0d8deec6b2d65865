package dev.procwire.runtime.transport;

import dev.procwire.runtime.Log;
import dev.procwire.runtime.frame.Frame;
import dev.procwire.runtime.frame.Frames;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data-plane listener. It listens before {@code $init} is sent, adopts exactly one parent
 * connection (with a token, the first that authenticates), then stops listening and removes its
 * socket file, so nobody else can connect.
 */
public final class DataPlaneServer implements Closeable {
    /** The largest auth payload read: the parent's token is 64 hex characters. */
    private static final int MAX_AUTH_PAYLOAD = 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private volatile boolean closed;

    private DataPlaneServer(Path path, ServerSocketChannel server) {
        this.path = path;
        this.server = server;
    }

    /** Removes a stale file at {@code path}, listens there, and makes the socket owner-only. */
    public static DataPlaneServer open(Path path) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path), 8);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                Log.warn("cannot restrict permissions of " + path + ": not a POSIX file system");
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return new DataPlaneServer(path, server);
    }

    public Path path() {
        return path;
    }

    /**
     * Waits for the parent and returns its connection, or {@code null} if the server was closed first.
     * With a {@code token}, a connection is adopted only after its first frame is an auth frame carrying
     * exactly that token; any other connection is closed without serving any of its frames, and the
     * server keeps listening.
     */
    public Connection accept(byte[] token, long maxPayload) {
        AtomicReference<Connection> adopted = new AtomicReference<>();
        while (!closed) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    Log.error("data-plane accept failed", e);
                }
                break;
            }
            Connection candidate = new Connection(ch, maxPayload);
            if (token == null) {
                stopListening();
                return candidate;
            }
            Thread verifier = new Thread(() -> verify(candidate, token, maxPayload, adopted), "procwire-auth");
            verifier.setDaemon(true);
            verifier.start();
        }
        return adopted.get();
    }

    private void verify(Connection candidate, byte[] token, long maxPayload, AtomicReference<Connection> adopted) {
        boolean ok = false;
        try {
            candidate.setMaxPayload(MAX_AUTH_PAYLOAD); // an unauthenticated peer gets no large buffer
            Frame first = candidate.readFrame();
            ok = first != null
                    && first.methodId() == Frames.AUTH_METHOD_ID
                    && MessageDigest.isEqual(first.payload(), token);
        } catch (IOException e) {
            ok = false;
        }
        if (ok && adopted.compareAndSet(null, candidate)) {
            candidate.setMaxPayload(maxPayload);
            stopListening(); // wakes the accept loop, which returns the adopted connection
            return;
        }
        Log.warn("data-plane connection rejected: " + (ok ? "another parent was adopted first" : "no valid auth frame"));
        candidate.close();
    }

    /** Closes the listener and removes the socket file; an adopted connection stays open. */
    private void stopListening() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            Log.warn("could not remove socket file " + path + ": " + e.getMessage());
        }
    }

    /** Token bytes as the parent sends them (UTF-8 of the hex string). */
    public static byte[] tokenBytes(String token) {
        return token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stopListening();
    }
}
