package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.DispatchTest.assertStillServing;
import static dev.procwire.sample.interop.Wire.map;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Abort frames and dropped connections (docs/protocol.md#abort). */
@Timeout(60)
class CancellationTest {

    @Test
    void abortSuppressesTheAnswer() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c);
            c.request(w.methodId("sleep"), 5, pack(map("ms", 30_000))); // cancellable: ends at the abort
            RawWorker.sleep(50);
            c.abort(5);
            List<RawConnection.Frame> after = c.drain(Duration.ofMillis(1000));
            assertEquals(List.of(), after, "nothing is sent for an aborted request");
            assertStillServing(w, c);
        }
    }

    @Test
    void abortFiresTheTokenCallbacksAndSuppressesEvenALateAnswer() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            c.request(w.methodId("waitCancel"), 77, pack(map("ms", 10_000)));
            RawConnection.Frame waiting = c.expect();
            assertEquals(w.eventId("waiting"), waiting.methodId(), "the handler has started: " + waiting);
            c.abort(77);
            RawConnection.Frame f = c.expect(Duration.ofSeconds(2));
            assertEquals(w.eventId("cancelled"), f.methodId(), "the token's callback ran: " + f);
            assertEquals(0x01, f.flags());
            assertEquals(Map.of("requestId", 77L), f.value());
            // The handler then tries to answer; the runtime must drop that answer.
            assertEquals(List.of(), c.drain(Duration.ofMillis(500)), "an aborted request is never answered");
            assertTrue(w.stderr().contains("probe: cancelled 77"));
            assertStillServing(w, c);
        }
    }

    @Test
    void abortForAnUnknownOrFinishedIdIsIgnored() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.abort(123456);
            c.abort(0xFFFFFFFFL);
            c.request(w.methodId("echo"), 1, pack("done"));
            assertEquals("done", c.expect().value());
            c.abort(1); // finished
            assertEquals(List.of(), c.drain(Duration.ofMillis(300)), "an abort is never answered");
            assertStillServing(w, c);
        }
    }

    @Test
    void abortStopsAStreamWithoutAnEndOrErrorFrame() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("stream"), 9, pack(map("count", 10_000_000, "size", 1024)));
            for (int i = 0; i < 10; i++) {
                assertEquals(0x0B, c.expect().flags());
            }
            c.abort(9);
            // Chunks already in the socket still arrive; after them, nothing.
            List<RawConnection.Frame> rest = c.drain(Duration.ofMillis(500));
            for (RawConnection.Frame f : rest) {
                assertEquals(0x0B, f.flags(), "only chunks written before the abort may follow it: " + f);
            }
            assertTrue(rest.size() < 100_000, rest.size() + " chunks after the abort: the stream did not stop");
            assertStillServing(w, c);
        }
    }

    @Test
    void abortOfOneRequestLeavesTheOthersAlone() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("sleep"), 1, pack(map("ms", 30_000)));
            c.request(w.methodId("sleep"), 2, pack(map("ms", 300)));
            c.abort(1);
            RawConnection.Frame f = c.expect(Duration.ofSeconds(3));
            assertEquals(2, f.requestId());
            assertEquals("slept", f.value());
            assertEquals(List.of(), c.drain(Duration.ofMillis(300)));
        }
    }

    @Test
    void droppedConnectionCancelsEveryRequestInFlight() {
        try (RawWorker w = RawWorker.start(Workers.PROBE)) {
            try (RawConnection c = w.connect()) {
                for (int id = 1; id <= 3; id++) {
                    c.request(w.methodId("waitCancel"), id, pack(map("ms", 30_000)));
                }
                // Only handlers that have started can show their callbacks firing (a request still
                // waiting to start is dropped without running).
                for (int id = 1; id <= 3; id++) {
                    assertTrue(w.awaitStderr("probe: waiting " + id, Duration.ofSeconds(5)), "request " + id + " never started");
                }
            }
            for (int id = 1; id <= 3; id++) {
                assertTrue(w.awaitStderr("probe: cancelled " + id, Duration.ofSeconds(3)),
                        "request " + id + " was not cancelled when the connection dropped; stderr:\n" + w.stderr());
            }
            assertTrue(w.isAlive());
            w.ping(); // answered within its 5 s, or it fails
        }
    }
}
