package dev.procwire.runtime.jsonrpc;

import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.control.ControlPlane;
import dev.procwire.runtime.dispatch.Dispatcher;
import dev.procwire.runtime.dispatch.EventSender;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The line-delimited JSON-RPC 2.0 mode on stdio, for parents built on {@code @procwire/transport}'s
 * {@code createStdioChannel}. Chosen, with no flag, when the first request arrives on stdin instead of
 * a connection on the data plane; from then on every stdin line is JSON-RPC and every answer and
 * event goes out as one line on stdout.
 *
 * <p>The same binding and the same {@link Dispatcher} serve both modes: a request's JSON params are
 * converted to the MsgPack payload the binding decodes, and its result, stream chunks, ack or error
 * frames are converted back to a JSON-RPC response. The rules (error codes, batches, notifications,
 * the reserved {@code __…__} methods) are listed in {@code JsonRpcSession}.
 *
 * <p>This class holds no reference to Jackson: a worker whose parent uses the data plane calls
 * {@link #isRequest} at most and never loads a JSON library. Jackson is loaded when the mode is
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
     * Whether a control line is a JSON-RPC request, notification or batch meant for this mode rather
     * than a v2 control message: an object whose {@code method} is a string not starting with
     * {@code $}, or a non-empty array.
     *
     * @param parsed the line as {@link dev.procwire.runtime.control.Json} parsed it, or {@code null}
     */
    public static boolean isRequest(Object parsed) {
        if (parsed instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (parsed instanceof Map<?, ?> m) {
            Object method = m.get("method");
            return method instanceof String s && !s.startsWith("$");
        }
        return false;
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
