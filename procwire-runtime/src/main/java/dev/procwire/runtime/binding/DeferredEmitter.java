package dev.procwire.runtime.binding;

import dev.procwire.api.EventEmitter;

/**
 * An emitter handed to a service's {@code @Event} constructor parameter before the runtime has an
 * {@link EventPort}: the generated binding creates the service first and {@link #connect connects}
 * the real emitter in {@link ServiceBinding#attach}. Events emitted before then are dropped, as they
 * would be before the parent connects.
 *
 * @param <T> the event payload type
 */
public final class DeferredEmitter<T> implements EventEmitter<T> {
    private volatile EventEmitter<T> target;

    /** Routes every later {@link #emit} to {@code target}. */
    public void connect(EventEmitter<T> target) {
        this.target = target;
    }

    @Override
    public void emit(T event) {
        EventEmitter<T> t = target;
        if (t != null) {
            t.emit(event);
        }
    }
}
