package dev.procwire.processor;

import static dev.procwire.processor.Msg.map;
import static dev.procwire.processor.Msg.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.procwire.processor.Harness.Sent;
import dev.procwire.processor.fixtures.EchoService;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.frame.Frames;
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

    private Sent answer(Object payload) throws InterruptedException {
        return worker.answer("nextDay", pack(payload));
    }

    @Test
    void aDateParameterTakesTheBareStringAndAnswersWithOne() throws Exception {
        Sent s = answer("2024-02-28");
        assertEquals(Frames.FLAGS_RESULT, s.flags(), () -> "not a result: " + s.value());
        assertEquals("2024-02-29", s.value());
    }

    @Test
    void anImpossibleDateIsInvalidParamsNamingTheProblem() throws Exception {
        Sent s = answer(map("date", "2024-02-30"));
        assertEquals(Frames.FLAGS_ERROR, s.flags(), () -> "not an error: " + s.value());
        assertEquals(map("message", "invalid params for nextDay: expected an ISO-8601 date such as \"2024-05-01\" but "
                + "found \"2024-02-30\": Invalid date 'FEBRUARY 30' (at 'date')", "code", "INVALID_PARAMS"), s.value());
    }
}
