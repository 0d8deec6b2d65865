package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime uses its libraries (junixsocket, Jackson) and the JDK through their public API only.
 * Opening another module's private members breaks with the library's next release or the JDK's next
 * encapsulation step, so no compiled runtime class may call {@code setAccessible},
 * {@code trySetAccessible} or {@code MethodHandles.privateLookupIn}. The bytecode is read (with
 * {@code javap}) rather than the source, so a call the source spells differently is found too.
 */
class NoReflectionIntoLibrariesTest {
    /** A call site as javap prints it: {@code // Method java/lang/reflect/Method.setAccessible:(Z)V}. */
    private static final Pattern PRIVATE_ACCESS =
            Pattern.compile("// (?:Interface)?Method ([\\w/$]+)\\.(setAccessible|trySetAccessible|privateLookupIn):");

    @Test
    void noRuntimeClassOpensPrivateMembersReflectively() throws Exception {
        Path classes = Path.of(Procwire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes), "expected the runtime's compiled classes in a directory: " + classes);
        List<String> args = new ArrayList<>(List.of("-c", "-p"));
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).map(Path::toString).sorted().forEach(args::add);
        }
        assertTrue(args.size() > 20, "too few runtime classes found under " + classes);
        ToolProvider javap = ToolProvider.findFirst("javap")
                .orElseThrow(() -> new AssertionError("this test needs javap (module jdk.jdeps): run it on a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = javap.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        assertEquals(0, rc, "javap failed: " + err);

        TreeSet<String> found = new TreeSet<>();
        String currentClass = "?";
        for (String line : out.toString().split("\n")) {
            if (!line.startsWith(" ") && line.endsWith("{")) { // a class header: "final class a.B {"
                currentClass = line.substring(0, line.length() - 1).trim();
            }
            Matcher m = PRIVATE_ACCESS.matcher(line);
            if (m.find()) {
                found.add(currentClass + " calls " + m.group(1).replace('/', '.') + "." + m.group(2));
            }
        }
        assertTrue(found.isEmpty(), "runtime classes open private members of other code; use the library's public API"
                + " instead:\n  " + String.join("\n  ", found));
    }
}
