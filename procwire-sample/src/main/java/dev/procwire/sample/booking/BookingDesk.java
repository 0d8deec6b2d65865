package dev.procwire.sample.booking;

import dev.procwire.api.NamingPolicy;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.WireNaming;
import dev.procwire.runtime.Procwire;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hotel's booking desk, as a worker: the sample of a service written the way a business writes one.
 * It inherits a method and an event from {@link Desk}, takes and returns {@code java.time} values and
 * {@code UUID}s, is paid with a sealed {@link Payment} union, names everything in {@code snake_case} on
 * the wire, and carries {@link Money} through an adapter.
 *
 * <ul>
 *   <li>{@code book(request)} → a {@link Booking}, {@code "held"} until paid; event {@code audit};
 *   <li>{@code find {booking_id}} → the booking, or nil;
 *   <li>{@code pay {booking_id, payment}} → the booking, {@code "confirmed"} once nothing is due;
 *   <li>{@code cancel {booking_id}} → the booking, {@code "cancelled"};
 *   <li>{@code arrivals {day}} → the bookings checking in that day;
 *   <li>{@code quote {room, stay}} → the price, {@code "EUR 360.00"};
 *   <li>{@code now} (inherited) → the desk's clock.
 * </ul>
 *
 * <p>An unknown booking is the error {@code NOT_FOUND} with {@code {booking_id}} as its data.
 */
@ProcwireService
@WireNaming(NamingPolicy.SNAKE_CASE)
public final class BookingDesk extends Desk {
    private final Map<UUID, Booking> bookings = new ConcurrentHashMap<>();

    public BookingDesk(Clock clock) {
        super(clock);
    }

    public BookingDesk() {
        this(Clock.systemDefaultZone());
    }

    @ProcwireMethod
    public Booking book(BookingRequest request) {
        Booking booking = new Booking(UUID.randomUUID(), request.guest(), request.room(), request.checkIn(),
                request.checkOut(), price(request.room(), request.stay()), price(request.room(), request.stay()),
                Status.HELD, List.of(), OffsetDateTime.now(clock));
        bookings.put(booking.bookingId(), booking);
        audit("booked", booking.bookingId());
        return booking;
    }

    @ProcwireMethod
    public Optional<Booking> find(UUID bookingId) {
        return Optional.ofNullable(bookings.get(bookingId));
    }

    @ProcwireMethod
    public Booking pay(UUID bookingId, Payment payment) {
        Booking paid = bookings.computeIfPresent(bookingId, (id, b) -> b.paidWith(payment));
        audit("paid by " + payment.getClass().getSimpleName(), existing(paid, bookingId).bookingId());
        return paid;
    }

    @ProcwireMethod
    public Booking cancel(UUID bookingId) {
        Booking cancelled = bookings.computeIfPresent(bookingId, (id, b) -> b.cancelled());
        audit("cancelled", existing(cancelled, bookingId).bookingId());
        return cancelled;
    }

    @ProcwireMethod
    public List<Booking> arrivals(LocalDate day) {
        return bookings.values().stream().filter(b -> b.checkIn().equals(day))
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
    }

    @ProcwireMethod
    public Money quote(RoomKind room, Period stay) {
        return price(room, stay);
    }

    private static Money price(RoomKind room, Period stay) {
        if (stay.getYears() != 0 || stay.getMonths() != 0) {
            throw new ProcwireException("a stay is quoted in days, not " + stay, "INVALID_PARAMS", null);
        }
        return room.nightly.times(stay.getDays());
    }

    private static Booking existing(Booking booking, UUID id) {
        if (booking == null) {
            throw new ProcwireException("no booking " + id, "NOT_FOUND", Map.of("booking_id", id.toString()));
        }
        return booking;
    }

    public static void main(String[] args) {
        Procwire.serve(new BookingDesk());
    }
}
