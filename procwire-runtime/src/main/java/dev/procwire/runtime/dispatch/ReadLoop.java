package dev.procwire.runtime.dispatch;

import dev.procwire.runtime.frame.Frame;
import dev.procwire.runtime.frame.FrameSink;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Reads a connection's frames and runs their handlers with as few thread hand-offs as possible
 * (leader/follower): a small set of platform threads take turns holding the read lock. The leader reads
 * a request, hands the lock to an idle follower, and runs the handler itself, so a request's answer
 * never waits for another thread to wake up. When no follower is idle, the leader passes the request to
 * the handler executor and keeps reading: a slow handler never stops the connection from being read
 * (abort frames included).
 */
public final class ReadLoop {
    private final FrameSource source;
    private final FrameSink sink;
    private final Dispatcher dispatcher;
    private final int maxThreads;
    private final Consumer<IOException> onEnd;
    private final ReentrantLock readLock = new ReentrantLock();
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final String name;
    private volatile boolean done;

    /**
     * @param maxThreads reader threads at most (each may run one handler inline); at least 2
     * @param onEnd called once, by the thread that sees it, when the source ends ({@code null}) or fails
     */
    public ReadLoop(String name, FrameSource source, FrameSink sink, Dispatcher dispatcher, int maxThreads,
            Consumer<IOException> onEnd) {
        this.name = name;
        this.source = source;
        this.sink = sink;
        this.dispatcher = dispatcher;
        this.maxThreads = Math.max(2, maxThreads);
        this.onEnd = onEnd;
    }

    /** Starts the first reader and one idle follower. */
    public void start() {
        spawn();
        spawn();
    }

    private void spawn() {
        int n = threads.incrementAndGet();
        Thread t = new Thread(this::loop, name + "-" + n);
        t.setDaemon(true);
        t.start();
    }

    private void loop() {
        try {
            while (!done) {
                InFlightCall inline = null;
                IOException failure = null;
                boolean endOfStream = false;
                readLock.lock();
                try {
                    while (!done && inline == null) {
                        Frame f = source.readFrame();
                        if (f == null) {
                            endOfStream = true;
                            break;
                        }
                        InFlightCall call = dispatcher.admit(f, sink);
                        if (call == null) {
                            continue; // abort, unknown method, queued, …: nothing to run now
                        }
                        if (followerIdle()) {
                            inline = call;
                            busy.incrementAndGet();
                        } else {
                            dispatcher.execute(call);
                        }
                    }
                } catch (IOException e) {
                    failure = e;
                } catch (RuntimeException | Error e) {
                    failure = new IOException("reader failed: " + e, e);
                } finally {
                    readLock.unlock();
                }
                if (endOfStream || failure != null) {
                    end(failure);
                    return;
                }
                if (inline != null) {
                    try {
                        inline.run();
                    } finally {
                        busy.decrementAndGet();
                    }
                }
            }
        } finally {
            threads.decrementAndGet();
        }
    }

    /**
     * Whether another reader thread is free to take the read lock once this one runs a handler. When
     * none is, a new one is started for the next request if the limit allows, and this request goes to
     * the executor rather than wait for it.
     */
    private boolean followerIdle() {
        int t = threads.get();
        if (t - busy.get() - 1 > 0) {
            return true;
        }
        if (t < maxThreads) {
            spawn();
        }
        return false;
    }

    private void end(IOException failure) {
        done = true;
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(failure);
        }
    }
}
