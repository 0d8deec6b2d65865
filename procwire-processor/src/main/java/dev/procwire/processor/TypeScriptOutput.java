package dev.procwire.processor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Where the TypeScript of each service goes: {@code META-INF/procwire/typescript/X.procwire.mjs} and
 * {@code X.procwire.d.mts} in the class output (so they travel in the jar), and the same two files in
 * the directory of the processor option {@value #DIR_OPTION} when it is set. Files are named by the
 * service's simple name; two services of one compilation with the same simple name are an error, unless
 * {@value #QUALIFIED_OPTION}{@code =true} names every file by the qualified name
 * ({@code dev.procwire.sample.SeedWorker.procwire.mjs}).
 */
final class TypeScriptOutput {
    static final String DIR_OPTION = "procwire.typescript.dir";
    static final String QUALIFIED_OPTION = "procwire.typescript.qualifiedNames";
    static final String RESOURCE_DIR = "META-INF/procwire/typescript/";

    private final Filer filer;
    private final Elements elements;
    private final ErrorReporter errors;
    private final Path dir;
    private final boolean qualified;
    /** File base name → the service that wrote it, for the whole compilation. */
    private final Map<String, String> written = new HashMap<>();

    TypeScriptOutput(Filer filer, Elements elements, ErrorReporter errors, Map<String, String> options) {
        this.filer = filer;
        this.elements = elements;
        this.errors = errors;
        String d = options.get(DIR_OPTION);
        this.dir = d == null || d.isBlank() ? null : Path.of(d);
        this.qualified = Boolean.parseBoolean(options.get(QUALIFIED_OPTION));
    }

    /** Writes the two files of {@code model}'s service, or reports why it cannot. */
    void write(ServiceModel model) {
        TypeElement service = model.element();
        String qualifiedName = service.getQualifiedName().toString();
        String base = qualified ? qualifiedName : service.getSimpleName().toString();
        String earlier = written.putIfAbsent(base, qualifiedName);
        if (earlier != null && !earlier.equals(qualifiedName)) {
            errors.error(service, "services " + earlier + " and " + qualifiedName + " would both write the TypeScript "
                    + "module " + base + ".procwire.mjs: rename one, or compile with -A" + QUALIFIED_OPTION
                    + "=true to name every module by its service's qualified name");
            return;
        }
        String clash = TypeScriptGenerator.clientMemberClash(model);
        if (clash != null) {
            errors.error(service, clash);
            return;
        }
        TypeScriptGenerator.Files files = TypeScriptGenerator.generate(model, docs(service));
        write(service, base + ".procwire.mjs", files.module());
        write(service, base + ".procwire.d.mts", files.declarations());
    }

    private void write(TypeElement service, String name, String text) {
        try {
            FileObject out = filer.createResource(StandardLocation.CLASS_OUTPUT, "", RESOURCE_DIR + name, service);
            try (Writer w = out.openWriter()) {
                w.write(text);
            }
            if (dir != null) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            errors.error(service, "could not write the TypeScript file " + name + ": " + e);
        }
    }

    /** The Javadoc of each method the service has (its own and inherited), by name, as plain text. */
    private Map<String, String> docs(TypeElement service) {
        Map<String, String> docs = new TreeMap<>();
        for (Element e : elements.getAllMembers(service)) {
            if (e.getKind() == ElementKind.METHOD) {
                String doc = elements.getDocComment(e);
                if (doc != null && !doc.isBlank()) {
                    docs.putIfAbsent(((ExecutableElement) e).getSimpleName().toString(), plain(doc));
                }
            }
        }
        return docs;
    }

    /** The description of a Javadoc comment (block tags dropped), with inline tags as Markdown. */
    static String plain(String doc) {
        StringBuilder b = new StringBuilder();
        for (String line : doc.split("\n")) {
            if (line.strip().startsWith("@")) {
                break;
            }
            b.append(line.strip()).append('\n');
        }
        return inlineTags(b.toString().strip())
                .replaceAll("(?i)<p>", "\n")
                .replaceAll("(?i)</?(p|em|strong|b|i|code|pre|ul|ol|li|br)>", "");
    }

    /** {@code {@code x}} as {@code `x`}, {@code {@link A#b label}} as its label, else as {@code `A#b`}. */
    private static String inlineTags(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{@", i);
            if (open < 0) {
                break;
            }
            // Inline tags may hold balanced braces: {@code {a, b}}.
            int depth = 0;
            int close = -1;
            for (int j = open; j < text.length() && close < 0; j++) {
                char c = text.charAt(j);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    close = j;
                }
            }
            if (close < 0) {
                break;
            }
            out.append(text, i, open);
            String body = text.substring(open + 2, close);
            int space = body.indexOf(' ');
            String tag = space < 0 ? body : body.substring(0, space);
            String arg = space < 0 ? "" : body.substring(space + 1).strip();
            if (tag.startsWith("link")) {
                int labelAt = arg.indexOf(' ');
                out.append(labelAt < 0 ? "`" + arg.replaceFirst("^#", "") + "`" : arg.substring(labelAt + 1).strip());
            } else {
                out.append('`').append(arg).append('`');
            }
            i = close + 1;
        }
        return out.append(text.substring(Math.min(i, text.length()))).toString();
    }
}
