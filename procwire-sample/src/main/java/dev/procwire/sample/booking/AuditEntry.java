package dev.procwire.sample.booking;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireNaming;
import java.time.Instant;
import java.util.UUID;

/** An audit event: {@code {"at": Date, "action": "booked", "booking_id": "…"}}. */
@WireNaming(NamingPolicy.SNAKE_CASE)
public record AuditEntry(Instant at, String action, UUID bookingId) {}
