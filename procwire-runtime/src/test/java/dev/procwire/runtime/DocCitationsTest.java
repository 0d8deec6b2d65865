package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Code, tests, scripts and documents cite the repository's own documents — a path under {@code docs/}
 * with an optional {@code #anchor}, or a relative Markdown link between documents — so a reader can
 * follow every citation. These tests keep each one pointing at a file and a heading that exist, and
 * keep out citations of documents that are not in the repository.
 */
class DocCitationsTest {
    /** {@code docs/<name>.md} or {@code docs/<name>.md#<anchor>}, anywhere in any text file. */
    private static final Pattern DOCS_CITATION =
            Pattern.compile("\\bdocs/([A-Za-z0-9_.-]+\\.md)(#[A-Za-z0-9_-]+)?");
    /** A relative Markdown link to a document, {@code [text](file.md#anchor)}, or into itself: {@code (#anchor)}. */
    private static final Pattern MARKDOWN_LINK =
            Pattern.compile("\\]\\(([A-Za-z0-9_./-]+\\.md)?(#[A-Za-z0-9_-]+)?\\)");
    /** Design and protocol notes that live outside the repository: their content is in docs/ now. */
    private static final Pattern OUTSIDE_DOCUMENT = Pattern.compile("\\b(PROTOCOL|DESIGN)\\.md\\b");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "node_modules", "target", ".idea");

    private static final Path ROOT = repoRoot();

    @Test
    void everyDocsCitationNamesAFileAndHeadingThatExist() {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        forEachLine((file, lineNumber, line) -> {
            Matcher m = DOCS_CITATION.matcher(line);
            while (m.find()) {
                Path target = ROOT.resolve("docs").resolve(m.group(1));
                check(target, m.group(2), file, lineNumber, m.group(), anchors, broken);
            }
            if (file.getFileName().toString().endsWith(".md")) {
                Matcher link = MARKDOWN_LINK.matcher(line);
                while (link.find()) {
                    if (link.group(1) == null && link.group(2) == null) {
                        continue; // "[x]()": not a citation
                    }
                    Path target = link.group(1) == null ? file
                            : file.getParent().resolve(link.group(1)).normalize();
                    check(target, link.group(2), file, lineNumber, link.group(), anchors, broken);
                }
            }
        });
        assertTrue(broken.isEmpty(), () -> "citations that lead nowhere (fix the path or the anchor, or add the"
                + " heading):\n" + String.join("\n", broken));
    }

    @Test
    void nothingCitesDocumentsOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        forEachLine((file, lineNumber, line) -> {
            if (OUTSIDE_DOCUMENT.matcher(line).find()) {
                found.add(ROOT.relativize(file) + ":" + lineNumber + ": " + line.strip());
            }
        });
        assertTrue(found.isEmpty(), () -> "documents outside the repository are cited; cite docs/protocol.md or"
                + " docs/design.md, with an #anchor, instead:\n" + String.join("\n", found));
    }

    @Test
    void anchorsFollowTheHeadingsTheWayMarkdownViewersDo() {
        assertEquals(List.of("frames", "the-init-message", "who-may-connect", "frames-1", "limits-and-defaults"),
                List.copyOf(anchorsOf(List.of("# Frames", "## The `$init` message", "### Who may connect?",
                        "## Frames", "## Limits, and defaults"))));
    }

    @Test
    void theScanSeesTheDocumentsAndTheSources() {
        Set<String> seen = new LinkedHashSet<>();
        forEachLine((file, lineNumber, line) -> seen.add(ROOT.relativize(file).toString().replace('\\', '/')));
        assertTrue(seen.contains("docs/protocol.md"), "docs/protocol.md is not scanned");
        assertTrue(seen.contains("procwire-runtime/src/test/java/dev/procwire/runtime/DocCitationsTest.java"),
                "the sources are not scanned (repository root: " + ROOT + ")");
    }

    private static void check(Path target, String anchor, Path file, int lineNumber, String citation,
            Map<Path, Set<String>> anchors, List<String> broken) {
        String at = ROOT.relativize(file) + ":" + lineNumber + ": " + citation;
        if (!Files.isRegularFile(target)) {
            broken.add(at + " (no file " + ROOT.relativize(target) + ")");
            return;
        }
        Set<String> known = anchor == null ? Set.of() : anchors.computeIfAbsent(target, DocCitationsTest::anchorsOf);
        if (anchor != null && !known.contains(anchor.substring(1))) {
            broken.add(at + " (no heading with anchor " + anchor + " in " + ROOT.relativize(target) + ")");
        }
    }

    private static Set<String> anchorsOf(Path document) {
        try {
            return anchorsOf(Files.readAllLines(document, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The anchors of a document's headings, as GitHub derives them: lower case, punctuation dropped,
     * spaces turned into hyphens, and a repeated anchor numbered {@code -1}, {@code -2}, …
     */
    private static Set<String> anchorsOf(List<String> lines) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> repeats = new HashMap<>();
        boolean inFence = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (inFence || !m.matches()) {
                continue;
            }
            StringBuilder slug = new StringBuilder();
            m.group(1).toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
                if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                    slug.appendCodePoint(c);
                } else if (c == ' ') {
                    slug.append('-');
                }
            });
            String base = slug.toString();
            int n = repeats.merge(base, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? base : base + "-" + n);
        }
        return anchors;
    }

    @FunctionalInterface
    private interface LineVisitor {
        void visit(Path file, int lineNumber, String line);
    }

    /** Every line of every text file of the repository, outside build output and dependencies. */
    private static void forEachLine(LineVisitor visitor) {
        Map<Path, List<String>> files = new TreeMap<>();
        try {
            Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(ROOT) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && attrs.size() < (4 << 20)) {
                        byte[] bytes = Files.readAllBytes(file);
                        if (!isBinary(bytes)) {
                            files.put(file, new String(bytes, StandardCharsets.UTF_8).lines().toList());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.forEach((file, lines) -> {
            for (int i = 0; i < lines.size(); i++) {
                visitor.visit(file, i + 1, lines.get(i));
            }
        });
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The nearest directory above the module that holds the reactor's pom and the runtime module. */
    private static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("procwire-runtime"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }
}
