package dev.procwire.runtime.internal.dispatch;

import dev.procwire.api.EventEmitter;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.binding.EventPort;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;

/**
 * Sends events (request id 0, flags {@code 0x01}, method id = event id) to whichever parent is
 * connected. Emitting blocks while the parent is not reading; with no parent connected, events are
 * dropped.
 */
public final class EventSender implements EventPort {
    private volatile FrameSink sink;

    /** Routes events to {@code sink}; {@code null} drops them. */
    public void connect(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public <T> EventEmitter<T> emitter(int eventId, Encoder<? super T> encoder) {
        return event -> {
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
