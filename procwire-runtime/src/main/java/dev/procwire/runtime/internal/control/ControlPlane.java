package dev.procwire.runtime.internal.control;

import dev.procwire.runtime.internal.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The control plane: JSON-RPC lines on stdin and stdout. It runs on its own platform thread at the
 * highest priority and does nothing but read lines, so {@code $ping} is answered with {@code $pong}
 * at once however busy the handlers are.
 *
 * <p>{@code $shutdown} and end of input (the parent died) call {@link Listener#onShutdown}; any other
 * line goes to {@link Listener#onMessage}, which may claim it (the stdio JSON-RPC mode does); unclaimed
 * lines are ignored. A byte order mark at the start of a line is dropped.
 */
public final class ControlPlane {

    /** What the worker does with control events. Called on the control thread. */
    public interface Listener {
        /** The parent asked for shutdown ({@code $shutdown}) or is gone (end of input). */
        void onShutdown(String reason);

        /**
         * A line that is not {@code $ping} or {@code $shutdown}. {@code parsed} is the JSON value of the
         * line, or {@code null} if it is not JSON.
         */
        void onMessage(String line, Object parsed);
    }

    private final InputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final Object writeLock = new Object();
    private Thread thread;

    public ControlPlane(InputStream in, OutputStream out, Listener listener) {
        this.in = in;
        this.out = out;
        this.listener = listener;
    }

    /** Starts the control thread. */
    public void start() {
        thread = new Thread(this::readLoop, "procwire-control");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Writes one line (a JSON object without the newline) to the parent. Thread-safe. */
    public void send(String json) {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                Log.debug(() -> "control write failed: " + e.getMessage());
            }
        }
    }

    /** Sends {@code $init} with the socket path and schema. */
    public void sendInit(String pipe, String schemaJson) {
        StringBuilder sb = new StringBuilder(96 + pipe.length() + schemaJson.length());
        sb.append("{\"jsonrpc\":\"2.0\",\"method\":\"$init\",\"params\":{\"pipe\":");
        Schema.quote(sb, pipe);
        sb.append(",\"schema\":").append(schemaJson).append(",\"version\":\"1.0.0\"}}");
        send(sb.toString());
    }

    /** Sends {@code $error}: the worker cannot start. */
    public void sendError(String message) {
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"2.0\",\"method\":\"$error\",\"params\":{\"message\":");
        Schema.quote(sb, message == null ? "worker failed to start" : message);
        send(sb.append("}}").toString());
    }

    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String PONG = "{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}";

    private void readLoop() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!handle(line)) {
                    // Stop reading: a thread blocked in a native read would hold up JVM exit by 300 ms.
                    return;
                }
            }
            listener.onShutdown("end of input: the parent is gone");
        } catch (IOException e) {
            listener.onShutdown("control input failed: " + e.getMessage());
        } catch (Throwable t) {
            Log.error("control plane failed", t);
            listener.onShutdown("control plane failed");
        }
    }

    /**
     * Handles one line; returns {@code false} once the parent asked for shutdown. Public for tests and
     * fuzzing.
     */
    public boolean handle(String line) {
        if (line.startsWith(BYTE_ORDER_MARK)) {
            // RFC 8259 8.1 lets a parser ignore it; some Windows tools write one. Ignored on every line
            // alike, so the first line is answered exactly as a later one.
            line = line.substring(1);
        }
        Object parsed = null;
        String trimmed = line.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                parsed = Json.parse(trimmed);
            } catch (IllegalArgumentException e) {
                parsed = null;
            }
        }
        if (parsed instanceof Map<?, ?> m) {
            Object method = m.get("method");
            if ("$ping".equals(method) && !m.containsKey("id")) {
                send(PONG);
                return true;
            }
            if ("$shutdown".equals(method) && !m.containsKey("id")) {
                listener.onShutdown("$shutdown from the parent");
                return false;
            }
        }
        try {
            listener.onMessage(line, parsed);
        } catch (RuntimeException e) {
            Log.error("control message handling failed", e);
        }
        return true;
    }
}
