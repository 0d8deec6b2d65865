package dev.procwire.runtime.binding;

import dev.procwire.api.EventEmitter;
import dev.procwire.runtime.codec.Encoder;
import java.util.Objects;

/**
 * An emitter handed to a service's {@code @Event} constructor parameter before the runtime has an
 * {@link EventPort}: the generated binding creates the service first and {@link #attach attaches} the
 * emitter in {@link ServiceBinding#attach}. Events emitted before then are dropped, as they would be
 * before the parent connects — and released as an unsent event is ({@link Encoder#discard}: an Arrow
 * table handed over is closed).
 *
 * @param <T> the event payload type
 */
public final class DeferredEmitter<T> implements EventEmitter<T> {
    private final int eventId;
    private final Encoder<? super T> encoder;
    private volatile EventEmitter<T> target;

    /** An emitter of event {@code eventId}, encoded with {@code encoder} once attached. */
    public DeferredEmitter(int eventId, Encoder<? super T> encoder) {
        this.eventId = eventId;
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /** Routes every later {@link #emit} to {@code events}' emitter of this event. */
    public void attach(EventPort events) {
        this.target = events.emitter(eventId, encoder);
    }

    @Override
    public void emit(T event) {
        EventEmitter<T> t = target;
        if (t != null) {
            t.emit(event);
        } else {
            encoder.discard(event);
        }
    }
}
