package dev.procwire.processor;

import static dev.procwire.processor.Msg.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.procwire.processor.fixtures.RefusingService;
import dev.procwire.runtime.Procwire;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A value whose own constructor or setter refuses what the parent sent is the caller's mistake: an
 * {@code INVALID_PARAMS} error carrying the refusal's message, whichever way the reader builds the value.
 */
class ValueRefusalTest {
    private final Harness worker = new Harness(Procwire.bindingFor(new RefusingService()));

    @AfterEach
    void stop() {
        worker.close();
    }

    @Test
    void aRecordWhoseCompactConstructorRefusesIsInvalidParamsWithItsMessage() throws Exception {
        assertEquals(4L, worker.result("width", map("lo", 1, "hi", 5)));
        assertEquals(map("message", "invalid params for width: Range: lo > hi", "code", "INVALID_PARAMS"),
                worker.error("width", map("lo", 5, "hi", 1)));
    }

    @Test
    void aRefusingRecordInsideNamedParametersIsInvalidParams() throws Exception {
        assertEquals(map("message", "invalid params for total: Range: lo > hi", "code", "INVALID_PARAMS"),
                worker.error("total", map("label", "x", "ranges", List.of(map("lo", 0, "hi", 1), map("lo", 3, "hi", 2)))));
    }

    @Test
    void aPojoWhoseConstructorRefusesIsInvalidParamsWithItsMessage() throws Exception {
        assertEquals(250L, worker.result("cents", map("currency", "EUR", "cents", 250)));
        assertEquals(map("message", "invalid params for cents: Money: cents must not be negative, got -1", "code",
                "INVALID_PARAMS"), worker.error("cents", map("currency", "EUR", "cents", -1)));
    }

    @Test
    void aPojoWhoseSetterRefusesIsInvalidParamsNamingTheProperty() throws Exception {
        assertEquals(3.5, worker.result("kelvin", map("kelvin", 3.5, "sensor", "s1")));
        assertEquals(map("message", "invalid params for kelvin: Reading.kelvin: below absolute zero: -1.0", "code",
                "INVALID_PARAMS"), worker.error("kelvin", map("sensor", "s1", "kelvin", -1.0)));
    }

    @Test
    void aConstructorDeclaringACheckedExceptionIsCalledAndItsRefusalIsInvalidParams() throws Exception {
        assertEquals("9780262033848", worker.result("isbn", map("digits", "9780262033848")));
        assertEquals(map("message", "invalid params for isbn: Isbn: an ISBN has 13 digits: 123", "code", "INVALID_PARAMS"),
                worker.error("isbn", map("digits", "123")));
    }

    @Test
    void aRefusalWithoutAMessageIsNamedByItsClass() throws Exception {
        assertEquals(map("message", "invalid params for silent: Silent: java.lang.IllegalStateException", "code",
                "INVALID_PARAMS"), worker.error("silent", map("n", -1)));
    }

    @Test
    void aProcwireExceptionFromAConstructorKeepsTheCodeItChose() throws Exception {
        assertEquals(map("message", "value is required", "code", "REQUIRED", "data", "value"), worker.error("coded", map()));
    }

    @Test
    void theHandlersOwnExceptionStaysAnInternalError() throws Exception {
        assertEquals(map("message", "the handler refused 7", "code", "INTERNAL", "data", "java.lang.IllegalArgumentException"),
                worker.error("handlerRefuses", 7));
    }
}
