package dev.procwire.runtime;

import dev.procwire.api.Codec;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.control.ControlPlane;
import dev.procwire.runtime.internal.dispatch.Dispatcher;
import dev.procwire.runtime.internal.dispatch.EventSender;
import dev.procwire.runtime.internal.dispatch.HandlerExecutors;
import dev.procwire.runtime.internal.dispatch.ReadLoop;
import dev.procwire.runtime.internal.frame.FrameException;
import dev.procwire.runtime.internal.jsonrpc.JsonRpcMode;
import dev.procwire.runtime.internal.transport.Connection;
import dev.procwire.runtime.internal.transport.DataPlaneServer;
import dev.procwire.runtime.internal.transport.PeerCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running worker: the control plane on stdin/stdout, the data-plane listener, the one adopted parent
 * connection and the dispatcher. Most programs call {@link Procwire#serve}; tests and embedders start
 * one with {@link #start} and stop it with {@link #shutdown}.
 *
 * <p>Threads: {@code procwire-control} reads control lines; {@code procwire-accept} waits for the
 * parent; {@code procwire-reader-N} read its frames and run quick handlers inline (see {@link ReadLoop});
 * other handlers run on the handler executor.
 */
public final class Worker {
    /** Reader threads per connection: one reads while the others may run a handler each, inline. */
    private static final int READER_THREADS = Runtime.getRuntime().availableProcessors() + 1;

    private final ServiceBinding binding;
    private final WorkerOptions options;
    private final Map<String, String> env;
    private final ControlPlane control;
    private final ExecutorService executor;
    private final Dispatcher dispatcher;
    private final EventSender events;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private volatile DataPlaneServer server;
    private volatile Connection connection;
    private volatile JsonRpcMode stdioMode; // set once a parent speaks JSON-RPC on stdin
    private final Object modeLock = new Object(); // not this: an embedder may synchronise on its Worker

    private Worker(ServiceBinding binding, WorkerOptions options, InputStream in, OutputStream out, Map<String, String> env) {
        Log.setLevel(options.logLevel());
        this.binding = binding;
        this.events = new EventSender(binding.events());
        this.options = options;
        this.env = env;
        this.executor = HandlerExecutors.create(options.virtualThreads());
        this.dispatcher = new Dispatcher(binding, executor, options.maxConcurrentHandlers(), options.maxQueuedRequests());
        this.control = new ControlPlane(in, out, new ControlPlane.Listener() {
            @Override
            public void onShutdown(String reason) {
                shutdown(reason);
            }

            @Override
            public void onMessage(String line, Object parsed) {
                onControlMessage(line, parsed);
            }
        });
    }

    /**
     * Starts a worker with the options {@code env} sets ({@link WorkerOptions#fromEnvironment}: every
     * {@code PROCWIRE_*} variable) and its socket directory from {@code env}; otherwise as
     * {@link #start(ServiceBinding, WorkerOptions, InputStream, OutputStream, Map)}.
     *
     * @throws IllegalArgumentException when a {@code PROCWIRE_*} variable is not usable (nothing is sent)
     */
    public static Worker start(ServiceBinding binding, InputStream in, OutputStream out, Map<String, String> env)
            throws IOException {
        return start(binding, WorkerOptions.fromEnvironment(env), in, out, env);
    }

    /**
     * Starts a worker with {@code options}, exactly: listens on the data plane in the socket directory
     * {@code env} names (see {@link DataPlaneServer#openInSocketDirectory}; no {@code PROCWIRE_*}
     * variable of {@code env} is read here), sends {@code $init} on {@code out}, and serves the parent
     * that connects. If the listener cannot be opened, sends {@code $error} with the reason and throws.
     */
    public static Worker start(ServiceBinding binding, WorkerOptions options, InputStream in, OutputStream out,
            Map<String, String> env) throws IOException {
        Worker w = new Worker(binding, options, in, out, env);
        w.begin();
        return w;
    }

    private void begin() throws IOException {
        String unchecked = options.tokenIgnored(env);
        if (unchecked != null) {
            Log.warn(unchecked);
        }
        try {
            server = DataPlaneServer.openInSocketDirectory(env, PeerCheck.of(options.peerCheck()));
            binding.attach(events);
        } catch (IOException | RuntimeException e) {
            control.sendError("cannot start worker: " + e.getMessage());
            executor.shutdownNow();
            throw e;
        }
        control.start();
        Thread reader = new Thread(this::acceptParent, "procwire-accept");
        reader.setDaemon(true);
        reader.start();
        control.sendInit(server.path().toString(), binding.schemaJson());
        // While the parent connects: start the handler executor, so the first request that needs it
        // does not pay for its start-up (a virtual-thread scheduler, or the pool's classes and, for the
        // second an idle pool thread lives, its first thread).
        try {
            executor.execute(() -> {});
        } catch (RejectedExecutionException e) {
            // $shutdown or end of input came first and the executor is closed: start-up still succeeded.
        }
    }

    /** The data-plane socket path announced in {@code $init}. */
    public Path socketPath() {
        return server.path();
    }

    private void acceptParent() {
        Connection conn = server.accept(DataPlaneServer.tokenBytes(options.token()), options.maxPayload());
        if (conn == null) {
            return; // shut down, or switched to stdio mode, before a parent connected
        }
        connection = conn;
        if (shuttingDown.get()) {
            conn.close();
            return;
        }
        conn.setDirectPayloads(id -> {
            MethodDescriptor m = dispatcher.method(id);
            // Raw and Arrow handlers take the payload as a buffer: Arrow reads a large one in place.
            return m != null && (m.requestCodec() == Codec.RAW || m.requestCodec() == Codec.ARROW);
        });
        events.connect(conn);
        new ReadLoop("procwire-reader", conn, conn, dispatcher, READER_THREADS, failure -> onConnectionEnd(conn, failure))
                .start();
    }

    private void onConnectionEnd(Connection conn, IOException failure) {
        if (failure instanceof FrameException) {
            Log.warn("dropping the data connection: " + failure.getMessage());
        } else if (failure != null && (failure.getCause() instanceof RuntimeException || failure.getCause() instanceof Error)) {
            Log.warn("data connection failed: " + failure.getMessage()); // the reader itself failed
        } else if (failure != null && !shuttingDown.get()) {
            // The socket's own error, such as a reset: how a parent that closes with answers still unread
            // (after an abort, say) leaves. Its process manager sees to the rest.
            Log.info("data connection closed by the parent: " + (failure.getMessage() != null ? failure.getMessage()
                    : failure.getClass().getSimpleName()));
        }
        events.connect(null);
        try {
            dispatcher.cancelAll();
        } finally {
            conn.close(); // even if a cancellation fails: a connection left open would hold the parent forever
        }
    }

    private void onControlMessage(String line, Object parsed) {
        JsonRpcMode mode = stdioMode;
        if (mode == null) {
            if (connection != null || !JsonRpcMode.isJsonRpcLine(line)) {
                return; // not for us: ignore
            }
            synchronized (modeLock) {
                if (stdioMode == null) {
                    // The parent speaks JSON-RPC on stdin: it will never connect to the data plane.
                    server.close();
                    stdioMode = new JsonRpcMode(binding, dispatcher, control, events, this::shutdown);
                }
                mode = stdioMode;
            }
        }
        mode.onLine(line, parsed);
    }

    /**
     * Stops the worker: stops listening and removes the socket file, cancels every request in flight,
     * gives handlers the grace period to finish, then closes the connection. In the stdio JSON-RPC
     * mode the requests in flight are not cancelled before the grace: their answers are still written.
     * Idempotent.
     */
    public void shutdown(String reason) {
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        Log.info("shutting down: " + reason);
        try {
            DataPlaneServer s = server;
            if (s != null) {
                s.close();
            }
            // A JSON-RPC parent on stdio still reads stdout after its stdin ends (a shell pipe does
            // exactly that): the requests it sent may finish and answer within the grace.
            if (stdioMode == null) {
                dispatcher.cancelAll();
            }
            try {
                dispatcher.awaitIdle(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dispatcher.cancelAll(); // handlers still running are abandoned
            events.connect(null);
            Connection c = connection;
            if (c != null) {
                c.close();
            }
            JsonRpcMode m = stdioMode;
            if (m != null) {
                m.close();
            }
            executor.shutdownNow();
        } finally {
            terminated.countDown();
        }
    }

    /** Blocks until {@link #shutdown} has finished. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /** Waits up to {@code timeout} for {@link #shutdown} to finish. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** Whether a parent connection has been adopted and is open. */
    public boolean connected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

}
