package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code BookingDesk} under the real {@code @procwire/core} parent (scenario
 * src/test/node/booking.mjs): an inherited method and event, {@code java.time} values and UUIDs, a sealed
 * payment union, {@code snake_case} keys and enum strings, and {@code Money} through its adapter, as a
 * JavaScript caller writes and reads them.
 */
@RequiresNode
class BookingDeskTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.booking("booking.mjs");
    }

    private static String text(String path) {
        return run.get(path).asText();
    }

    private static void assertInvalidParams(String path, String message) {
        JsonNode r = run.get(path);
        assertFalse(r.get("ok").asBoolean(), r.toString());
        assertEquals("INVALID_PARAMS", r.get("data").get("code").asText(), r.toString());
        assertEquals(message, r.get("message").asText());
    }

    @Test
    void theParentsHandshakeFindsEveryMethodTheInheritedOneToo() {
        assertTrue(run.get("spawned").asBoolean(), run.json().toString());
        assertEquals(0, run.get("managerErrors").size(), run.get("managerErrors").toString());
        assertTrue(run.get("now.value.date").isNumber(), "an Instant is a Date: " + run.get("now"));
    }

    @Test
    void aBookingHasSnakeCaseKeysLowerCaseUnionsAndIsoStrings() {
        JsonNode b = run.get("book.value");
        List<String> keys = new ArrayList<>();
        b.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("booking_id", "guest", "room", "check_in", "check_out", "total", "due", "status", "payments",
                "created_at"), keys);
        UUID.fromString(b.get("booking_id").asText());
        assertEquals("double", b.get("room").asText());
        assertEquals("2027-03-01", b.get("check_in").asText());
        assertEquals("2027-03-04", b.get("check_out").asText(), "check_in plus a Period of P3D");
        assertEquals("held", b.get("status").asText());
        OffsetDateTime.parse(b.get("created_at").asText());
    }

    @Test
    void moneyTravelsAsItsTextThroughItsAdapter() {
        assertEquals("EUR 360.00", text("book.value.total"));
        assertEquals("EUR 421.00", text("quote.value"), "two nights of a family_suite");
    }

    @Test
    void aUuidParameterIsAcceptedBareOrUnderItsWireName() {
        assertEquals(run.get("book.value"), run.get("found.value"));
        assertEquals(run.get("book.value"), run.get("foundBare.value"));
        assertTrue(run.get("missing.value").isNull(), "an empty Optional is null: " + run.get("missing"));
    }

    @Test
    void paymentsAreADiscriminatedUnionBothWays() {
        assertEquals("EUR 260.00", text("voucher.value.due"), "the voucher covered EUR 100.00");
        assertEquals("{\"method\":\"voucher\",\"code\":\"WELCOME\",\"value\":\"EUR 100.00\"}",
                run.get("voucher.value.payments").get(0).toString(), "the discriminator is written first");
        assertEquals("confirmed", text("card.value.status"));
        assertEquals("EUR 0.00", text("card.value.due"));
        assertEquals("{\"method\":\"card\",\"last4\":\"4242\",\"valid_until\":\"2029-12-31\"}",
                run.get("card.value.payments").get(1).toString());
        assertEquals("{\"method\":\"bank_transfer\",\"iban\":\"DE89370400440532013000\",\"reference\":\"BO-0410\"}",
                run.get("transfer.value.payments").get(0).toString());
        assertEquals("cancelled", text("cancel.value.status"));
        assertEquals(1, run.get("arrivals.value").size());
    }

    @Test
    void aCallersMistakesAreInvalidParamsNamingWhatWasExpected() {
        assertInvalidParams("unknownMethod", "invalid params for pay: unknown Payment.method \"cash\"; expected one of: "
                + "card, bank_transfer, voucher (at 'payment')");
        assertInvalidParams("javaEnumName", "invalid params for quote: unknown RoomKind \"DOUBLE\"; expected one of: "
                + "single, double, family_suite (at 'room')");
        assertInvalidParams("badMoney", "invalid params for pay: MoneyAdapter.fromWire: expected an amount such as "
                + "\"EUR 12.50\" but found \"12.50 EUR\" (at 'value')");
        assertInvalidParams("badDate", "invalid params for book: expected an ISO-8601 date such as \"2024-05-01\" but "
                + "found \"2027-02-30\": Invalid date 'FEBRUARY 30' (at 'check_in')");
        assertInvalidParams("refused", "invalid params for book: BookingRequest: stay must be at least one night, not P0D");
    }

    @Test
    void anUnknownBookingIsNotFoundWithItsId() {
        JsonNode r = run.get("notFound");
        assertEquals("NOT_FOUND", r.get("data").get("code").asText(), r.toString());
        assertEquals("{\"booking_id\":\"00000000-0000-0000-0000-000000000000\"}", r.get("data").get("data").toString());
    }

    @Test
    void theInheritedAuditEventReportsEachChange() {
        List<String> actions = new ArrayList<>();
        for (JsonNode e : run.get("audit")) {
            actions.add(e.get("action").asText());
            assertTrue(e.get("at").get("date").isNumber(), e.toString());
        }
        assertEquals(List.of("booked", "paid by Voucher", "paid by Card", "cancelled", "booked", "paid by BankTransfer"),
                actions);
        assertEquals(text("book.value.booking_id"), run.get("audit").get(0).get("booking_id").asText());
    }
}
