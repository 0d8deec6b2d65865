package dev.procwire.runtime.internal.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON-RPC error objects, and how a worker error ({@code {message, code?, data?}}, the map the
 * dispatcher writes for the data plane) maps onto JSON-RPC codes:
 *
 * <table>
 * <caption>worker error → JSON-RPC code</caption>
 * <tr><td>line is not JSON</td><td>−32700</td></tr>
 * <tr><td>not a valid request object</td><td>−32600</td></tr>
 * <tr><td>no such method</td><td>−32601</td></tr>
 * <tr><td>params the binding rejects (code {@code INVALID_PARAMS})</td><td>−32602</td></tr>
 * <tr><td>an exception a handler threw (code {@code INTERNAL})</td><td>−32603</td></tr>
 * <tr><td>{@code ProcwireException} whose code is an integer, e.g. {@code "-32001"} or {@code "404"}</td>
 *     <td>that integer</td></tr>
 * <tr><td>{@code ProcwireException} with another code or none, overload, shutting down</td>
 *     <td>−32000 (a server error: the string code is kept in {@code data.code})</td></tr>
 * </table>
 *
 * <p>{@code error.data} is {@code {code, data}} from the worker error, each present when it was.
 */
final class JsonRpcErrors {
    private JsonRpcErrors() {}

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** The implementation-defined server error: application errors, overload, shutting down. */
    static final int SERVER_ERROR = -32000;

    /** The worker error code of a request refused because the worker is shutting down. */
    static final String SHUTTING_DOWN = "SHUTTING_DOWN";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An error object. */
    static ObjectNode error(int code, String message, JsonNode data) {
        ObjectNode e = NODES.objectNode();
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.set("data", data);
        }
        return e;
    }

    /**
     * The error object for a worker error: the value of an error frame, a map {@code {message, code?,
     * data?}} or (from other workers) a bare string.
     */
    static ObjectNode fromWorkerError(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return error(INTERNAL_ERROR, value == null ? "error" : String.valueOf(value), null);
        }
        Object message = m.get("message");
        Object code = m.get("code");
        Object data = m.get("data");
        ObjectNode extra = null;
        if (code != null || data != null) {
            extra = NODES.objectNode();
            if (code != null) {
                extra.set("code", JsonValues.fromValue(code));
            }
            if (data != null) {
                extra.set("data", JsonValues.fromValue(data));
            }
        }
        return error(codeFor(code), message == null ? "error" : String.valueOf(message), extra);
    }

    /** The JSON-RPC code for a worker error code (see the class comment). */
    static int codeFor(Object workerCode) {
        if (workerCode == null) {
            return SERVER_ERROR;
        }
        if (workerCode instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return (int) (long) l;
        }
        String c = String.valueOf(workerCode);
        switch (c) {
            case "INVALID_PARAMS":
                return INVALID_PARAMS;
            case "UNKNOWN_METHOD":
                return METHOD_NOT_FOUND;
            case "INTERNAL":
                return INTERNAL_ERROR;
            default:
                try {
                    return Integer.parseInt(c.trim());
                } catch (NumberFormatException e) {
                    return SERVER_ERROR;
                }
        }
    }
}
