package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.WorkerOptions.PeerCheckMode;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The data-plane listener. It listens before {@code $init} is sent, adopts exactly one parent
 * connection (with a token, the first that authenticates), then stops listening and removes its
 * socket file, so nobody else can connect.
 *
 * <p>Who may connect: the socket file is owner-only in a directory nobody else can write
 * ({@link SocketFiles}), and every connecting process must pass the {@link PeerCheck} before a byte
 * of it is read (by default: the worker's parent or one of its ancestors, of the same user).
 */
public final class DataPlaneServer implements Closeable {
    /** The largest auth payload read: the parent's token is 64 hex characters. */
    private static final int MAX_AUTH_PAYLOAD = 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private final PeerCheck check;
    private final PeerIdentifier identifier;
    private volatile boolean closed;

    private DataPlaneServer(Path path, ServerSocketChannel server, PeerCheck check, PeerIdentifier identifier) {
        this.path = path;
        this.server = server;
        this.check = check;
        this.identifier = identifier;
    }

    /**
     * Listens on a fresh, unguessable socket path in the first usable directory of
     * {@code $XDG_RUNTIME_DIR}, {@code $TMPDIR} and {@code /tmp} (in {@code env}), accepting only the
     * processes {@code check} allows. A directory is skipped when the variable is not set, or the
     * directory does not exist, is not a directory, is not writable, would make the socket path too
     * long for a Unix socket address, cannot be written in the platform charset, is unsafe (see
     * {@link SocketFiles}), or a socket cannot be bound there; a skipped directory that was set gets
     * one warning line on stderr.
     *
     * @throws IOException when no directory is usable; the message names every candidate, its variable
     *     and why it was refused, and the fix
     */
    public static DataPlaneServer openInSocketDirectory(Map<String, String> env, PeerCheck check) throws IOException {
        return openInSocketDirectory(env, check, SocketPaths.FALLBACK);
    }

    static DataPlaneServer openInSocketDirectory(Map<String, String> env, PeerCheck check, String fallback)
            throws IOException {
        String name = SocketPaths.newSocketName();
        List<String> refusals = new ArrayList<>();
        for (SocketPaths.Candidate c : SocketPaths.candidates(env, fallback)) {
            String problem = c.problem(name);
            if (problem == null) {
                try {
                    DataPlaneServer server = open(Path.of(c.socketPath(name)), check);
                    for (String refusal : refusals) {
                        if (!refusal.endsWith(" is not set")) {
                            Log.warn("socket directory skipped: " + refusal + "; using " + c.describe());
                        }
                    }
                    return server;
                } catch (IOException | InvalidPathException e) {
                    problem = "cannot hold the socket: " + e.getMessage();
                }
            }
            refusals.add(c.describe() + " " + problem);
        }
        throw new IOException("no usable directory for the data-plane socket: " + String.join("; ", refusals)
                + ". Point XDG_RUNTIME_DIR or TMPDIR at an existing directory that only this user can write, with a path"
                + " short enough for a Unix socket address");
    }

    /** Listens at {@code path} with the default peer check; see {@link #open(Path, PeerCheck)}. */
    public static DataPlaneServer open(Path path) throws IOException {
        return open(path, PeerCheck.defaults());
    }

    /**
     * Removes a stale file at {@code path}, listens there, makes the socket file owner-only, and checks
     * that its directory is safe (see {@link SocketFiles}); connections are then accepted only from
     * the processes {@code check} allows.
     *
     * @throws IOException when the socket cannot be opened or its directory is unsafe; the message
     *     says which and how to fix it
     */
    public static DataPlaneServer open(Path path, PeerCheck check) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        PeerIdentifier identifier;
        try {
            server.bind(UnixDomainSocketAddress.of(path), 8);
            SocketFiles.restrictToOwner(path);
            Integer owner = SocketFiles.unixInt(path, "uid");
            if (owner != null) {
                SocketFiles.checkDirectory(path.toAbsolutePath().getParent(), owner);
            }
            identifier = PeerIdentifier.forSocket(check, path);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
        identifier.prepare();
        return new DataPlaneServer(path, server, check, identifier);
    }

    public Path path() {
        return path;
    }

    /**
     * Waits for the parent and returns its connection, or {@code null} if the server was closed first.
     * A connection from a process the peer check refuses is closed at once, before any of its bytes
     * are read, with one line on stderr saying why; the server keeps listening. With a {@code token},
     * a connection is adopted only after its first frame is an auth frame carrying exactly that token;
     * any other connection is closed without serving any of its frames, and the server keeps listening.
     */
    public Connection accept(byte[] token, long maxPayload) {
        AtomicReference<Connection> adopted = new AtomicReference<>();
        while (!closed) {
            SocketChannel ch;
            Map<Integer, Long> before = identifier.beforeAccept();
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    Log.error("data-plane accept failed", e);
                }
                break;
            }
            if (!admitted(ch, before)) {
                continue;
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

    /** Applies the peer check; a refused connection is closed here. */
    private boolean admitted(SocketChannel ch, Map<Integer, Long> before) {
        if (check.mode() == PeerCheckMode.OFF) {
            return true;
        }
        Peer peer = identifier.identify(ch, before);
        String refusal = check.refusal(peer, ProcessHandle.current().pid(), PeerCheck.ancestorsOfThisProcess());
        if (refusal == null) {
            Log.debug(() -> "data-plane connection accepted from " + peer.describe() + " (" + check + ")");
            return true;
        }
        Log.warn("data-plane connection refused: " + refusal);
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing is all there is to do
        }
        return false;
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
