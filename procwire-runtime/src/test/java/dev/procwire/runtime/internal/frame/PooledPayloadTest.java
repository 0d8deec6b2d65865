package dev.procwire.runtime.internal.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leases on pooled direct buffers: one release each, no use after it, and poison under checks. */
class PooledPayloadTest {

    @BeforeEach
    void keepIdleBuffersThroughoutEachTest() {
        DirectPayloads.keepIdleFor(TimeUnit.HOURS.toNanos(1)); // a busy machine may pause between two steps
    }

    @AfterEach
    void restoreKeepTime() {
        DirectPayloads.keepIdleFor(DirectPayloads.KEEP_IDLE_NANOS);
    }

    @Test
    void theSuiteRunsWithChecksOn() {
        assertTrue(DirectPayloads.CHECKING, "tests run with -ea, which turns the payload checks on");
    }

    @Test
    void secondReleaseFailsAndDoesNotPoolTheBufferTwice() {
        PooledPayload p = DirectPayloads.take(100_000);
        p.release();
        long idle = DirectPayloads.idleBytes();
        AssertionError e = assertThrows(AssertionError.class, p::release);
        assertTrue(e.getMessage().contains("released twice"), e.getMessage());
        assertEquals(idle, DirectPayloads.idleBytes(), "the buffer is in the pool once");
    }

    @Test
    void secondReleaseIsCaughtEvenWhenTheBufferWasLentAgain() {
        PooledPayload first = DirectPayloads.take(100_000);
        ByteBuffer buffer = first.buffer();
        first.release();
        PooledPayload second = DirectPayloads.take(100_000);
        assertTrue(second.buffer() == buffer, "the pool lends the same buffer again");
        assertThrows(AssertionError.class, first::release);
        assertFalse(second.isReleased(), "the new owner's lease is untouched");
        assertFalse(DirectPayloads.isIdle(buffer), "the buffer is not back in the pool under its new owner");
        second.release();
    }

    @Test
    void lentBytesAreCountedWhileLentAndGivenBackOnce() {
        long before = DirectPayloads.lentBytes();
        PooledPayload p = DirectPayloads.take(100_000);
        assertEquals(before + p.capacity(), DirectPayloads.lentBytes());
        p.release();
        assertEquals(before, DirectPayloads.lentBytes());
        assertThrows(AssertionError.class, p::release);
        assertEquals(before, DirectPayloads.lentBytes(), "a second release gives nothing back twice");
    }

    @Test
    void bufferOfAReleasedLeaseCannotBeRead() {
        PooledPayload p = DirectPayloads.take(100_000);
        p.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::buffer);
        assertTrue(e.getMessage().contains("after it was released"), e.getMessage());
    }

    @Test
    void releasedBufferIsPoisonedSoAStaleViewSeesNoOtherRequestsBytes() {
        PooledPayload p = DirectPayloads.take(100_000);
        ByteBuffer staleView = p.buffer().duplicate();
        for (int i = 0; i < staleView.capacity(); i++) {
            staleView.put(i, (byte) i);
        }
        p.release();
        for (int i = 0; i < staleView.capacity(); i++) {
            assertEquals(DirectPayloads.POISON, staleView.get(i), "byte " + i);
        }
    }

    @Test
    void aHeldBufferGoesBackOnlyOnceItsOwnerAndItsHoldAreDone() throws Exception {
        PooledPayload p = DirectPayloads.take(100_000);
        ByteBuffer buffer = p.buffer();
        long lent = DirectPayloads.lentBytes();
        AutoCloseable hold = p.hold();
        p.release();
        assertFalse(DirectPayloads.isIdle(buffer), "held: not back in the pool after its owner's release");
        assertEquals(lent, DirectPayloads.lentBytes(), "still counted as lent");
        hold.close();
        assertTrue(DirectPayloads.isIdle(buffer));
        assertEquals(lent - p.capacity(), DirectPayloads.lentBytes());
    }

    @Test
    void aHoldClosedBeforeTheOwnersReleaseLeavesTheBufferToThatRelease() throws Exception {
        PooledPayload p = DirectPayloads.take(100_000);
        ByteBuffer buffer = p.buffer();
        p.hold().close();
        assertFalse(DirectPayloads.isIdle(buffer), "its owner still has it");
        p.release();
        assertTrue(DirectPayloads.isIdle(buffer));
    }

    @Test
    void secondCloseOfAHoldFailsAndDoesNotGiveTheBufferBackEarly() throws Exception {
        PooledPayload p = DirectPayloads.take(100_000);
        ByteBuffer buffer = p.buffer();
        AutoCloseable hold = p.hold();
        AutoCloseable other = p.hold();
        p.release();
        hold.close();
        AssertionError e = assertThrows(AssertionError.class, hold::close);
        assertTrue(e.getMessage().contains("released twice"), e.getMessage());
        assertFalse(DirectPayloads.isIdle(buffer), "the other hold still keeps it");
        other.close();
        assertTrue(DirectPayloads.isIdle(buffer));
    }

    @Test
    void aReleasedLeaseCannotBeHeld() {
        PooledPayload p = DirectPayloads.take(100_000);
        p.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, p::hold);
        assertTrue(e.getMessage().contains("held after it was released"), e.getMessage());
    }
}
