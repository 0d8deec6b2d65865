package dev.procwire.runtime.internal.dispatch;

import dev.procwire.api.Codec;
import dev.procwire.api.EventEmitter;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.EventPort;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends events (request id 0, flags {@code 0x01}, method id = event id) to whichever parent is
 * connected. Emitting blocks while the parent is not reading; with no parent connected, events are
 * dropped.
 */
public final class EventSender implements EventPort {
    private final Map<Integer, EventDescriptor> events = new HashMap<>();
    private volatile FrameSink sink;

    /** A sender for {@code events}, a binding's ({@link dev.procwire.runtime.binding.ServiceBinding#events}). */
    public EventSender(List<EventDescriptor> events) {
        for (EventDescriptor e : events) {
            this.events.put(e.id(), e);
        }
    }

    /** Routes events to {@code sink}; {@code null} drops them. */
    public void connect(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public <T> EventEmitter<T> emitter(int eventId, Encoder<? super T> encoder) {
        EventDescriptor descriptor = events.get(eventId);
        boolean arrow = descriptor != null && descriptor.codec() == Codec.ARROW;
        return event -> {
            if (event == null && arrow) { // as a null Arrow answer (InFlightCall): the parent would read no columns
                throw new IllegalArgumentException("event '" + descriptor.name()
                        + "' is null, but it is an Arrow table: emit a table of no rows instead");
            }
            FrameSink s = sink;
            if (s == null) {
                Log.debug(() -> "event " + eventId + " dropped: no parent connected");
                encoder.discard(event);
                return;
            }
            MsgPackWriter w = FrameSink.newPayloadWriter();
            encoder.encode(w, event);
            try {
                s.send(eventId, Frames.FLAGS_EVENT, 0, w);
            } catch (IOException e) {
                Log.debug(() -> "event " + eventId + " dropped: " + e.getMessage());
            }
        };
    }
}
