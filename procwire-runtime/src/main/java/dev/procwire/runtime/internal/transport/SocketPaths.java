package dev.procwire.runtime.internal.transport;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Chooses the data-plane socket path: an unguessable name in the first usable directory of
 * {@code $XDG_RUNTIME_DIR}, {@code $TMPDIR} and {@code /tmp}, tried in that order (see
 * {@link DataPlaneServer#openInSocketDirectory}).
 */
public final class SocketPaths {
    private SocketPaths() {}

    /** sun_path holds 108 bytes including the terminating NUL on Linux (104 on macOS). */
    static final int MAX_PATH_BYTES = 103;

    /** The last candidate, used whatever the environment says. */
    static final String FALLBACK = "/tmp";

    /**
     * A directory the socket may go in.
     *
     * @param variable the environment variable it comes from, or {@code null} for the fixed fallback
     * @param value the variable's value (or the fallback), {@code null} when the variable is not set
     */
    record Candidate(String variable, String value) {
        /** How the refusal names it: {@code TMPDIR=/x}, or the fallback path alone. */
        String describe() {
            return variable == null ? value : value == null || value.isBlank() ? variable : variable + "=" + value;
        }

        /**
         * Why a socket named {@code name} cannot go in this directory, or {@code null} when it can be
         * tried. Whether the directory is safe, and whether a socket can really be bound there, is
         * only known once {@link DataPlaneServer#open(Path, PeerCheck)} has tried.
         */
        String problem(String name) {
            if (value == null || value.isBlank()) {
                return "is not set";
            }
            Charset charset = platformCharset();
            if (!charset.newEncoder().canEncode(value)) {
                return "cannot be written in the platform charset " + charset.name()
                        + " (run the worker with a UTF-8 locale, for example LANG=C.UTF-8)";
            }
            String path = socketPath(name);
            int bytes = path.getBytes(charset).length;
            if (bytes > MAX_PATH_BYTES) {
                return "is too long: the socket path in it would take " + bytes + " bytes, more than the "
                        + MAX_PATH_BYTES + " a Unix socket address holds";
            }
            Path dir;
            try {
                dir = Path.of(trimTrailingSlashes(value).isEmpty() ? "/" : trimTrailingSlashes(value));
            } catch (InvalidPathException e) {
                return "is not a usable path: " + e.getMessage();
            }
            if (!Files.exists(dir)) {
                return "does not exist";
            }
            if (!Files.isDirectory(dir)) {
                return "is not a directory";
            }
            if (!Files.isWritable(dir)) {
                return "is not writable by this user";
            }
            return null;
        }

        /** The socket path for {@code name} in this directory (trailing slashes trimmed). */
        String socketPath(String name) {
            return trimTrailingSlashes(value) + "/" + name;
        }
    }

    /** {@code XDG_RUNTIME_DIR}, {@code TMPDIR}, then {@code fallback}, in the order they are tried. */
    static List<Candidate> candidates(Map<String, String> env, String fallback) {
        List<Candidate> list = new ArrayList<>(3);
        list.add(new Candidate("XDG_RUNTIME_DIR", env.get("XDG_RUNTIME_DIR")));
        list.add(new Candidate("TMPDIR", env.get("TMPDIR")));
        list.add(new Candidate(null, fallback));
        return list;
    }

    /** Where the kernel's random bytes are read from, on the systems that have it. */
    static final Path RANDOM_DEVICE = Path.of("/dev/urandom");

    /** {@code procwire-<pid>-<32 hex>.sock}: 128 random bits, so nobody can guess it in advance. */
    static String newSocketName() {
        byte[] random = randomBytes(16, RANDOM_DEVICE);
        return "procwire-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random) + ".sock";
    }

    /**
     * {@code n} bytes read from {@code device}, or from {@link SecureRandom} when it cannot be read. The
     * JDK's default {@code SecureRandom} reads the same device on Linux and macOS, but its first
     * {@code nextBytes} also seeds a SHA1PRNG to mix in (message digests, byte-array var handles):
     * several milliseconds of CPU on the way to {@code $init}.
     */
    static byte[] randomBytes(int n, Path device) {
        byte[] bytes = new byte[n];
        try (InputStream in = new FileInputStream(device.toFile())) {
            if (in.readNBytes(bytes, 0, n) == n) {
                return bytes;
            }
        } catch (IOException | RuntimeException e) {
            // no such device here: the JDK's generator below
        }
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** The charset the JDK encodes file names with (the locale's; not {@code file.encoding}). */
    static Charset platformCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    static String trimTrailingSlashes(String dir) {
        int end = dir.length();
        while (end > 1 && dir.charAt(end - 1) == '/') {
            end--;
        }
        return dir.substring(0, end).equals("/") ? "" : dir.substring(0, end);
    }
}
