package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.RawConnection.concat;
import static dev.procwire.sample.interop.RawConnection.frame;
import static dev.procwire.sample.interop.Wire.map;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Requests and every kind of answer, seen frame by frame (docs/protocol.md#requests-and-answers). */
@Timeout(60)
class DispatchTest {
    static final int RESULT = 0x03, ACK = 0x23, CHUNK = 0x0B, END = 0x1B, ERROR = 0x07, STREAM_ERROR = 0x0F, EVENT = 0x01;

    /** The connection still serves requests. */
    static void assertStillServing(RawWorker w, RawConnection c) {
        c.request(w.methodId("echo"), 4242, pack("still here"));
        RawConnection.Frame f = c.expect();
        assertEquals(4242, f.requestId());
        assertEquals("still here", f.value());
        assertTrue(w.isAlive());
    }

    static Map<?, ?> errorOf(RawConnection.Frame f) {
        return assertInstanceOf(Map.class, f.value(), "an error is a {message, code?, data?} map");
    }

    // ---- dispatch ------------------------------------------------------------------------

    @Test
    void requestIdIsEchoedExactlyAsReceived() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            for (long requestId : new long[] {0xFFFFFFFFL, 0x80000000L, 0x7FFFFFFFL, 1, 0xFFFFFFFEL}) {
                c.request(w.methodId("echo"), requestId, pack("id"));
                RawConnection.Frame f = c.expect();
                assertEquals(requestId, f.requestId(), "request id 0x" + Long.toHexString(requestId));
                assertEquals(w.methodId("echo"), f.methodId(), "the answer echoes the method id");
                assertEquals(RESULT, f.flags());
            }
        }
    }

    @Test
    void slowHandlerDoesNotDelayAnotherResponse() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c); // the connection is adopted: what follows measures dispatch alone
            c.request(w.methodId("sleep"), 1, pack(map("ms", 1500)));
            long start = System.nanoTime();
            c.request(w.methodId("echo"), 2, pack("quick"));
            RawConnection.Frame first = c.expect();
            long ms = (System.nanoTime() - start) / 1_000_000;
            // Answered first, so not after the 1.5 s sleep: the order is the check, the time only its report.
            assertEquals(2, first.requestId(), "the quick request is answered first, after " + ms + " ms");
            assertEquals("slept", c.expect(Duration.ofSeconds(5)).value());
        }
    }

    @Test
    void cpuBoundHandlersDoNotDelayAnotherResponse() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            assertStillServing(w, c);
            int busy = 4; // twice the cores of this machine
            for (int i = 1; i <= busy; i++) {
                c.request(w.methodId("spin"), i, pack(map("ms", 1500)));
            }
            RawWorker.sleep(100);
            long start = System.nanoTime();
            c.request(w.methodId("echo"), 99, pack("quick"));
            RawConnection.Frame first = c.expect();
            long ms = (System.nanoTime() - start) / 1_000_000;
            // Answered before any of them, so it did not wait for one to end (a thread freed by a spin
            // would write that spin's answer first): the order is the check, the time only its report.
            assertEquals(99, first.requestId(), "the quick request is answered before the " + busy
                    + " CPU-bound ones, after " + ms + " ms");
            for (int i = 0; i < busy; i++) {
                assertEquals(1500L, c.expect(Duration.ofSeconds(10)).value());
            }
        }
    }

    // ---- answers -------------------------------------------------------------------------

    @Test
    void resultIsOneFrameWithTheResultFlags() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            Map<String, Object> payload = map("a", 1L, "b", "x", "list", List.of(1L, 2L), "nil", null);
            c.request(w.methodId("echo"), 7, pack(payload));
            RawConnection.Frame f = c.expect();
            assertEquals(RESULT, f.flags());
            assertEquals(payload, f.value());
            assertEquals(List.of(), c.drain(Duration.ofMillis(200)), "nothing follows a result");
        }
    }

    @Test
    void rawCodecAnswersWithTheBytesThemselvesEvenWhenEmpty() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("echoRaw"), 1, new byte[] {(byte) 0xc1, 0, (byte) 0xff});
            assertArrayEquals(new byte[] {(byte) 0xc1, 0, (byte) 0xff}, c.expect().payload(), "raw bytes are never parsed");
            c.request(w.methodId("echoRaw"), 2, new byte[0]);
            RawConnection.Frame f = c.expect();
            assertEquals(RESULT, f.flags());
            assertEquals(0, f.payload().length);
        }
    }

    @Test
    void ackCarriesItsDataAndTheHandlerKeepsWorking() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            c.request(w.methodId("ackThenEmit"), 3, pack(map()));
            RawConnection.Frame ack = c.expect();
            assertEquals(ACK, ack.flags());
            assertEquals(3, ack.requestId());
            assertEquals(Map.of("accepted", true), ack.value());
            RawConnection.Frame after = c.expect();
            assertEquals(w.eventId("afterAck"), after.methodId());
            assertEquals(EVENT, after.flags(), "the handler went on working after its ack");
            assertEquals(List.of(), c.drain(Duration.ofMillis(200)), "nothing else is sent for an acked request");
        }
    }

    /**
     * No ack data: an empty payload (a raw method) or a MsgPack nil (a MsgPack method: what the real
     * parent can decode); docs/protocol.md#frame-kinds.
     */
    static void assertAckWithoutData(RawConnection.Frame ack) {
        assertEquals(ACK, ack.flags());
        assertTrue(ack.payload().length == 0 || ack.value() == null, "ack data where there is none: " + ack);
    }

    @Test
    void ackWithoutDataCarriesNoValue() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            c.request(w.methodId("ackEmpty"), 4, pack(map()));
            assertAckWithoutData(c.expect());
            assertEquals(w.eventId("afterAck"), c.expect().methodId());
        }
    }

    @Test
    void ackMethodThatReturnsWithoutAckingIsAckedForIt() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            c.request(w.methodId("ackImplicit"), 6, pack(map()));
            RawConnection.Frame ack = c.expect();
            assertEquals(6, ack.requestId());
            assertAckWithoutData(ack);
            assertEquals(List.of(), c.drain(Duration.ofMillis(200)));
        }
    }

    @Test
    void benchAckThenWorkAcksWithAccepted() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("ackThenWork"), 8, pack(map()));
            RawConnection.Frame ack = c.expect();
            assertEquals(ACK, ack.flags());
            assertEquals(Map.of("accepted", true), ack.value());
            assertEquals(List.of(), c.drain(Duration.ofMillis(200)));
        }
    }

    @Test
    void streamSendsItsChunksThenAnEmptyEndFrame() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("stream"), 11, pack(map("count", 3, "size", 5)));
            for (int i = 0; i < 3; i++) {
                RawConnection.Frame chunk = c.expect();
                assertEquals(CHUNK, chunk.flags());
                assertEquals(11, chunk.requestId());
                assertArrayEquals(new byte[5], (byte[]) chunk.value());
            }
            RawConnection.Frame end = c.expect();
            assertEquals(END, end.flags());
            assertEquals(0, end.payload().length, "the end frame is always empty");
            assertEquals(List.of(), c.drain(Duration.ofMillis(200)));
        }
    }

    @Test
    void emptyStreamIsJustTheEndFrame() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("stream"), 12, pack(map("count", 0, "size", 5)));
            RawConnection.Frame end = c.expect();
            assertEquals(END, end.flags());
            assertEquals(0, end.payload().length);
        }
    }

    @Test
    void noneMethodSendsNothingButItsHandlerRuns() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("fireAndForget"), 0, pack(map("z", 1)));
            RawConnection.Frame event = c.expect();
            assertEquals(EVENT, event.flags(), "the handler ran and emitted");
            assertEquals(Map.of("seq", -1L, "got", Map.of("z", 1L)), event.value());
            assertEquals(List.of(), c.drain(Duration.ofMillis(300)), "a none method is never answered");
        }
    }

    @Test
    void errorCarriesMessageCodeAndData() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("fail"), 13, pack(map("message", "boom", "code", "E_BOOM", "data", map("k", List.of(1, 2)))));
            RawConnection.Frame f = c.expect();
            assertEquals(ERROR, f.flags());
            assertEquals(13, f.requestId());
            assertEquals(Map.of("message", "boom", "code", "E_BOOM", "data", Map.of("k", List.of(1L, 2L))), errorOf(f));
            assertStillServing(w, c);
        }
    }

    @Test
    void errorWithOnlyAMessageHasNoCodeOrData() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("fail"), 14, pack(map("message", "plain")));
            assertEquals(Map.of("message", "plain"), errorOf(c.expect()));
        }
    }

    @Test
    void eventsHaveRequestIdZeroAndArriveBeforeTheResult() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("emit"), 21, pack(map("count", 3)));
            for (long i = 0; i < 3; i++) {
                RawConnection.Frame e = c.expect();
                assertEquals(EVENT, e.flags());
                assertEquals(0, e.requestId());
                assertEquals(w.eventId("tick"), e.methodId());
                assertEquals(Map.of("seq", i), e.value());
            }
            RawConnection.Frame result = c.expect();
            assertEquals(RESULT, result.flags());
            assertEquals(3L, result.value());
        }
    }

    @Test
    void eventsFromOtherThreadsArriveWholeAndInOrderPerThread() {
        try (RawWorker w = RawWorker.start(Workers.PROBE); RawConnection c = w.connect()) {
            int threads = 4, count = 2000;
            c.request(w.methodId("emitFromThreads"), 5, pack(map("threads", threads, "count", count)));
            List<RawConnection.Frame> frames = c.readUntil(f -> f.requestId() == 5, Duration.ofSeconds(20));
            long[] next = new long[threads];
            for (RawConnection.Frame f : frames.subList(0, frames.size() - 1)) {
                assertEquals(EVENT, f.flags());
                Map<?, ?> v = (Map<?, ?>) f.value();
                int t = ((Long) v.get("thread")).intValue();
                assertEquals(next[t]++, v.get("seq"), "events of thread " + t + " in order");
            }
            for (int t = 0; t < threads; t++) {
                assertEquals(count, next[t], "every event of thread " + t);
            }
            assertEquals((long) threads * count, frames.get(frames.size() - 1).value());
        }
    }

    // ---- bad requests --------------------------------------------------------------------

    @Test
    void unknownMethodIdGetsAnErrorAndTheConnectionStaysUp() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(200, 31, pack("x"));
            RawConnection.Frame f = c.expect();
            assertEquals(ERROR, f.flags());
            assertEquals(200, f.methodId());
            assertEquals(31, f.requestId());
            assertTrue(errorOf(f).get("message") instanceof String);
            c.request(0xFFFD, 32, new byte[0]);
            assertEquals(ERROR, c.expect().flags());
            assertStillServing(w, c);
        }
    }

    @Test
    void malformedPayloadIsAnErrorForThatRequestOnly() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            for (String hex : new String[] {"c1", "9201", "", "dd7fffffff", "db7fffffff61", "a5616263", "82a161", "c70a01"}) {
                c.request(w.methodId("echo"), 41, HexFormat.of().parseHex(hex));
                RawConnection.Frame f = c.expect();
                assertEquals(ERROR, f.flags(), "malformed payload " + hex + " answered " + f);
                assertEquals(41, f.requestId());
                assertEquals("INVALID_PARAMS", errorOf(f).get("code"), "payload " + hex);
                assertTrue(((String) errorOf(f).get("message")).length() > 0);
                assertStillServing(w, c);
            }
        }
    }

    @Test
    void mistypedPayloadIsAnErrorForThatRequestOnly() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("emit"), 51, pack(map("count", "three")));
            RawConnection.Frame f = c.expect();
            assertEquals(ERROR, f.flags());
            assertEquals(51, f.requestId());
            c.request(w.methodId("sleep"), 52, pack("not a map"));
            assertEquals(ERROR, c.expect().flags());
            assertStillServing(w, c);
        }
    }

    @Test
    void mistypedStreamRequestEndsTheStreamWithAnError() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.request(w.methodId("stream"), 61, pack("not a map"));
            RawConnection.Frame f = c.expect();
            assertEquals(STREAM_ERROR, f.flags(), "a stream's error carries the stream flag so the parent routes it");
            assertEquals(61, f.requestId());
            assertStillServing(w, c);
        }
    }

    @Test
    void manyBadRequestsInARowNeverCostTheConnection() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            java.util.Random rnd = new java.util.Random(99);
            byte[][] frames = new byte[300][];
            for (int i = 0; i < frames.length; i++) {
                byte[] junk = new byte[rnd.nextInt(20)];
                rnd.nextBytes(junk);
                int method = 1 + rnd.nextInt(8); // every method but fireAndForget (id 9) answers
                if (method == 6) {
                    method = 1; // no spin: keep it quick
                }
                if (junk.length > 0 && method != 2) {
                    // 0xc1 is never valid MsgPack: random bytes could otherwise spell a valid, huge
                    // argument (emit 4 billion events, sleep for weeks) that the test would wait for.
                    junk[0] = (byte) 0xc1;
                }
                frames[i] = frame(method, 0, i + 1, junk);
            }
            c.write(concat(frames));
            int answered = 0;
            while (answered < frames.length) {
                RawConnection.Frame f = c.read(Duration.ofSeconds(10));
                assertTrue(f != null, "after " + answered + " answers the worker went quiet; closed=" + c.closedByPeer());
                if ((f.flags() & 0x02) != 0 && ((f.flags() & 0x08) == 0 || (f.flags() & 0x14) != 0)) {
                    answered++; // a final answer: result, ack, error, or stream end/error
                }
            }
            assertFalse(c.closedByPeer());
            assertStillServing(w, c);
        }
    }
}
