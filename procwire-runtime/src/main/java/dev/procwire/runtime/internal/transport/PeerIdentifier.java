package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.internal.Log;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads who is on the other end of an accepted data-plane connection: the user from the JDK
 * ({@code SO_PEERCRED}, no native code), the process id (only when the check needs it) from
 * {@link NativePeerPid} on the descriptor {@link ProcSockets} finds. Used by the accept thread only.
 */
final class PeerIdentifier {
    private static final AtomicBoolean PID_PROBLEM_REPORTED = new AtomicBoolean();

    private final PeerCheck check;
    private final Path socketPath;
    private final UserPrincipal self; // owner of the socket file: this process's effective user
    private final int selfUid;
    private final boolean procAvailable;

    private PeerIdentifier(PeerCheck check, Path socketPath, UserPrincipal self, int selfUid) {
        this.check = check;
        this.socketPath = socketPath;
        this.self = self;
        this.selfUid = selfUid;
        this.procAvailable = check.needsPid() && ProcSockets.available();
    }

    /**
     * An identifier for connections to the socket bound at {@code socketPath}; the socket file's owner
     * is the user peers are compared with.
     */
    static PeerIdentifier forSocket(PeerCheck check, Path socketPath) throws IOException {
        if (!check.needsUser()) {
            return new PeerIdentifier(check, socketPath, null, -1);
        }
        UserPrincipal owner = Files.getOwner(socketPath);
        int uid = -1;
        try {
            uid = (Integer) Files.getAttribute(socketPath, "unix:uid");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // no numeric uid here; the principal comparison still works
        }
        return new PeerIdentifier(check, socketPath, owner, uid);
    }

    /** Starts loading what identification will need, off the caller's thread. */
    void prepare() {
        if (procAvailable) {
            NativePeerPid.preload();
        }
    }

    /** Called right before {@code accept}: the state the accepted connection is told apart from. */
    Map<Integer, Long> beforeAccept() {
        if (!procAvailable) {
            return null;
        }
        try {
            return ProcSockets.sockets();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Who is on the other end of {@code ch}, accepted after {@code before} was taken. */
    Peer identify(SocketChannel ch, Map<Integer, Long> before) {
        if (!check.needsUser()) {
            return new Peer(-1, "not checked", null, "?", "not checked");
        }
        Peer byUser = userOf(ch);
        return check.needsPid() ? withPid(byUser, before) : byUser;
    }

    /** The peer's user as the JDK reads it, without a process id. */
    private Peer userOf(SocketChannel ch) {
        String user = "?";
        try {
            UserPrincipal peerUser = PeerUser.of(ch);
            user = peerUser.getName();
            return new Peer(-1, "not needed", peerUser.equals(self), user, null);
        } catch (IOException | RuntimeException | LinkageError e) {
            return new Peer(-1, "not needed", null, user, String.valueOf(e.getMessage() != null ? e.getMessage() : e));
        }
    }

    /**
     * {@code byUser} with the process id read from the accepted connection's descriptor, or why it could
     * not be read; the uid read with it answers for the user when the JDK could not.
     */
    private Peer withPid(Peer byUser, Map<Integer, Long> before) {
        Boolean sameUser = byUser.sameUser();
        String user = byUser.user();
        long pid = -1;
        long[] cred = null;
        String pidProblem = whyNoPid(before);
        if (pidProblem == null) {
            try {
                int fd = ProcSockets.acceptedSince(before, socketPath);
                if (fd < 0) {
                    pidProblem = "could not tell the accepted connection's descriptor apart";
                } else {
                    cred = NativePeerPid.read(fd);
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                pidProblem = "reading peer credentials failed: " + e;
            }
        }
        if (cred != null) {
            if (selfUid >= 0 && sameUser != null && (cred[1] == selfUid) != sameUser) {
                // The descriptor found is not this connection's: trust neither answer.
                pidProblem = "the peer credentials of the descriptor found do not match the connection";
            } else {
                pid = cred[0];
                if (sameUser == null && selfUid >= 0) {
                    sameUser = cred[1] == selfUid;
                    user = "uid " + cred[1];
                }
            }
        }
        if (pid < 0 && PID_PROBLEM_REPORTED.compareAndSet(false, true)) {
            Log.warn("cannot read the process id of data-plane peers (" + pidProblem
                    + "); " + PeerCheck.ENV + "=ancestor falls back to accepting any process of this user");
        }
        return new Peer(pid, pidProblem, sameUser, user, byUser.userProblem());
    }

    /** Why the peer's process id cannot be read, or {@code null} once it can (the native library is loaded). */
    private String whyNoPid(Map<Integer, Long> before) {
        if (!procAvailable) {
            return "this platform has no /proc to find the connection's descriptor";
        }
        if (before == null) {
            return "could not list this process's sockets";
        }
        long waitStart = System.nanoTime();
        String problem = NativePeerPid.awaitLoaded();
        long waited = (System.nanoTime() - waitStart) / 1_000_000;
        Log.debug(() -> "waited " + waited + " ms for the native peer-credential library");
        return problem;
    }
}
