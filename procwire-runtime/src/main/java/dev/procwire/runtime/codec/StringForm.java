package dev.procwire.runtime.codec;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * A standard value type that travels as a string: written as its {@code toString()}, read with the
 * type's own {@code java.time}/{@code java.util} parser, so every value comes back equal. Generated
 * readers call {@link #read} for a value and {@link #readKey} for a map key; writers write
 * {@code toString()}.
 *
 * <pre>
 * type            written (examples)                         also read from
 * UUID            "123e4567-e89b-12d3-a456-426614174000"     upper-case hex digits
 * LocalDate       "2024-05-01"
 * LocalTime       "10:15", "10:15:30.5"                      any ISO-8601 time ("10:15:00")
 * LocalDateTime   "2024-05-01T10:15"
 * OffsetDateTime  "2024-05-01T10:15+02:00"                   a timestamp (a JavaScript Date): at offset Z
 * ZonedDateTime   "2024-05-01T10:15+02:00[Europe/Paris]"     an offset date-time; a timestamp: at zone Z
 * Duration        "PT1.5S"                                   a number of milliseconds
 * Period          "P1Y2M3D"                                  "P2W"
 * ZoneId          "Europe/Paris", "+02:00", "Z"
 * URI             "https://example.com/a?b=1"
 * </pre>
 *
 * <p>A map key must be the exact string {@code toString()} writes (lower-case UUID, "10:15" not
 * "10:15:00"): two keys of one JavaScript object could otherwise become one Java key, as for integer
 * keys ({@link MapKeys#readLong}).
 *
 * @param <T> the Java type
 */
public final class StringForm<T> {
    public static final StringForm<java.util.UUID> UUID = new StringForm<>("UUID",
            "a UUID such as \"123e4567-e89b-12d3-a456-426614174000\"", StringForm::uuid, null);
    public static final StringForm<LocalDate> LOCAL_DATE = new StringForm<>("LocalDate",
            "an ISO-8601 date such as \"2024-05-01\"", LocalDate::parse, null);
    public static final StringForm<LocalTime> LOCAL_TIME = new StringForm<>("LocalTime",
            "an ISO-8601 time such as \"10:15:30\"", LocalTime::parse, null);
    public static final StringForm<LocalDateTime> LOCAL_DATE_TIME = new StringForm<>("LocalDateTime",
            "an ISO-8601 date-time without offset such as \"2024-05-01T10:15:30\"", LocalDateTime::parse, null);
    public static final StringForm<OffsetDateTime> OFFSET_DATE_TIME = new StringForm<>("OffsetDateTime",
            "an ISO-8601 date-time with offset such as \"2024-05-01T10:15:30+02:00\", or a timestamp",
            OffsetDateTime::parse, StringForm::utcOffsetDateTime);
    public static final StringForm<ZonedDateTime> ZONED_DATE_TIME = new StringForm<>("ZonedDateTime",
            "an ISO-8601 date-time with offset and optional zone such as \"2024-05-01T10:15:30+02:00[Europe/Paris]\", "
                    + "or a timestamp", ZonedDateTime::parse, StringForm::utcZonedDateTime);
    public static final StringForm<Duration> DURATION = new StringForm<>("Duration",
            "an ISO-8601 duration such as \"PT1.5S\", or a number of milliseconds", Duration::parse,
            StringForm::millisDuration);
    public static final StringForm<Period> PERIOD = new StringForm<>("Period",
            "an ISO-8601 period such as \"P1Y2M3D\"", Period::parse, null);
    public static final StringForm<ZoneId> ZONE_ID = new StringForm<>("ZoneId",
            "a time-zone id such as \"Europe/Paris\" or \"+02:00\"", ZoneId::of, null);
    public static final StringForm<URI> URI = new StringForm<>("URI",
            "a URI such as \"https://example.com/a?b=1\"", StringForm::uri, null);

    private final String name;
    private final String expected;
    private final Function<String, T> parse;
    /** Reads a non-string form the type also accepts, or returns {@code null} if the next value is none. */
    private final Function<MsgPackReader, T> otherForm;

    private StringForm(String name, String expected, Function<String, T> parse, Function<MsgPackReader, T> otherForm) {
        this.name = name;
        this.expected = expected;
        this.parse = parse;
        this.otherForm = otherForm;
    }

    /**
     * Reads a value (not nil: the caller handles nil).
     *
     * @throws MsgPackException naming the expected form, what was found, and why it does not parse
     */
    public T read(MsgPackReader in) {
        ValueType t = in.nextType();
        if (t != ValueType.STRING) {
            T other = otherForm == null ? null : otherForm.apply(in);
            if (other == null) {
                throw in.fail("expected " + expected + " but found " + t.name().toLowerCase(java.util.Locale.ROOT));
            }
            return other;
        }
        String s = in.readString();
        try {
            return parse.apply(s);
        } catch (RuntimeException e) {
            throw in.fail("expected " + expected + " but found \"" + s + "\": " + why(e));
        }
    }

    /**
     * Reads a map key: a string exactly as {@code toString()} writes the value it parses to.
     *
     * @throws MsgPackException naming the key when it does not parse or is not in that form
     */
    public T readKey(MsgPackReader in) {
        ValueType t = in.nextType();
        if (t != ValueType.STRING) {
            throw new MsgPackException("expected a " + name + " map key (a string) but found "
                    + t.name().toLowerCase(java.util.Locale.ROOT));
        }
        String s = in.readString();
        T v;
        try {
            v = parse.apply(s);
        } catch (RuntimeException e) {
            throw new MsgPackException("map key \"" + s + "\" is not " + expected + ": " + why(e));
        }
        String canonical = v.toString();
        if (!canonical.equals(s)) {
            throw new MsgPackException("map key \"" + s + "\" is not a " + name + " as this worker writes one (expected \""
                    + canonical + "\")");
        }
        return v;
    }

    /** The parser's reason, without the input it repeats. */
    private static String why(RuntimeException e) {
        if (e instanceof DateTimeParseException p) {
            Throwable cause = p.getCause();
            return cause != null && cause.getMessage() != null ? cause.getMessage()
                    : "unparseable at index " + p.getErrorIndex();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * {@code UUID.fromString} also takes short groups ("1-1-1-1-1") and signs, which would read
     * distinct strings as one UUID: only the 8-4-4-4-12 hex-digit form is passed to it.
     */
    private static java.util.UUID uuid(String s) {
        if (s.length() != 36) {
            throw new IllegalArgumentException("a UUID has 36 characters, this has " + s.length());
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (dash ? c != '-' : !hex) {
                throw new IllegalArgumentException("expected " + (dash ? "'-'" : "a hex digit") + " at index " + i);
            }
        }
        return java.util.UUID.fromString(s);
    }

    private static URI uri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** A timestamp (what a JavaScript {@code Date} arrives as) at offset Z. */
    private static OffsetDateTime utcOffsetDateTime(MsgPackReader in) {
        return in.nextType() == ValueType.EXTENSION ? in.readInstant().atOffset(ZoneOffset.UTC) : null;
    }

    /** A timestamp at zone Z: a {@code Date} carries no zone. */
    private static ZonedDateTime utcZonedDateTime(MsgPackReader in) {
        return in.nextType() == ValueType.EXTENSION ? in.readInstant().atZone(ZoneOffset.UTC) : null;
    }

    /** A number of milliseconds, as JavaScript APIs ({@code setTimeout}) count time; a fraction keeps nanoseconds. */
    private static Duration millisDuration(MsgPackReader in) {
        ValueType t = in.nextType();
        if (t == ValueType.INTEGER) {
            return Duration.ofMillis(in.readLong());
        }
        if (t != ValueType.FLOAT) {
            return null;
        }
        double ms = in.readDouble();
        if (!(Math.abs(ms) < 9.0e15)) { // beyond, a double has no fraction left and whole ms near Long's range
            throw in.fail("expected a duration in milliseconds but found " + ms);
        }
        long whole = (long) Math.floor(ms);
        return Duration.ofMillis(whole).plusNanos(Math.round((ms - whole) * 1_000_000d));
    }
}
