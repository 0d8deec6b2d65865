package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.RawConnection.concat;
import static dev.procwire.sample.interop.RawConnection.frame;
import static dev.procwire.sample.interop.RawConnection.header;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Receive-side validation with frames the real parent never sends
 * (docs/protocol.md#validation-on-receipt): a broken header drops the connection before anything is
 * allocated for its payload, and the worker lives on.
 */
@Timeout(60)
class FramingTest {
    private static final long MiB = 1 << 20;

    /** The worker closed the connection without answering anything, and is still alive and answering pings. */
    static void assertDroppedAndWorkerAlive(RawWorker w, RawConnection c) {
        List<RawConnection.Frame> received = new ArrayList<>();
        assertTrue(c.awaitClosed(Duration.ofSeconds(5), received), "the worker keeps a connection that broke the protocol");
        assertEquals(List.of(), received, "nothing is served on a connection that broke the protocol");
        assertTrue(w.isAlive(), "the worker died:\n" + w.stderr());
        w.ping(); // the worker answers $ping after dropping the connection (or the call fails)
    }

    @Test
    void methodIdZeroDropsTheConnection() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.write(frame(0, 0, 1, pack("x")));
            assertDroppedAndWorkerAlive(w, c);
        }
    }

    @ParameterizedTest(name = "flags 0x{0}")
    @ValueSource(strings = {"40", "80", "c0", "41"})
    void reservedFlagBitsDropTheConnection(String flagsHex) {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.write(frame(w.methodId("echo"), Integer.parseInt(flagsHex, 16), 1, pack("x")));
            assertDroppedAndWorkerAlive(w, c);
        }
    }

    @ParameterizedTest(name = "claimed length {0}")
    @ValueSource(longs = {(1L << 30) + 1, 3L << 30, 0xFFFFFFFFL})
    void lengthAboveTheDefaultMaximumDropsTheConnectionWithoutAllocating(long claimed) {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            DispatchTest.assertStillServing(w, c); // adopted and serving before the measurement starts
            long before = w.rssBytes();
            c.write(concat(header(w.methodId("echoRaw"), 0, 1, claimed), new byte[4096]));
            assertDroppedAndWorkerAlive(w, c);
            long grown = w.rssBytes() - before;
            System.out.println("claim of " + claimed + " bytes: worker RSS grew " + grown / 1024 + " KiB");
            assertTrue(grown < 64 * MiB, "a " + claimed + "-byte claim grew the worker by " + grown / MiB + " MiB");
        }
    }

    @Test
    void lengthAtTheMaximumIsAcceptedButOnlyWhatArrivesIsAllocated() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            DispatchTest.assertStillServing(w, c); // adopted and serving before the measurement starts
            long before = w.rssBytes();
            c.write(concat(header(w.methodId("echoRaw"), 0, 1, 1L << 30), new byte[64 * 1024]));
            RawWorker.sleep(300);
            assertFalse(c.awaitClosed(Duration.ofMillis(200), null), "a frame of exactly the maximum is legal");
            long grown = w.rssBytes() - before;
            System.out.println("1 GiB claim, 64 KiB sent: worker RSS grew " + grown / 1024 + " KiB");
            assertTrue(grown < 96 * MiB, "a 1 GiB claim with 64 KiB sent grew the worker by " + grown / MiB + " MiB");
            w.ping(); // answered within its 5 s, or it fails
        }
    }

    @Test
    void configuredMaximumIsEnforcedToTheByte() {
        Map<String, String> env = Map.of("PROCWIRE_MAX_PAYLOAD", "1024");
        try (RawWorker w = RawWorker.start(Workers.BENCH, env); RawConnection c = w.connect()) {
            byte[] exactly = new byte[1024];
            exactly[1023] = 7;
            c.request(w.methodId("echoRaw"), 1, exactly);
            assertArrayEquals(exactly, c.expect().payload(), "1024 bytes are within a 1024-byte maximum");
            c.request(w.methodId("echoRaw"), 2, new byte[1025]);
            assertDroppedAndWorkerAlive(w, c);
        }
    }

    @Test
    void manyFramesInOneWriteAreAllServedInOrderPerId() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            int n = 200;
            byte[][] frames = new byte[n][];
            for (int i = 0; i < n; i++) {
                frames[i] = frame(w.methodId("echo"), 0, i + 1, pack((long) i));
            }
            c.write(concat(frames));
            boolean[] seen = new boolean[n + 1];
            for (int i = 0; i < n; i++) {
                RawConnection.Frame f = c.expect();
                assertEquals(f.requestId() - 1, f.value(), "answer matches its request");
                seen[(int) f.requestId()] = true;
            }
            for (int i = 1; i <= n; i++) {
                assertTrue(seen[i], "request " + i + " answered");
            }
        }
    }

    @Test
    void frameWrittenOneByteAtATimeIsServed() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            byte[] f = frame(w.methodId("echo"), 0, 5, pack("slow"));
            for (byte b : f) {
                c.write(new byte[] {b});
                RawWorker.sleep(2);
            }
            RawConnection.Frame answer = c.expect();
            assertEquals(5, answer.requestId());
            assertEquals("slow", answer.value());
        }
    }

    @Test
    void largePayloadRoundTripsIntact() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            byte[] big = new byte[900 * 1024];
            new java.util.Random(1).nextBytes(big);
            c.request(w.methodId("echoRaw"), 9, big);
            RawConnection.Frame f = c.expect();
            assertEquals(0x03, f.flags());
            assertArrayEquals(big, f.payload());
        }
    }

    @Test
    void connectionClosedMidFrameLeavesTheWorkerAlive() {
        try (RawWorker w = RawWorker.start(Workers.BENCH)) {
            try (RawConnection c = w.connect()) {
                c.write(concat(header(w.methodId("echoRaw"), 0, 1, 1000), new byte[10]));
            }
            RawWorker.sleep(100);
            assertTrue(w.isAlive());
            w.ping(); // answered within its 5 s, or it fails
        }
    }
}
