package dev.procwire.api;

/**
 * Sends one kind of event to the parent. Injected by the generated binding for each {@link Event}
 * field or constructor parameter; safe to call from any thread.
 *
 * <p>{@link #emit} blocks while the parent is not reading (backpressure), so a fast producer cannot
 * grow memory without bound. Events emitted before the parent connects, or after it disconnected,
 * are dropped.
 *
 * @param <T> the event payload type
 */
@FunctionalInterface
public interface EventEmitter<T> {

    /** Encodes {@code event} and sends it to the parent. */
    void emit(T event);
}
