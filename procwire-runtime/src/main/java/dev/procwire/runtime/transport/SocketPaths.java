package dev.procwire.runtime.transport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/** Chooses the data-plane socket path: unguessable, in the per-user runtime directory. */
public final class SocketPaths {
    private SocketPaths() {}

    /** sun_path holds 108 bytes including the terminating NUL on Linux (104 on macOS). */
    static final int MAX_PATH_BYTES = 103;

    /**
     * {@code <dir>/procwire-<pid>-<32 hex>.sock}, where dir is {@code $XDG_RUNTIME_DIR}, else
     * {@code $TMPDIR}, else {@code /tmp} (a directory whose path would make the socket path too long for
     * the OS is skipped).
     */
    public static Path newSocketPath(Map<String, String> env) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String name = "procwire-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random) + ".sock";
        for (String candidate : new String[] {env.get("XDG_RUNTIME_DIR"), env.get("TMPDIR"), "/tmp"}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            String dir = trimTrailingSlashes(candidate);
            String path = (dir.isEmpty() ? "" : dir) + "/" + name;
            if (path.getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
                return Path.of(path);
            }
        }
        return Path.of("/tmp/" + name);
    }

    static String trimTrailingSlashes(String dir) {
        int end = dir.length();
        while (end > 1 && dir.charAt(end - 1) == '/') {
            end--;
        }
        return dir.substring(0, end).equals("/") ? "" : dir.substring(0, end);
    }
}
