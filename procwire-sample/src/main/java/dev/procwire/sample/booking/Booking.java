package dev.procwire.sample.booking;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireNaming;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A booking as the parent sees it: {@code {"booking_id": "…", "guest": …, "room": "double",
 * "check_in": "2027-03-01", "check_out": "2027-03-04", "total": "EUR 360.00", "due": "EUR 360.00",
 * "status": "held", "payments": [ … ], "created_at": "2027-02-01T09:30+01:00"}}.
 */
@WireNaming(NamingPolicy.SNAKE_CASE)
public record Booking(UUID bookingId, String guest, RoomKind room, LocalDate checkIn, LocalDate checkOut, Money total,
        Money due, Status status, List<Payment> payments, OffsetDateTime createdAt) {

    Booking paidWith(Payment payment) {
        Money left = due.minus(payment.covers(due));
        List<Payment> all = new java.util.ArrayList<>(payments);
        all.add(payment);
        return new Booking(bookingId, guest, room, checkIn, checkOut, total, left,
                left.isZero() ? Status.CONFIRMED : status, List.copyOf(all), createdAt);
    }

    Booking cancelled() {
        return new Booking(bookingId, guest, room, checkIn, checkOut, total, due, Status.CANCELLED, payments, createdAt);
    }
}
