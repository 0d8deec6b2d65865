package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.DispatchTest.assertStillServing;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One parent per worker: once a connection is adopted, nobody else gets in (docs/protocol.md#one-parent). */
@Timeout(60)
class OneParentTest {

    /** A second connection is refused, or closed without being served. */
    private static void assertSecondConnectionTurnedAway(RawWorker w) {
        RawConnection second;
        try {
            second = w.connect();
        } catch (UncheckedIOException refused) {
            return; // the listener is gone: refused outright
        }
        try (second) {
            second.request(w.methodId("echo"), 1, pack("intruder"));
            List<RawConnection.Frame> served = new ArrayList<>();
            assertTrue(second.awaitClosed(Duration.ofSeconds(3), served), "a second connection stays open");
            assertEquals(List.of(), served, "a second connection was served");
        }
    }

    @Test
    void secondConnectionIsTurnedAwayAndTheFirstKeepsWorking() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection first = w.connect()) {
            assertStillServing(w, first);
            assertSecondConnectionTurnedAway(w);
            assertSecondConnectionTurnedAway(w);
            assertStillServing(w, first);
        }
    }

    @Test
    void secondConnectionIsTurnedAwayWithAuthToo() {
        String token = "ab".repeat(32);
        try (RawWorker w = RawWorker.start(Workers.BENCH, Map.of("PROCWIRE_TOKEN", token)); RawConnection first = w.connect()) {
            first.write(RawConnection.frame(0xFFFE, 0, 0, token.getBytes(StandardCharsets.UTF_8)));
            assertStillServing(w, first);
            RawConnection second;
            try {
                second = w.connect();
            } catch (UncheckedIOException refused) {
                return;
            }
            try (second) {
                second.write(RawConnection.concat(RawConnection.frame(0xFFFE, 0, 0, token.getBytes(StandardCharsets.UTF_8)),
                        RawConnection.frame(w.methodId("echo"), 0, 1, pack("with a stolen token"))));
                List<RawConnection.Frame> served = new ArrayList<>();
                assertTrue(second.awaitClosed(Duration.ofSeconds(3), served), "a second authenticated connection stays open");
                assertEquals(List.of(), served, "a second parent was served");
            }
            assertStillServing(w, first);
        }
    }

    @Test
    void afterTheParentLeavesNobodyElseCanConnect() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            try (RawConnection first = w.connect()) {
                assertStillServing(w, first);
            }
            RawWorker.sleep(100);
            assertSecondConnectionTurnedAway(w);
            assertTrue(w.isAlive());
        }
    }
}
