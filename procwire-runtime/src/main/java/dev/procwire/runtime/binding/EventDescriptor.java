package dev.procwire.runtime.binding;

import dev.procwire.api.Codec;
import java.util.Objects;

/**
 * One event of a {@link ServiceBinding}.
 *
 * @param id the event id, 1-based (a space separate from method ids)
 * @param name the name the parent listens to
 * @param codec {@link Codec#MSGPACK}, {@link Codec#RAW} or {@link Codec#ARROW}
 */
public record EventDescriptor(int id, String name, Codec codec) {

    public EventDescriptor {
        Objects.requireNonNull(name, "name");
        if (id < 1 || id > 0xFFFD) {
            throw new IllegalArgumentException("event id " + id + " outside 1..65533");
        }
        if (name.isEmpty() || name.startsWith("$")) {
            throw new IllegalArgumentException("event name must be non-empty and not start with '$': " + name);
        }
        codec = codec == null || codec == Codec.DEFAULT ? Codec.MSGPACK : codec;
    }

    /** A MsgPack event. */
    public EventDescriptor(int id, String name) {
        this(id, name, Codec.MSGPACK);
    }
}
