package dev.procwire.sample.booking;

import dev.procwire.api.FromWire;
import dev.procwire.api.ToWire;
import dev.procwire.api.WireAdapter;

/**
 * {@link Money} travels as its text, {@code "EUR 12.50"}: exact (a float64 would round it), and as
 * readable in a JavaScript debugger as in a log. A malformed amount from the parent is answered with
 * {@code INVALID_PARAMS} and {@link Money#parse}'s message.
 */
@WireAdapter
final class MoneyAdapter {
    private MoneyAdapter() {}

    @ToWire
    static String toWire(Money money) {
        return money.toString();
    }

    @FromWire
    static Money fromWire(String text) {
        return Money.parse(text);
    }
}
