package dev.procwire.runtime.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.procwire.api.EventEmitter;
import dev.procwire.runtime.arrow.ArrowPayloads;
import dev.procwire.runtime.arrow.TableBuilder;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * A constructor's emitter drops what is emitted before the binding is attached, releasing it as an
 * unsent event is released — an Arrow table handed over is closed — and sends everything after.
 */
class DeferredEmitterTest {
    /** Records the emitters asked for and the events they were given. */
    private static final class Port implements EventPort {
        final List<Object> sent = new ArrayList<>();
        int eventId;

        @Override
        @SuppressWarnings("unchecked")
        public <T> EventEmitter<T> emitter(int eventId, Encoder<? super T> encoder) {
            this.eventId = eventId;
            return event -> sent.add(event);
        }
    }

    /** An encoder that records what it was asked to release. */
    private static final class Releasing implements Encoder<String> {
        final List<String> discarded = new ArrayList<>();

        @Override
        public void encode(MsgPackWriter out, String value) {
            out.writeString(value);
        }

        @Override
        public void discard(String value) {
            discarded.add(value);
        }
    }

    @Test
    void anEventBeforeAttachIsDiscardedAndOneAfterIsSent() {
        Releasing encoder = new Releasing();
        DeferredEmitter<String> emitter = new DeferredEmitter<>(3, encoder);
        emitter.emit("early");
        Port port = new Port();
        emitter.attach(port);
        emitter.emit("late");
        assertEquals(List.of("early"), encoder.discarded);
        assertEquals(List.of("late"), port.sent);
        assertEquals(3, port.eventId);
    }

    @Test
    void anArrowTableEmittedBeforeAttachIsClosed() {
        long before = ArrowPayloads.allocator().getAllocatedMemory();
        VectorSchemaRoot table = new TableBuilder().longs("id", new long[] {1, 2, 3}).build();
        new DeferredEmitter<>(1, ArrowPayloads.TABLE).emit(table);
        assertEquals(before, ArrowPayloads.allocator().getAllocatedMemory(), "the table's buffers are released");
    }
}
