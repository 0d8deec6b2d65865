package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A person who runs the worker by hand in a terminal is told, in one stderr line, what it is and how a
 * parent starts it; a worker started through pipes, as every parent does, prints no such line.
 */
class TerminalStartTest {
    private static final String HINT = "this is a Procwire worker";
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    /** Collects a stream's text as it arrives. */
    private static final class Collector extends Thread {
        private final InputStream in;
        private final StringBuffer text = new StringBuffer();

        Collector(InputStream in) {
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }

        String text() {
            return text.toString();
        }

        void awaitText(String s, long timeoutMs) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (!text().contains(s) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    private static long hintLines(String output) {
        return output.lines().filter(l -> l.contains(HINT)).count();
    }

    @Test
    void runByHandInATerminalItSaysWhatItIsAndHowAParentStartsItOnce() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "needs util-linux script(1) to give the worker a terminal");
        String command = Workers.java(Workers.BENCH).stream()
                .map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        // script(1) runs the worker with a terminal as its stdin, stdout and stderr, as a shell would.
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PROCWIRE_"));
        Process p = pb.start();
        try {
            Collector out = new Collector(p.getInputStream());
            out.awaitText("\"$init\"", 30_000);
            p.getOutputStream().close(); // end of input (Ctrl-D): the worker stops as it would for a parent
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the worker did not stop at end of input: " + out.text());
            out.join(5_000);
            String text = out.text();
            assertTrue(text.contains("\"$init\""), "it still serves as usual: " + text);
            assertEquals(1, hintLines(text), text);
            String hint = text.lines().filter(l -> l.contains(HINT)).findFirst().orElseThrow();
            assertTrue(hint.contains("@procwire/core") && hint.contains("ModuleManager"), "says how a parent starts it: " + hint);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void startedThroughPipesItPrintsNoHint() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Workers.java(Workers.BENCH));
        pb.environment().keySet().removeIf(k -> k.startsWith("PROCWIRE_"));
        Process p = pb.start();
        try {
            Collector err = new Collector(p.getErrorStream());
            Collector out = new Collector(p.getInputStream());
            out.awaitText("\"$init\"", 30_000);
            p.getOutputStream().close();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            err.join(5_000);
            assertTrue(out.text().contains("\"$init\""), out.text());
            assertEquals(0, hintLines(err.text()), err.text());
        } finally {
            p.destroyForcibly();
        }
    }
}
