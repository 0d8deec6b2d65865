package dev.procwire.sample.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The check behind {@link RequiresNode}: tests are skipped with the reason, or fail when {@code CI=true}. */
final class NodeRequirement implements ExecutionCondition {
    private static final int MIN_NODE_MAJOR = 20;
    private static volatile String problem; // null = not checked yet; "" = fine

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String p = problem();
        if (p.isEmpty()) {
            return ConditionEvaluationResult.enabled("node and the @procwire packages are available");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true and the Node interop tests cannot run: " + p);
        }
        return ConditionEvaluationResult.disabled("skipping Node interop tests: " + p + " (they are required when CI=true)");
    }

    static String problem() {
        String p = problem;
        if (p == null) {
            p = check();
            problem = p;
        }
        return p;
    }

    private static String check() {
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!node.waitFor(20, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "`node --version` failed: " + version;
            }
        } catch (IOException e) {
            return "`node` is not on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking node";
        }
        try {
            int major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
            if (major < MIN_NODE_MAJOR) {
                return "node " + version + " is older than " + MIN_NODE_MAJOR;
            }
        } catch (RuntimeException e) {
            return "cannot read the node version from \"" + version + "\"";
        }
        Path modules = Workers.sampleDir().resolve("node_modules");
        for (String pkg : new String[] {"@procwire/core", "@procwire/client", "@procwire/codecs", "apache-arrow"}) {
            if (!Files.isRegularFile(modules.resolve(pkg).resolve("package.json"))) {
                return "procwire-sample/node_modules/" + pkg + " is missing (run `npm ci` in procwire-sample)";
            }
        }
        return "";
    }
}
