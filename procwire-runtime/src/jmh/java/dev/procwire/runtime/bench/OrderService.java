package dev.procwire.runtime.bench;

import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;

/**
 * Takes and returns an {@link Order}, so that the annotation processor generates its serializer,
 * {@link Order_ProcwireCodec}. This module cannot run the processor (the processor's tests depend on the
 * runtime), so the generated codecs are checked in next to it; {@code procwire-sample/bench/jmh.mjs}
 * regenerates them from this class with the current processor before every JMH build.
 */
@ProcwireService
public final class OrderService {
    @ProcwireMethod
    public Order echo(Order order) {
        return order;
    }
}
