package dev.procwire.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * javac of the JDK running the tests, as its own process: for builds compile-testing cannot stand in
 * for (a processor path without the API, a module path).
 *
 * @param exitCode javac's exit status
 * @param output its messages, stdout and stderr together
 */
record JavacRun(int exitCode, String output) {

    static JavacRun of(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "javac did not finish: " + out);
        return new JavacRun(p.exitValue(), out);
    }
}
