package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket name's random part: where its bytes come from, and its form. */
class SocketNameTest {
    @TempDir
    Path tmp;

    @Test
    void randomBytesAreReadFromTheDevice() throws IOException {
        byte[] content = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
        Path device = Files.write(tmp.resolve("device"), content);
        assertArrayEquals(Arrays.copyOf(content, 16), SocketPaths.randomBytes(16, device));
    }

    @Test
    void randomBytesComeFromSecureRandomWithoutTheDevice() {
        byte[] a = SocketPaths.randomBytes(16, tmp.resolve("missing"));
        byte[] b = SocketPaths.randomBytes(16, tmp.resolve("missing"));
        assertEquals(16, a.length);
        assertFalse(Arrays.equals(a, b), "two draws of 128 bits were equal");
    }

    @Test
    void aDeviceThatEndsTooSoonIsNotUsed() throws IOException {
        Path device = Files.write(tmp.resolve("short"), new byte[4]);
        byte[] a = SocketPaths.randomBytes(16, device);
        assertFalse(Arrays.equals(new byte[16], a), "the short device's zeros were used");
    }

    @Test
    void nameHasTheProcessIdAnd32LowercaseHexDigits() {
        String name = SocketPaths.newSocketName();
        assertTrue(name.matches("procwire-" + ProcessHandle.current().pid() + "-[0-9a-f]{32}\\.sock"), name);
    }
}
