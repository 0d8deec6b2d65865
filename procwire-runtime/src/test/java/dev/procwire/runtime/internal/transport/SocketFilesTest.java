package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.WorkerOptions.PeerCheckMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket file is owner-only, and the worker refuses to listen in a directory others can rearrange. */
class SocketFilesTest {
    @TempDir
    Path tmp;

    private int myUid() throws IOException {
        return (Integer) Files.getAttribute(tmp, "unix:uid");
    }

    private Path dir(String name, String perms) throws IOException {
        Path d = Files.createDirectory(tmp.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(perms));
        return d;
    }

    private static void chmod(Path p, int mode) throws IOException {
        // setPosixFilePermissions cannot set the sticky bit; the unix view can.
        Files.setAttribute(p, "unix:mode", mode);
    }

    @Test
    void socketFileIsOwnerOnly() throws IOException {
        Path path = tmp.resolve("s.sock");
        try (DataPlaneServer server = DataPlaneServer.open(path, PeerCheck.of(PeerCheckMode.OFF))) {
            assertEquals(path, server.path());
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            assertEquals(0600, mode & 0777, "mode " + Integer.toOctalString(mode));
            assertEquals(myUid(), (Integer) Files.getAttribute(path, "unix:uid"));
        }
        assertFalse(Files.exists(path), "closing removes the socket file");
    }

    @Test
    void privateDirectoryIsSafe() throws IOException {
        assertNull(SocketFiles.problemWith(dir("private", "rwx------"), myUid()));
        assertDoesNotThrow(() -> SocketFiles.checkDirectory(tmp, myUid()));
    }

    @Test
    void stickyWorldWritableDirectoryLikeTmpIsSafe() throws IOException {
        Path d = dir("sticky", "rwxrwxrwx");
        chmod(d, 01777);
        assertNull(SocketFiles.problemWith(d, myUid()));
    }

    @Test
    void groupWritableDirectoryIsUnsafe() throws IOException {
        String problem = SocketFiles.problemWith(dir("group", "rwxrwx---"), myUid());
        assertNotNull(problem);
        assertTrue(problem.contains("writable by its group"), problem);
    }

    @Test
    void worldWritableDirectoryWithoutStickyBitIsUnsafe() throws IOException {
        String problem = SocketFiles.problemWith(dir("world", "rwxrwxrwx"), myUid());
        assertNotNull(problem);
        assertTrue(problem.contains("writable by others") && problem.contains("no sticky bit"), problem);
    }

    @Test
    void directoryOwnedByAnotherUserIsUnsafe() throws IOException {
        Path d = dir("theirs", "rwx------");
        int me = myUid();
        int checkedAs = me;
        if (me == 0) {
            // As root every directory we create is root's, and root is trusted: hand it to another user.
            UserPrincipal nobody = d.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(d, nobody);
        } else {
            checkedAs = me + 1; // a directory of ours, judged for a socket of another (non-root) user
        }
        String problem = SocketFiles.problemWith(d, checkedAs);
        assertNotNull(problem);
        assertTrue(problem.contains("neither this user"), problem);
    }

    @Test
    void anUnsafeDirectoryAboveASafeOneIsUnsafe() throws IOException {
        Path shared = dir("shared", "rwxrwxrwx");
        Path mine = Files.createDirectory(shared.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwx------"));
        IOException e = assertThrows(IOException.class, () -> SocketFiles.checkDirectory(mine, myUid()));
        assertTrue(e.getMessage().contains(shared.toString()), e.getMessage());
    }

    @Test
    void aSymlinkIntoAnUnsafeDirectoryIsUnsafe() throws IOException {
        Path shared = dir("shared", "rwxrwxrwx");
        Path target = Files.createDirectory(shared.resolve("target"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        assertThrows(IOException.class, () -> SocketFiles.checkDirectory(link, myUid()));
    }

    @Test
    void listenerRefusesToOpenInAnUnsafeDirectoryAndLeavesNoFile() throws IOException {
        Path unsafe = dir("unsafe", "rwxrwxrwx");
        Path path = unsafe.resolve("s.sock");
        IOException e = assertThrows(IOException.class, () -> DataPlaneServer.open(path, PeerCheck.defaults()));
        assertTrue(e.getMessage().startsWith("unsafe directory for the data-plane socket: " + unsafe), e.getMessage());
        assertTrue(e.getMessage().contains("TMPDIR"), "says how to fix it: " + e.getMessage());
        assertFalse(Files.exists(path));
    }
}
