package dev.procwire.sample.booking;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireNaming;

/** On the wire {@code "held" | "confirmed" | "cancelled"}. */
@WireNaming(NamingPolicy.SNAKE_CASE)
public enum Status { HELD, CONFIRMED, CANCELLED }
