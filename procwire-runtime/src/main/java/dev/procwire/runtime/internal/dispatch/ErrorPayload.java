package dev.procwire.runtime.internal.dispatch;

import dev.procwire.api.ProcwireException;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.InvalidPayloadException;
import dev.procwire.runtime.codec.MsgPackWriter;

/**
 * Encodes an error answer. The parent decodes error frames with MsgPack whatever the method's codec,
 * surfaces {@code message} and keeps the whole map as the error's data, so errors are always a MsgPack
 * map {@code {message, code?, data?}}.
 */
final class ErrorPayload {
    private ErrorPayload() {}

    /** Code of a payload that is not valid MsgPack or not of the method's parameter types. */
    static final String INVALID_PARAMS = "INVALID_PARAMS";
    /** Code of a request for a method id the worker does not have. */
    static final String UNKNOWN_METHOD = "UNKNOWN_METHOD";
    /** Code of a request refused because too many are in flight. */
    static final String OVERLOADED = "OVERLOADED";
    /** Code of a request refused because the worker is shutting down. */
    static final String SHUTTING_DOWN = "SHUTTING_DOWN";
    /** Code of any other exception a handler threw. */
    static final String INTERNAL = "INTERNAL";

    static void write(MsgPackWriter out, Throwable error, String methodName) {
        if (error instanceof ProcwireException pe) {
            write(out, messageOf(pe), pe.code(), pe.data());
        } else if (error instanceof InvalidPayloadException) {
            write(out, "invalid params for " + methodName + ": " + error.getMessage(), INVALID_PARAMS, null);
        } else if (error instanceof StackOverflowError) {
            write(out, methodName + " failed: stack overflow", INTERNAL, null);
        } else {
            write(out, messageOf(error), INTERNAL, error.getClass().getName());
        }
    }

    static void write(MsgPackWriter out, String message, String code, Object data) {
        byte[] encodedData = null;
        if (data != null) {
            MsgPackWriter d = new MsgPackWriter();
            try {
                Codecs.writeValue(d, data);
            } catch (RuntimeException e) {
                // Data the dynamic model cannot encode must not cost the error itself.
                d.reset();
                d.writeString(String.valueOf(data));
            }
            encodedData = d.toByteArray();
        }
        out.writeMapHeader(1 + (code != null ? 1 : 0) + (encodedData != null ? 1 : 0));
        out.writeString("message").writeString(message);
        if (code != null) {
            out.writeString("code").writeString(code);
        }
        if (encodedData != null) {
            out.writeString("data").writeRaw(encodedData);
        }
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m != null && !m.isEmpty() ? m : t.getClass().getSimpleName();
    }
}
