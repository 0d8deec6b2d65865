package dev.procwire.runtime.internal.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the file descriptor of a connection the JDK just accepted, through Linux's {@code /proc}.
 *
 * <p>Why: the JDK's UNIX-domain channels give the peer's user but not its process id, and hide their
 * file descriptor. The data path stays on the JDK's channels (fast, and no native code on the way to
 * {@code $init}); only this one lookup needs the descriptor number, so that the native library can ask
 * the kernel for the peer's process id. The new descriptor is the socket that appeared in
 * {@code /proc/self/fd} across the {@code accept} call; if other threads opened sockets meanwhile,
 * {@code /proc/net/unix} names the one bound to this listener's path.
 */
final class ProcSockets {
    private ProcSockets() {}

    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final Path NET_UNIX = Path.of("/proc/net/unix");

    /** Whether this system has the {@code /proc} files used here. */
    static boolean available() {
        return Files.isDirectory(FD_DIR) && Files.isReadable(NET_UNIX);
    }

    /** This process's socket descriptors: descriptor number to socket inode. */
    static Map<Integer, Long> sockets() throws IOException {
        Map<Integer, Long> out = new HashMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed while listing (or the directory stream's own descriptor)
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    try {
                        out.put(Integer.parseInt(fd.getFileName().toString()),
                                Long.parseLong(target.substring(8, target.length() - 1)));
                    } catch (NumberFormatException ignored) {
                        // not a descriptor entry
                    }
                }
            }
        }
        return out;
    }

    /**
     * The descriptor of the connection accepted since {@code before} was taken, or -1 when it cannot
     * be told apart.
     */
    static int acceptedSince(Map<Integer, Long> before, Path listenerPath) throws IOException {
        Map<Integer, Long> now = sockets();
        now.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        if (now.size() == 1) {
            return now.keySet().iterator().next();
        }
        if (now.isEmpty()) {
            return -1;
        }
        Set<Long> bound = inodesBoundTo(listenerPath);
        int found = -1;
        for (Map.Entry<Integer, Long> e : now.entrySet()) {
            if (bound.contains(e.getValue())) {
                if (found >= 0) {
                    return -1; // two new connections on our path: cannot tell which
                }
                found = e.getKey();
            }
        }
        return found;
    }

    /** Inodes of the UNIX sockets bound to {@code path}: the listener and its accepted connections. */
    static Set<Long> inodesBoundTo(Path path) throws IOException {
        String suffix = " " + path;
        Set<Long> out = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(NET_UNIX, StandardCharsets.UTF_8)) {
            r.readLine(); // header
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.endsWith(suffix)) {
                    continue;
                }
                // Num RefCount Protocol Flags Type St Inode Path
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8) {
                    try {
                        out.add(Long.parseLong(f[6]));
                    } catch (NumberFormatException ignored) {
                        // a malformed line
                    }
                }
            }
        }
        return out;
    }
}
