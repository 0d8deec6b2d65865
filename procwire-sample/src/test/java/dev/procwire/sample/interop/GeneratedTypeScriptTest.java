package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript the processor generates for the sample services, checked by the TypeScript compiler
 * (the pinned {@code typescript} of package.json) with {@code --strict}: the consumers in
 * src/test/typescript use every method and event as a parent would and compile cleanly — Arrow
 * payloads too, against the pinned {@code apache-arrow}: a {@code Table}, a {@code RecordBatch} or a plain
 * object of columns sent, a {@code Table} received — and each of their {@code @ts-expect-error} lines (a
 * wrong payload type, a missing required key, an unknown method, a stream's result used as one value, a
 * misused event payload, an Arrow answer used as another type) is an error of its own.
 */
@RequiresNode
class GeneratedTypeScriptTest {
    private static final String GENERATED = "target/classes/META-INF/procwire/typescript/";
    private static final Pattern ERROR_LINE = Pattern.compile("^(\\S+?\\.mts)\\((\\d+),\\d+\\): error TS\\d+");

    private static Path sample() {
        return Workers.sampleDir();
    }

    private static List<Path> consumers(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".consumer.mts")).sorted().toList();
        }
    }

    /** Runs {@code tsc --strict --noEmit} on {@code files}; returns its exit code and output. */
    private static Result tsc(List<Path> files) throws Exception {
        Path tsc = sample().resolve("node_modules/typescript/bin/tsc");
        if (!Files.isRegularFile(tsc)) {
            throw new AssertionError("procwire-sample/node_modules/typescript is missing: run `npm ci` in procwire-sample");
        }
        List<String> command = new ArrayList<>(List.of("node", tsc.toString(), "--strict", "--noEmit", "--pretty", "false",
                "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022"));
        files.forEach(f -> command.add(sample().relativize(f).toString()));
        Process p = new ProcessBuilder(command).directory(sample().toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        CompletableFuture<String> out = NodeScenario.readAsync(p.getInputStream());
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tsc did not finish within 180 s");
        }
        return new Result(p.exitValue(), out.join());
    }

    private record Result(int exit, String output) {}

    @Test
    void everySampleServiceHasItsModuleAndDeclarations() {
        for (String service : List.of("SeedWorker", "BenchWorker", "BookingDesk", "VectorIndex")) {
            assertTrue(Files.isRegularFile(sample().resolve(GENERATED + service + ".procwire.mjs")), service);
            assertTrue(Files.isRegularFile(sample().resolve(GENERATED + service + ".procwire.d.mts")), service);
        }
    }

    @Test
    void theConsumersTypeCheckUnderStrictAndEveryExpectedErrorIsOne() throws Exception {
        List<Path> consumers = consumers(sample().resolve("src/test/typescript"));
        assertEquals(4, consumers.size(), consumers.toString());
        Result r = tsc(consumers);
        // An @ts-expect-error line that is not an error is itself an error (TS2578), so a clean run says both.
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void withoutTheDirectivesEachExpectedErrorLineFailsAndNoOther() throws Exception {
        Path copies = sample().resolve("target/typescript-expected-errors");
        Files.createDirectories(copies);
        List<Path> stripped = new ArrayList<>();
        TreeSet<String> expected = new TreeSet<>();
        for (Path consumer : consumers(sample().resolve("src/test/typescript"))) {
            List<String> lines = new ArrayList<>(Files.readAllLines(consumer));
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replace("../../../target/classes/", "../classes/");
                if (line.strip().startsWith("// @ts-expect-error")) {
                    line = "//";
                    expected.add(consumer.getFileName() + ":" + (i + 2));
                }
                lines.set(i, line);
            }
            Path copy = copies.resolve(consumer.getFileName());
            Files.write(copy, lines);
            stripped.add(copy);
        }
        assertTrue(expected.size() >= 21, "the consumers expect errors: " + expected);
        Result r = tsc(stripped);
        TreeSet<String> actual = new TreeSet<>();
        for (String line : r.output().split("\n")) {
            Matcher m = ERROR_LINE.matcher(line.strip());
            if (m.find()) {
                actual.add(Path.of(m.group(1)).getFileName() + ":" + m.group(2));
            }
        }
        assertFalse(r.exit() == 0, r.output());
        assertEquals(expected, actual, r.output());
    }
}
