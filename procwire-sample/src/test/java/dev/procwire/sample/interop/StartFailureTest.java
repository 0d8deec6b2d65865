package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A worker that cannot start says why on the control plane instead of dying silently. */
class StartFailureTest {

    @Test
    void invalidSettingInTheEnvironmentIsReportedWithErrorAndExitStatusOne() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Workers.java(Workers.BENCH)).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("PROCWIRE_"));
        pb.environment().put("PROCWIRE_MAX_PAYLOAD", "lots");
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("{\"jsonrpc\":\"2.0\",\"method\":\"$error\""), "first line: " + line);
            assertTrue(line.contains("PROCWIRE_MAX_PAYLOAD"), "the message names the setting: " + line);
            p.getOutputStream().close(); // the parent has read it and is gone: the worker need not wait longer
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
