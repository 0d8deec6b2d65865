package dev.procwire.runtime.internal.jsonrpc;

import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.internal.control.ControlPlane;
import dev.procwire.runtime.internal.dispatch.Dispatcher;
import dev.procwire.runtime.internal.dispatch.EventSender;
import java.util.function.Consumer;

/**
 * The line-delimited JSON-RPC 2.0 mode on stdio, for parents built on {@code @procwire/transport}'s
 * {@code createStdioChannel}. Chosen, with no flag, when a line other than {@code $ping} and
 * {@code $shutdown} arrives on stdin before a parent connects on the data plane (see
 * {@link #isJsonRpcLine}); from then on every stdin line is JSON-RPC and every answer and
 * event goes out as one line on stdout.
 *
 * <p>The same binding and the same {@link Dispatcher} serve both modes: a request's JSON params are
 * converted to the MsgPack payload the binding decodes, and its result, stream chunks, ack or error
 * frames are converted back to a JSON-RPC response. The rules (error codes, batches, notifications,
 * the reserved {@code __…__} methods) are listed in {@code JsonRpcSession}.
 *
 * <p>This class holds no reference to Jackson: a worker whose parent uses the data plane calls
 * {@link #isJsonRpcLine} at most and never loads a JSON library. Jackson is loaded when the mode is
 * entered.
 */
public final class JsonRpcMode {
    private final JsonRpcSession session;

    /**
     * Enters the mode: from now on the service's events go out as JSON-RPC notifications.
     *
     * @param shutdown stops the worker (called once the parent asked for it and in-flight requests
     *     have drained)
     */
    public JsonRpcMode(ServiceBinding binding, Dispatcher dispatcher, ControlPlane control, EventSender events,
            Consumer<String> shutdown) {
        this.session = new JsonRpcSession(binding, dispatcher, control::send, events, shutdown);
    }

    /**
     * Whether a stdin line the control plane did not take (so neither {@code $ping} nor
     * {@code $shutdown}) means the parent speaks JSON-RPC on stdio: any line that is not blank. A
     * {@code @procwire/core} parent writes nothing on stdin but those two messages, so any other line,
     * even one that is not JSON or not a request, comes from a JSON-RPC parent and is answered as the
     * mode answers it on any later line (a parse error, an invalid request, …), never dropped.
     */
    public static boolean isJsonRpcLine(String line) {
        return !line.isBlank();
    }

    /** Handles one line from stdin (its parse by the control plane is not needed: the mode parses it again, exactly). */
    public void onLine(String line, Object parsed) {
        session.onLine(line);
    }

    /** Stops answering and stops routing events; later lines are ignored. */
    public void close() {
        session.close();
    }
}
