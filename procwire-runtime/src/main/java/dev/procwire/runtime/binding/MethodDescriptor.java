package dev.procwire.runtime.binding;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import java.util.Objects;

/**
 * One method of a {@link ServiceBinding}: what the schema publishes and what the runtime needs to
 * answer it.
 *
 * @param id the method id, 1-based
 * @param name the name the parent calls
 * @param response how the method answers
 * @param timeoutMs a timeout published in the schema, or 0 for none
 * @param requestCodec {@link Codec#MSGPACK}, {@link Codec#RAW} or {@link Codec#ARROW}
 * @param responseCodec {@link Codec#MSGPACK}, {@link Codec#RAW} or {@link Codec#ARROW}
 */
public record MethodDescriptor(int id, String name, Response response, long timeoutMs, Codec requestCodec, Codec responseCodec) {

    public MethodDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(response, "response");
        if (id < 1 || id > 0xFFFD) {
            throw new IllegalArgumentException("method id " + id + " outside 1..65533");
        }
        if (name.isEmpty() || name.startsWith("$")) {
            throw new IllegalArgumentException("method name must be non-empty and not start with '$': " + name);
        }
        if (timeoutMs < 0) {
            throw new IllegalArgumentException("timeoutMs must be >= 0");
        }
        requestCodec = resolve(requestCodec);
        responseCodec = resolve(responseCodec);
    }

    /** A MsgPack method with no published timeout. */
    public MethodDescriptor(int id, String name, Response response) {
        this(id, name, response, 0, Codec.MSGPACK, Codec.MSGPACK);
    }

    private static Codec resolve(Codec c) {
        return c == null || c == Codec.DEFAULT ? Codec.MSGPACK : c;
    }
}
