package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.WorkerOptions.PeerCheckMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who may connect to the data plane. The socket path is unguessable and the socket file owner-only;
 * on top of that the worker looks at the credentials of every process that connects, before it reads
 * a single frame from it, and closes the connection of any process the check refuses (with one line
 * on stderr saying why).
 *
 * <ul>
 *   <li>{@link PeerCheckMode#ANCESTOR} (the default): a process of this worker's user that is the worker's
 *       parent or one of the parent's ancestors, so a launcher script between parent and worker still
 *       works. The worker process itself is accepted too (an embedding test harness).
 *   <li>{@link PeerCheckMode#SAME_USER}: any process of this worker's user (for a parent that is not an
 *       ancestor, e.g. a supervisor that hands the socket path to another process).
 *   <li>{@link PeerCheckMode#OFF}: no check beyond the owner-only socket file.
 * </ul>
 *
 * <p>Chosen with {@link dev.procwire.runtime.WorkerOptions#peerCheck()} (environment variable
 * {@code PROCWIRE_PEER_CHECK=ancestor|same-user|off}).
 *
 * <p>The ancestor check needs the peer's process id, which only the kernel knows. On Linux the worker
 * reads it through junixsocket's native library, loaded in the background when the listener opens
 * (never on the way to {@code $init}). Where the process id cannot be read (another OS, or the native
 * library cannot load), the ancestor check falls back to the same-user check and says so once on
 * stderr. The user check never falls back: a peer whose user cannot be read is refused unless the
 * check is {@code off}.
 */
public final class PeerCheck {
    /** The environment variable that chooses the mode, named in refusals (read by {@code WorkerOptions}). */
    public static final String ENV = "PROCWIRE_PEER_CHECK";

    /** How many ancestors are walked at most (a process tree is never this deep in practice). */
    static final int MAX_ANCESTORS = 64;

    private final PeerCheckMode mode;

    private PeerCheck(PeerCheckMode mode) {
        this.mode = mode;
    }

    /** The check in {@code mode}. */
    public static PeerCheck of(PeerCheckMode mode) {
        if (mode == null) {
            throw new NullPointerException("mode");
        }
        return new PeerCheck(mode);
    }

    /** The default: {@link PeerCheckMode#ANCESTOR}. */
    public static PeerCheck defaults() {
        return new PeerCheck(PeerCheckMode.ANCESTOR);
    }

    public PeerCheckMode mode() {
        return mode;
    }

    /** Whether this check needs the peer's process id. */
    boolean needsPid() {
        return mode == PeerCheckMode.ANCESTOR;
    }

    /** Whether this check needs the peer's user. */
    boolean needsUser() {
        return mode != PeerCheckMode.OFF;
    }

    /**
     * Why {@code peer} may not connect, or {@code null} when it may. {@code selfPid} is this
     * process and {@code ancestors} its parent first, then the parent's parent, and so on.
     */
    String refusal(Peer peer, long selfPid, List<Long> ancestors) {
        if (mode == PeerCheckMode.OFF) {
            return null;
        }
        if (peer.sameUser() == null) {
            return "cannot read the user of the connecting process (" + peer.userProblem() + "); set "
                    + ENV + "=off to accept any process that can open the socket file";
        }
        if (!peer.sameUser()) {
            return peer.describe() + " runs as " + peer.user() + ", not as this worker's user; only "
                    + "processes of the same user may connect";
        }
        if (mode == PeerCheckMode.SAME_USER || peer.pid() < 0) {
            return null; // an unknown pid was reported once by the caller; the user check holds
        }
        if (peer.pid() == selfPid || ancestors.contains(peer.pid())) {
            return null;
        }
        return peer.describe() + " is not this worker's parent or one of its ancestors (ancestors: "
                + (ancestors.isEmpty() ? "none" : ancestors.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                + "); set " + ENV + "=same-user to accept any process of this user";
    }

    /** This process's ancestors, parent first. */
    static List<Long> ancestorsOfThisProcess() {
        List<Long> out = new ArrayList<>();
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        while (p.isPresent() && out.size() < MAX_ANCESTORS) {
            long pid = p.get().pid();
            if (out.contains(pid)) {
                break;
            }
            out.add(pid);
            p = p.get().parent();
        }
        return out;
    }

    @Override
    public String toString() {
        return ENV + "=" + mode.settingName();
    }
}
