package dev.procwire.runtime.binding;

import dev.procwire.api.EventEmitter;
import dev.procwire.runtime.codec.Encoder;

/** Hands out the emitters of a service's events; see {@link ServiceBinding#attach}. */
public interface EventPort {

    /**
     * An emitter that encodes with {@code encoder} and sends event {@code eventId}. For a raw event,
     * use {@link dev.procwire.runtime.codec.Codecs#RAW}.
     */
    <T> EventEmitter<T> emitter(int eventId, Encoder<? super T> encoder);
}
