package dev.procwire.sample.interop;

import static dev.procwire.sample.interop.RawConnection.concat;
import static dev.procwire.sample.interop.RawConnection.frame;
import static dev.procwire.sample.interop.RawConnection.header;
import static dev.procwire.sample.interop.Wire.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The opt-in auth handshake with {@code PROCWIRE_TOKEN} (docs/protocol.md#auth). */
@Timeout(60)
class AuthTest {
    private static final String TOKEN = "0123456789abcdef".repeat(4);
    private static final int AUTH = 0xFFFE;

    private static RawWorker start() {
        return RawWorker.start(Workers.BENCH, Map.of("PROCWIRE_TOKEN", TOKEN));
    }

    private static byte[] auth(String token) {
        return frame(AUTH, 0, 0, token.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] echo(RawWorker w, long id, String text) {
        return frame(w.methodId("echo"), 0, id, pack(text));
    }

    /** The connection is closed and none of its frames was served. */
    private static void assertRejected(RawConnection c) {
        List<RawConnection.Frame> served = new ArrayList<>();
        assertTrue(c.awaitClosed(Duration.ofSeconds(3), served), "an unauthenticated connection stays open");
        assertEquals(List.of(), served, "an unauthenticated connection was served");
    }

    private static void assertAdoptedAndServing(RawWorker w) {
        try (RawConnection good = w.connect()) {
            good.write(concat(auth(TOKEN), echo(w, 1, "authenticated")));
            RawConnection.Frame f = good.expect();
            assertEquals(1, f.requestId());
            assertEquals("authenticated", f.value());
        }
    }

    @Test
    void correctTokenAdoptsTheConnectionAndFramesInTheSameWriteAreServed() {
        try (RawWorker w = start()) {
            assertAdoptedAndServing(w);
        }
    }

    @Test
    void requestBeforeAuthIsNotServedAndTheConnectionIsClosed() {
        try (RawWorker w = start()) {
            try (RawConnection c = w.connect()) {
                c.write(echo(w, 1, "sneaky"));
                assertRejected(c);
            }
            assertAdoptedAndServing(w);
        }
    }

    @Test
    void wrongTokenClosesTheConnectionWithoutServingFramesFromTheSameWrite() {
        try (RawWorker w = start()) {
            try (RawConnection c = w.connect()) {
                c.write(concat(auth("f".repeat(64)), echo(w, 1, "a"), echo(w, 2, "b")));
                assertRejected(c);
            }
            assertAdoptedAndServing(w);
        }
    }

    @Test
    void tokenPrefixesAndExtensionsAreRejected() {
        try (RawWorker w = start()) {
            for (String bad : new String[] {TOKEN.substring(0, 63), TOKEN + "0", "", TOKEN.toUpperCase()}) {
                try (RawConnection c = w.connect()) {
                    c.write(concat(auth(bad), echo(w, 1, "x")));
                    assertRejected(c);
                }
            }
            assertAdoptedAndServing(w);
        }
    }

    @Test
    void hugeFrameBeforeAuthIsRejectedWithoutAllocating() {
        try (RawWorker w = start()) {
            try (RawConnection warmUp = w.connect()) { // the first connection pays the listener's one-time set-up
                warmUp.write(auth("0".repeat(64)));
                assertRejected(warmUp);
            }
            long before = w.rssBytes();
            try (RawConnection c = w.connect()) {
                c.write(concat(header(AUTH, 0, 0, 1L << 30), new byte[1024]));
                assertRejected(c);
            }
            long grown = w.rssBytes() - before;
            assertTrue(grown < 32L << 20, "a 1 GiB auth claim grew the worker by " + (grown >> 20) + " MiB");
            assertAdoptedAndServing(w);
        }
    }

    @Test
    void silentConnectionDoesNotLockOutTheRealParent() {
        try (RawWorker w = start(); RawConnection squatter = w.connect()) {
            RawWorker.sleep(100);
            assertAdoptedAndServing(w);
            assertFalse(squatter.read(Duration.ofMillis(100)) != null, "the squatter gets nothing");
        }
    }

    @Test
    void strayAuthFrameAfterAdoptionIsIgnored() {
        try (RawWorker w = start(); RawConnection c = w.connect()) {
            c.write(concat(auth(TOKEN), echo(w, 1, "one")));
            assertEquals("one", c.expect().value());
            c.write(concat(auth("wrong".repeat(8)), echo(w, 2, "two"), auth(TOKEN), echo(w, 3, "three")));
            // Requests run concurrently, so their answers may come in either order.
            java.util.Set<Object> answers = new java.util.HashSet<>();
            answers.add(c.expect().value());
            answers.add(c.expect().value());
            assertEquals(java.util.Set.of("two", "three"), answers);
            assertEquals(List.of(), c.drain(Duration.ofMillis(200)), "an auth frame is never answered");
        }
    }

    @Test
    void withoutATokenNoAuthFrameIsNeeded() {
        try (RawWorker w = RawWorker.start(Workers.BENCH); RawConnection c = w.connect()) {
            c.write(echo(w, 1, "open"));
            assertEquals("open", c.expect().value());
        }
    }
}
