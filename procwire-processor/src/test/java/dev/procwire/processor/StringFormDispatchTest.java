package dev.procwire.processor;

import static dev.procwire.processor.Msg.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.procwire.processor.fixtures.EchoService;
import dev.procwire.runtime.Procwire;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Through the real dispatcher, a parameter of a type that travels as its string form takes the bare
 * string, and a string its parser refuses is the caller's mistake: {@code INVALID_PARAMS}, never
 * {@code INTERNAL}.
 */
class StringFormDispatchTest {
    private final Harness worker = new Harness(Procwire.bindingFor(new EchoService()));

    @AfterEach
    void stop() {
        worker.close();
    }

    @Test
    void aDateParameterTakesTheBareStringAndAnswersWithOne() throws Exception {
        assertEquals("2024-02-29", worker.result("nextDay", "2024-02-28"));
    }

    @Test
    void anImpossibleDateIsInvalidParamsNamingTheProblem() throws Exception {
        assertEquals(map("message", "invalid params for nextDay: expected an ISO-8601 date such as \"2024-05-01\" but "
                + "found \"2024-02-30\": Invalid date 'FEBRUARY 30' (at 'date')", "code", "INVALID_PARAMS"),
                worker.error("nextDay", map("date", "2024-02-30")));
    }
}
