package dev.procwire.runtime.internal.dispatch;

import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.FrameSource;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Reads a connection's frames and runs their handlers with as few thread hand-offs as possible
 * (leader/follower): a small set of platform threads take turns holding the read lock, and the thread
 * that reads a request runs its handler itself, so an answer never waits for another thread to wake.
 * A slow handler never stops the connection from being read (abort frames included): another thread
 * reads meanwhile.
 *
 * <p>How the reading passes on while the reader runs a handler depends on the method:
 * <ul>
 *   <li><b>Quiet</b>: a method whose recent runs were all fast runs without waking anyone. The reader
 *       lets go of the read lock and runs the handler; when it is done it takes the lock back and
 *       reads on. While the connection is busy, one idle thread, the <i>watcher</i>, checks every
 *       {@link #WATCH_POLL_NANOS}; if a quiet run lasts beyond {@link #RESCUE_NANOS} it takes over the
 *       reading. A run of short calls then costs no thread switch at all, and a handler that is slow
 *       for once delays the next read by two milliseconds at most.
 *   <li><b>Handed over</b>: any other method. The reader wakes an idle thread to read on before it
 *       runs the handler.
 *   <li>With no idle thread left, a new one is started to read on while the reader runs the request,
 *       up to {@code maxThreads}; beyond, the request goes to the handler executor and the reader
 *       reads on.
 * </ul>
 * The watcher stops watching after {@link #WATCH_IDLE_NANOS} without a frame, so an idle worker has
 * no thread waking up.
 */
public final class ReadLoop {
    /** How often the watcher looks at a quiet run in progress. */
    static final long WATCH_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A quiet run longer than this has its reading taken over. */
    static final long RESCUE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The watcher watches for this long after the last frame, then sleeps until it is woken. */
    static final long WATCH_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** A run longer than this (wall time) is slow, and its method is handed over until fast again. */
    static final long SLOW_RUN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** Fast runs in a row after which a method runs quietly. */
    static final int FAST_RUNS_TO_RUN_QUIETLY = 4;

    private final FrameSource source;
    private final FrameSink sink;
    private final Dispatcher dispatcher;
    private final int maxThreads;
    private final Consumer<IOException> onEnd;
    private final ReentrantLock readLock = new ReentrantLock(); // held by the thread reading; only tryLock
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger(); // threads running a handler
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<Thread> watcher = new AtomicReference<>();
    private final ConcurrentLinkedDeque<Thread> bench = new ConcurrentLinkedDeque<>(); // idle, parked
    private final AtomicLong quietSince = new AtomicLong(); // start of the quiet run in progress; 0: none
    private final byte[] fastRuns; // per method id: fast runs in a row, up to FAST_RUNS_TO_RUN_QUIETLY
    private final String name;
    private final long slowRunNanos;
    private final long rescueNanos;
    private final long watchIdleNanos;
    private volatile long lastFrameAt;
    private volatile boolean done;

    /**
     * @param maxThreads reader threads at most (each may run one handler itself); at least 2
     * @param onEnd called once, by the thread that sees it, when the source ends ({@code null}) or fails
     */
    public ReadLoop(String name, FrameSource source, FrameSink sink, Dispatcher dispatcher, int maxThreads,
            Consumer<IOException> onEnd) {
        this(name, source, sink, dispatcher, maxThreads, onEnd, SLOW_RUN_NANOS, RESCUE_NANOS, WATCH_IDLE_NANOS);
    }

    /** With other thresholds for a slow run, a rescue and the watcher's rest (tests pin the behaviour with them). */
    ReadLoop(String name, FrameSource source, FrameSink sink, Dispatcher dispatcher, int maxThreads,
            Consumer<IOException> onEnd, long slowRunNanos, long rescueNanos, long watchIdleNanos) {
        this.slowRunNanos = slowRunNanos;
        this.rescueNanos = rescueNanos;
        this.watchIdleNanos = watchIdleNanos;
        this.name = name;
        this.source = source;
        this.sink = sink;
        this.dispatcher = dispatcher;
        this.maxThreads = Math.max(2, maxThreads);
        this.onEnd = onEnd;
        this.fastRuns = new byte[dispatcher.methodCount() + 1];
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

    /** What one turn at the read lock ended with; one per reader thread, reset each turn. */
    private static final class Turn {
        InFlightCall inline; // the call this thread runs next, or null
        boolean quiet; // it runs without waking a follower
        long quietStart; // when its quiet run began
        boolean ended; // the source ended or failed
        IOException failure; // why it failed, or null at its end

        void reset() {
            inline = null;
            quiet = false;
            quietStart = 0;
            ended = false;
            failure = null;
        }
    }

    private void loop() {
        boolean locked = false; // the read lock is held already: taken back right after a quiet run
        Turn turn = new Turn();
        try {
            while (!done) {
                if (!locked && !readLock.tryLock()) {
                    locked = follow();
                    continue;
                }
                readTurn(turn);
                if (turn.ended) {
                    end(turn.failure);
                    return;
                }
                locked = turn.inline != null && runInline(turn);
            }
        } finally {
            threads.decrementAndGet();
        }
    }

    /**
     * Holding the read lock: reads frames until one is a call for this thread to run, or the source
     * ends or fails; then lets the lock go.
     */
    private void readTurn(Turn turn) {
        turn.reset();
        try {
            while (!done && turn.inline == null) {
                Frame f = source.readFrame();
                if (f == null) {
                    turn.ended = true;
                    break;
                }
                lastFrameAt = System.nanoTime();
                place(f, turn);
            }
        } catch (IOException e) {
            turn.ended = true;
            turn.failure = e;
        } catch (RuntimeException | Error e) {
            turn.ended = true;
            turn.failure = new IOException("reader failed: " + e, e);
        } finally {
            if (turn.quiet) {
                turn.quietStart = System.nanoTime();
                quietSince.set(turn.quietStart); // before the lock is free: the watcher must not take over yet
            }
            readLock.unlock();
        }
    }

    /** Admits a frame: its call runs on this thread if another (idle or new) reads on, else on the executor. */
    private void place(Frame f, Turn turn) {
        InFlightCall call = dispatcher.admit(f, sink);
        if (call == null) {
            return; // abort, unknown method, queued, …: nothing to run now
        }
        boolean runHere;
        try {
            runHere = followerIdle();
        } catch (RuntimeException | Error e) {
            dispatcher.execute(call); // no thread for the next read: the admitted call still runs, once
            throw e;
        }
        if (runHere) {
            turn.inline = call;
            turn.quiet = watcher.get() != null && runsQuietly(call);
            busy.incrementAndGet();
        } else {
            dispatcher.execute(call);
        }
    }

    /**
     * Runs the turn's call on this thread, after waking a follower to read on unless the run is quiet.
     *
     * @return whether the read lock was taken back right after a quiet run
     */
    private boolean runInline(Turn turn) {
        boolean quiet = turn.quiet;
        if (quiet && watcher.get() == null) {
            // The watcher stopped watching just now (it checks quietSince after it leaves, this checks
            // the watcher after quietSince was set: one of the two notices).
            quietSince.compareAndSet(turn.quietStart, 0);
            quiet = false;
        }
        if (!quiet) {
            wakeFollower();
        }
        long t0 = quiet ? turn.quietStart : System.nanoTime();
        boolean ran = false;
        boolean locked = false;
        try {
            turn.inline.run();
            ran = true;
        } catch (RuntimeException | Error e) {
            // The call already answered what it could (run() catches its handler's failures): what
            // escapes is its failure path failing too, an OutOfMemoryError while building the error
            // answer, say. That must not cost the connection its reader.
        } finally {
            busy.decrementAndGet();
            record(turn.inline.method().id(), System.nanoTime() - t0);
            turn.inline = null; // an idle reader holds no finished call (nor its payload) until its next turn
            if (quiet) {
                // Take the reading back before the run ends in the watcher's eyes: between the two it
                // would see nobody reading and take over, a needless thread switch.
                locked = ran && readLock.tryLock();
                quietSince.compareAndSet(turn.quietStart, 0);
            }
        }
        return locked;
    }

    /**
     * Whether another reader thread is, or will be, free to read once this one runs a handler. When none
     * is idle, a new one is started to read on if the limit allows, and this request still runs here: a
     * thread that is only finishing a call it already answered counts as busy, so a strictly sequential
     * parent's next request meets that case too, and must not leave the reader for the executor. Past
     * the limit the request goes to the executor.
     */
    private boolean followerIdle() {
        int t = threads.get();
        if (t - busy.get() - 1 > 0) {
            return true;
        }
        if (t < maxThreads) {
            spawn();
            return true;
        }
        return false;
    }

    private boolean runsQuietly(InFlightCall call) {
        int id = call.method().id();
        return id < fastRuns.length && fastRuns[id] >= FAST_RUNS_TO_RUN_QUIETLY;
    }

    /** Counts a run of method {@code id} (a benign race: the figure is a heuristic). */
    private void record(int id, long nanos) {
        if (id < fastRuns.length) {
            int n = fastRuns[id];
            fastRuns[id] = (byte) (nanos > slowRunNanos ? 0 : Math.min(FAST_RUNS_TO_RUN_QUIETLY, n + 1));
        }
    }

    /** Wakes an idle thread to read on: the watcher if there is one (it is the quickest), else one on the bench. */
    private void wakeFollower() {
        Thread w = watcher.get();
        if (w != null) {
            LockSupport.unpark(w);
            return;
        }
        Thread t = bench.pollFirst();
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * An idle thread's wait for its turn to read. The watcher returns holding the read lock once it took
     * the reading over (nobody was reading, or a quiet run lasted too long); otherwise this returns
     * {@code false} when the thread should try the lock: it was woken, or nobody is reading.
     *
     * @return whether the read lock is now held by this thread
     */
    private boolean follow() {
        Thread me = Thread.currentThread();
        if (watcher.compareAndSet(null, me)) {
            try {
                while (!done) {
                    if (!readLock.isLocked() && mayTakeOver() && readLock.tryLock()) {
                        // Look again under the lock: the two looks above are not one, and a quiet run
                        // may have begun between them. The reader comes back for its lock then.
                        if (mayTakeOver()) {
                            return true;
                        }
                        readLock.unlock();
                    }
                    if (System.nanoTime() - lastFrameAt > watchIdleNanos) {
                        // The connection is quiet: sleep until woken, unless a quiet run began meanwhile.
                        watcher.compareAndSet(me, null);
                        if (quietSince.get() == 0 || !watcher.compareAndSet(null, me)) {
                            break;
                        }
                        continue;
                    }
                    LockSupport.parkNanos(this, WATCH_POLL_NANOS);
                }
            } finally {
                watcher.compareAndSet(me, null);
            }
        }
        if (done) {
            return false;
        }
        bench.addFirst(me);
        // Nobody reading and no quiet run: the wake-up may have come before this thread sat down.
        if (!(readLock.isLocked() || quietSince.get() != 0)) {
            bench.remove(me);
            return false;
        }
        LockSupport.park(this);
        bench.remove(me);
        return false;
    }

    /** Whether an idle thread watches the quiet runs now (a quiet run needs one). */
    boolean watching() {
        return watcher.get() != null;
    }

    /** Whether the reading, once free, is the watcher's to take: no quiet run, or one that is slow. */
    private boolean mayTakeOver() {
        long since = quietSince.get();
        return since == 0 || System.nanoTime() - since > rescueNanos;
    }

    private void end(IOException failure) {
        done = true;
        Thread w = watcher.get();
        if (w != null) {
            LockSupport.unpark(w);
        }
        for (Thread t : bench) {
            LockSupport.unpark(t);
        }
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(failure);
        }
    }
}
