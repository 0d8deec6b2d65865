package dev.procwire.sample.booking;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireNaming;

/** On the wire {@code "single" | "double" | "family_suite"}, with its price per night. */
@WireNaming(NamingPolicy.SNAKE_CASE)
public enum RoomKind {
    SINGLE(Money.of("EUR", "80.00")),
    DOUBLE(Money.of("EUR", "120.00")),
    FAMILY_SUITE(Money.of("EUR", "210.50"));

    final Money nightly;

    RoomKind(Money nightly) {
        this.nightly = nightly;
    }
}
