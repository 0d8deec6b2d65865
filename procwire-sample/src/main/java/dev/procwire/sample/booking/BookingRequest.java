package dev.procwire.sample.booking;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.WireName;
import dev.procwire.api.WireNaming;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.Objects;

/**
 * {@code {"guest": "Ada", "room": "double", "check_in": "2027-03-01", "stay": "P3D", "arrival": "18:30"}}.
 * The constructor refuses what no booking can be, which the parent receives as {@code INVALID_PARAMS}.
 */
@WireNaming(NamingPolicy.SNAKE_CASE)
public record BookingRequest(String guest, RoomKind room, LocalDate checkIn, Period stay,
        @WireName("arrival") LocalTime arrivalTime) {

    public BookingRequest {
        Objects.requireNonNull(guest, "guest is required");
        Objects.requireNonNull(room, "room is required");
        Objects.requireNonNull(checkIn, "check_in is required");
        Objects.requireNonNull(stay, "stay is required");
        if (stay.isNegative() || stay.isZero()) {
            throw new IllegalArgumentException("stay must be at least one night, not " + stay);
        }
    }

    /** The first day the room is free again. */
    LocalDate checkOut() {
        return checkIn.plus(stay);
    }
}
