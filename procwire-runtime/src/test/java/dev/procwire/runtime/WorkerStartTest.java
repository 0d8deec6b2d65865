package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What starting an embedded worker does to the process around it. */
class WorkerStartTest {
    @TempDir
    Path dir;

    private static Handlers echo() {
        return Handlers.builder().method("echo", c -> c.reply(Codecs.VALUE, c.reader().readValue())).build();
    }

    private static Map<Object, Object> properties() {
        return new HashMap<>(System.getProperties());
    }

    /** The properties that differ between the two snapshots, with their values before and after. */
    private static Map<Object, String> changed(Map<Object, Object> before, Map<Object, Object> after) {
        Map<Object, String> changes = new TreeMap<>(Comparator.comparing(String::valueOf));
        Set<Object> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (Object k : keys) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                changes.put(k, before.get(k) + " -> " + after.get(k));
            }
        }
        return changes;
    }

    @Test
    void startingAWorkerLeavesSystemPropertiesAsTheyWere() throws Exception {
        Map<Object, Object> before = properties();
        Worker w = Worker.start(echo(), WorkerOptions.defaults().withVirtualThreads(true), InputStream.nullInputStream(),
                new ByteArrayOutputStream(), Map.of("XDG_RUNTIME_DIR", dir.toString()));
        try {
            assertEquals(Map.of(), changed(before, properties()));
        } finally {
            w.shutdown("test over");
            assertTrue(w.awaitTermination(30, TimeUnit.SECONDS));
        }
    }
}
