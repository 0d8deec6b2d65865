package dev.procwire.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StringFormTest {

    private static MsgPackReader string(String s) {
        return new MsgPackReader(new MsgPackWriter().writeString(s).toByteArray());
    }

    /** {@code toString()} of each value, read back as a value and as a map key, is the value. */
    private static <T> void roundTrips(StringForm<T> form, List<T> values) {
        for (T v : values) {
            assertEquals(v, form.read(string(v.toString())), v::toString);
            assertEquals(v, form.readKey(string(v.toString())), v::toString);
        }
    }

    @Test
    void everyFormReadsBackWhatToStringWritesAtTheEdgesOfItsRange() {
        roundTrips(StringForm.UUID, List.of(new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1)));
        roundTrips(StringForm.LOCAL_DATE, List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(10_000, 1, 1),
                LocalDate.of(-1, 12, 31), LocalDate.EPOCH));
        roundTrips(StringForm.LOCAL_TIME, List.of(LocalTime.MIDNIGHT, LocalTime.MAX, LocalTime.of(1, 2, 3, 400_000),
                LocalTime.of(1, 2, 0, 1)));
        roundTrips(StringForm.LOCAL_DATE_TIME, List.of(LocalDateTime.MIN, LocalDateTime.MAX));
        roundTrips(StringForm.OFFSET_DATE_TIME, List.of(OffsetDateTime.MIN, OffsetDateTime.MAX,
                OffsetDateTime.of(2024, 5, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15))));
        roundTrips(StringForm.ZONED_DATE_TIME, List.of(
                ZonedDateTime.of(2024, 3, 31, 2, 30, 0, 0, ZoneId.of("Europe/Paris")), // in the gap: moved to 03:30
                ZonedDateTime.of(2024, 5, 1, 0, 0, 0, 1, ZoneId.of("GMT+02:00")),
                ZonedDateTime.of(2024, 5, 1, 0, 0, 0, 0, ZoneId.of("UTC"))));
        roundTrips(StringForm.DURATION, List.of(Duration.ZERO, Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofNanos(-1)));
        roundTrips(StringForm.PERIOD, List.of(Period.ZERO, Period.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1)));
        roundTrips(StringForm.ZONE_ID, List.of(ZoneOffset.UTC, ZoneOffset.MIN, ZoneId.of("UTC"), ZoneId.of("UT+01:30"),
                ZoneId.of("Asia/Kolkata")));
        roundTrips(StringForm.URI, List.of(URI.create(""), URI.create("mailto:a@b.c"), URI.create("/p?q=%E2%9C%93")));
    }

    @Test
    void aUuidIsOnlyReadFromTheEightFourFourFourTwelveForm() {
        // UUID.fromString alone would read each of these as some UUID.
        for (String s : List.of("1-1-1-1-1", "+23e4567-e89b-12d3-a456-426614174000",
                "123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456+426614174000",
                "123e4567-e89b-12d3-a456-４２6614174000")) {
            assertThrows(MsgPackException.class, () -> StringForm.UUID.read(string(s)), s);
        }
    }

    @Test
    void aNonStringValueIsRefusedNamingWhatWasFound() {
        MsgPackException e = assertThrows(MsgPackException.class,
                () -> StringForm.PERIOD.read(new MsgPackReader(new MsgPackWriter().writeLong(3).toByteArray())));
        assertEquals("expected an ISO-8601 period such as \"P1Y2M3D\" but found integer", e.getMessage());
    }

    @Test
    void aDurationInMillisecondsBeyondWhatADoubleHoldsExactlyIsRefused() {
        MsgPackException e = assertThrows(MsgPackException.class,
                () -> StringForm.DURATION.read(new MsgPackReader(new MsgPackWriter().writeDouble(1e300).toByteArray())));
        assertEquals("expected a duration in milliseconds but found 1.0E300", e.getMessage());
    }
}
