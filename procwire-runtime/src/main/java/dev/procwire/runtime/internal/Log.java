package dev.procwire.runtime.internal;

import dev.procwire.runtime.WorkerOptions.LogLevel;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;

/**
 * The runtime's diagnostics, one line each on stderr (stdout is the control plane), but for failures
 * of the user's code, which come with their stack trace at every level. The level is the process's,
 * set by each worker as it starts from {@link WorkerOptions#logLevel()} (default {@code warn}).
 * Internal to the runtime.
 */
public final class Log {
    private Log() {}

    private static volatile LogLevel level = LogLevel.WARN;
    private static volatile PrintStream err = System.err;
    /** Lines of a stack trace printed by {@link #failure}; a stack overflow's has over a thousand. */
    private static final int MAX_TRACE_LINES = 200;

    /** Sets the level of every later line. */
    public static void setLevel(LogLevel l) {
        level = l;
    }

    private static boolean enabled(LogLevel l) {
        return level.compareTo(l) >= 0;
    }

    /** Pins the stream diagnostics go to (the real stderr, before user code can replace it). */
    public static void useStream(PrintStream stream) {
        err = stream;
    }

    public static void error(String message, Throwable t) {
        line("error", message + (t == null ? "" : ": " + describe(t)));
        if (t != null && enabled(LogLevel.DEBUG)) {
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
        if (enabled(LogLevel.WARN)) line("warn", message);
    }

    public static void info(String message) {
        if (enabled(LogLevel.INFO)) line("info", message);
    }

    /**
     * Whether {@code debug} lines are printed: for a caller on a hot path (a line per frame), which
     * should not even build its message otherwise.
     */
    public static boolean debugEnabled() {
        return enabled(LogLevel.DEBUG);
    }

    public static void debug(Supplier<String> message) {
        if (enabled(LogLevel.DEBUG)) line("debug", message.get());
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static void line(String level, String message) {
        err.println("[procwire " + level + "] " + message);
    }
}
