package dev.procwire.runtime;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Whether this process was started by hand in a terminal rather than by a parent through pipes. */
final class Terminal {
    private Terminal() {}

    private static final Path STDIN_LINK = Path.of("/proc/self/fd/0");

    /** True when stdin is a terminal. A parent always pipes it, so this is a person running the worker. */
    static boolean interactive() {
        // On Linux, ask /proc: System.console() costs about 30 ms of start-up on JDK 25, even when it
        // finds no console.
        if (Files.exists(STDIN_LINK, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(STDIN_LINK).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return consoleIsTerminal();
    }

    /** Elsewhere: a console whose stdin and stdout are terminals. */
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false; // up to JDK 21: there is a console only when stdin and stdout are terminals
        }
        // From JDK 22 there may be a console without a terminal; Console.isTerminal (22+) tells them apart.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
