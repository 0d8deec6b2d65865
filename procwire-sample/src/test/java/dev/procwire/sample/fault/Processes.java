package dev.procwire.sample.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts about processes read from Linux's /proc. */
final class Processes {
    private Processes() {}

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");

    /**
     * Whether the process has exited. A process whose parent died is reparented, and it stays a zombie
     * until its new parent reaps it; a zombie has already released its memory, threads and descriptors,
     * so it counts as exited.
     */
    static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException e) {
            return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** Resident set size in bytes, or -1 once the process is gone. */
    static long rss(long pid) {
        return statusField(pid, RSS) * 1024;
    }

    /** Threads of the process, or -1 once it is gone. */
    static long threads(long pid) {
        return statusField(pid, THREADS);
    }

    private static long statusField(long pid, Pattern p) {
        try {
            Matcher m = p.matcher(Files.readString(Path.of("/proc/" + pid + "/status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
