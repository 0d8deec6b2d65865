package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.internal.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The file-system side of the data-plane socket: the socket file is made owner-only, and the
 * directory it lives in must be one that nobody else can rearrange.
 *
 * <p>A directory is safe when it, and every directory above it (both as written and with symbolic
 * links resolved), is owned by this worker's user or by root, and is not writable by group or
 * others, unless it has the sticky bit (like {@code /tmp}), which stops others from removing or
 * renaming what they do not own. That is the rule OpenSSH applies to {@code ~/.ssh}, plus the sticky
 * exception. In an unsafe directory another user could replace the socket file with their own
 * listener after the path is announced, so the worker refuses to start there.
 */
final class SocketFiles {
    private SocketFiles() {}

    private static final int GROUP_OR_OTHER_WRITE = 0022;
    private static final int STICKY = 01000;

    /** Makes the socket file readable and writable by its owner only, and checks that it is. */
    static void restrictToOwner(Path socket) throws IOException {
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            Log.warn("cannot restrict permissions of " + socket + ": not a POSIX file system");
            return;
        }
        Integer mode = unixInt(socket, "mode");
        if (mode != null && (mode & 0777) != 0600) {
            throw new IOException("the socket file " + socket + " could not be made owner-only (mode "
                    + Integer.toOctalString(mode & 0777) + ")");
        }
    }

    /**
     * Fails with a message naming the problem and the fix unless {@code dir} is safe for a socket of
     * the user {@code ownerUid}.
     */
    static void checkDirectory(Path dir, int ownerUid) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Set<Path> chain = new LinkedHashSet<>();
        for (Path d = absolute; d != null; d = d.getParent()) {
            chain.add(d);
        }
        for (Path d = absolute.toRealPath(); d != null; d = d.getParent()) {
            chain.add(d);
        }
        for (Path d : chain) {
            String problem = problemWith(d, ownerUid);
            if (problem != null) {
                throw new IOException("unsafe directory for the data-plane socket: " + d + " " + problem
                        + "; point XDG_RUNTIME_DIR or TMPDIR at a directory that only this user can write");
            }
        }
    }

    /** What makes {@code dir} unsafe, or {@code null}. */
    static String problemWith(Path dir, int ownerUid) throws IOException {
        Integer mode = unixInt(dir, "mode");
        Integer uid = unixInt(dir, "uid");
        if (mode == null || uid == null) {
            return null; // no POSIX attributes to judge by (reported by restrictToOwner already)
        }
        if (uid != ownerUid && uid != 0) {
            return "is owned by uid " + uid + ", neither this user (uid " + ownerUid + ") nor root";
        }
        if ((mode & GROUP_OR_OTHER_WRITE) != 0 && (mode & STICKY) == 0) {
            return "is writable by " + ((mode & 0002) != 0 ? "others" : "its group") + " (mode "
                    + Integer.toOctalString(mode & 07777) + ") and has no sticky bit";
        }
        return null;
    }

    /** A {@code unix:} attribute as an int, or {@code null} where the file system has none. */
    static Integer unixInt(Path p, String name) throws IOException {
        try {
            return (Integer) Files.getAttribute(p, "unix:" + name);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
