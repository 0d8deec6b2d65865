package dev.procwire.runtime;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The runtime's diagnostics, one line each on stderr (stdout is the control plane), but for failures
 * of the user's code, which come with their stack trace at every level. The level comes
 * from {@code PROCWIRE_LOG} ({@code error}, {@code warn}, {@code info}, {@code debug}; default
 * {@code warn}). Internal to the runtime.
 */
public final class Log {
    private Log() {}

    private static final int ERROR = 0, WARN = 1, INFO = 2, DEBUG = 3, UNKNOWN = -1;
    private static final String SETTING = System.getenv("PROCWIRE_LOG");
    private static final int PARSED = parse(SETTING);
    private static final int LEVEL = PARSED == UNKNOWN ? WARN : PARSED;
    private static volatile PrintStream err = System.err;
    /** Lines of a stack trace printed by {@link #failure}; a stack overflow's has over a thousand. */
    private static final int MAX_TRACE_LINES = 200;

    private static int parse(String s) {
        if (s == null || s.isBlank()) return WARN;
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error": return ERROR;
            case "warn": return WARN;
            case "info": return INFO;
            case "debug": case "trace": return DEBUG;
            default: return UNKNOWN;
        }
    }

    /**
     * Why {@code PROCWIRE_LOG} cannot be used, or {@code null}: a level nobody asked for would hide the
     * diagnostics the setting was meant to show, so the worker refuses to start instead.
     */
    static String settingProblem() {
        return PARSED != UNKNOWN ? null
                : "PROCWIRE_LOG must be error, warn, info or debug, was \"" + SETTING + "\"";
    }

    /** Pins the stream diagnostics go to (the real stderr, before user code can replace it). */
    static void useStream(PrintStream stream) {
        err = stream;
    }

    public static void error(String message, Throwable t) {
        line("error", message + (t == null ? "" : ": " + describe(t)));
        if (t != null && LEVEL >= DEBUG) {
            t.printStackTrace(err);
        }
    }

    /**
     * A failure of the user's code, such as a handler that threw: always printed with its stack trace,
     * because that is where the fix is (the runtime's own errors say what to do in their message).
     * Written with one call, so that lines of concurrent failures do not interleave.
     */
    public static void failure(String message, Throwable t) {
        StringWriter text = new StringWriter();
        text.append("[procwire error] ").append(message).append(": ").append(describe(t)).append(System.lineSeparator());
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String[] lines = trace.toString().split("\\R");
        int shown = Math.min(lines.length, MAX_TRACE_LINES);
        for (int i = 0; i < shown; i++) {
            text.append(lines[i]).append(System.lineSeparator());
        }
        if (shown < lines.length) {
            text.append("\t... ").append(String.valueOf(lines.length - shown)).append(" more lines")
                    .append(System.lineSeparator());
        }
        err.print(text);
        err.flush();
    }

    public static void warn(String message) {
        if (LEVEL >= WARN) line("warn", message);
    }

    public static void info(String message) {
        if (LEVEL >= INFO) line("info", message);
    }

    public static void debug(Supplier<String> message) {
        if (LEVEL >= DEBUG) line("debug", message.get());
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void line(String level, String message) {
        err.println("[procwire " + level + "] " + message);
    }
}
