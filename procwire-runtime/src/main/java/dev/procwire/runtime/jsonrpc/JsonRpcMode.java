package dev.procwire.runtime.jsonrpc;

import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.control.ControlPlane;
import dev.procwire.runtime.dispatch.Dispatcher;
import dev.procwire.runtime.dispatch.EventSender;
import java.util.Map;

/**
 * The line-delimited JSON-RPC 2.0 mode on stdio, for parents built on {@code @procwire/transport}'s
 * {@code createStdioChannel}. Chosen, with no flag, when the first request arrives on stdin instead of
 * the data plane.
 */
public final class JsonRpcMode {
    private final ServiceBinding binding;
    private final Dispatcher dispatcher;
    private final ControlPlane control;
    private final EventSender events;

    public JsonRpcMode(ServiceBinding binding, Dispatcher dispatcher, ControlPlane control, EventSender events) {
        this.binding = binding;
        this.dispatcher = dispatcher;
        this.control = control;
        this.events = events;
    }

    /** Whether a control line is a JSON-RPC request (or batch) for this mode rather than a v2 control message. */
    public static boolean isRequest(Object parsed) {
        if (parsed instanceof java.util.List<?> l) {
            return !l.isEmpty();
        }
        if (parsed instanceof Map<?, ?> m) {
            Object method = m.get("method");
            return method instanceof String s && !s.startsWith("$");
        }
        return false;
    }

    /** Handles one line from stdin. */
    public void onLine(String line, Object parsed) {
        throw new UnsupportedOperationException("JSON-RPC stdio mode is not implemented yet");
    }

    /** Stops answering. */
    public void close() {}
}
