package dev.procwire.runtime.internal.dispatch;

import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.FrameSink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A FrameSink that keeps what was sent, for assertions. */
final class RecordingSink implements FrameSink {

    record Sent(int methodId, int flags, int requestId, byte[] payload) {
        Object value() {
            return new MsgPackReader(payload).readValue();
        }
    }

    private final List<Sent> frames = new ArrayList<>();

    @Override
    public synchronized void send(int methodId, int flags, int requestId, MsgPackWriter payload) {
        byte[] b = new byte[payload.size()];
        System.arraycopy(payload.buffer(), payload.headroom(), b, 0, b.length);
        frames.add(new Sent(methodId, flags, requestId, b));
        notifyAll();
    }

    @Override
    public synchronized void send(int methodId, int flags, int requestId, ByteBuffer payload) {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        frames.add(new Sent(methodId, flags, requestId, b));
        notifyAll();
    }

    synchronized List<Sent> frames() {
        return List.copyOf(frames);
    }

    /** Waits until at least {@code n} frames were sent, or fails after 5 s. */
    synchronized List<Sent> await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (frames.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " frames, got " + frames);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(frames);
    }
}
