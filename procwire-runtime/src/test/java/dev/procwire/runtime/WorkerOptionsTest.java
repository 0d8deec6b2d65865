package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every {@code PROCWIRE_*} setting is used as given or refused with its name; none is guessed at. */
class WorkerOptionsTest {

    private static String refusal(String name, String value) {
        return assertThrows(IllegalArgumentException.class, () -> WorkerOptions.fromEnvironment(Map.of(name, value)))
                .getMessage();
    }

    @Test
    void wordForANumberIsRefusedWithTheVariableAndValue() {
        String m = refusal("PROCWIRE_MAX_CONCURRENT", "abc");
        assertTrue(m.contains("PROCWIRE_MAX_CONCURRENT") && m.contains("\"abc\""), m);
    }

    @Test
    void numberOutOfRangeIsRefusedWithTheVariableAndValue() {
        String m = refusal("PROCWIRE_MAX_CONCURRENT", "0");
        assertTrue(m.startsWith("PROCWIRE_MAX_CONCURRENT=\"0\""), m);
    }

    @Test
    void numberBeyondAnIntIsRefused() {
        String m = refusal("PROCWIRE_MAX_QUEUED", "-99999999999");
        assertTrue(m.contains("PROCWIRE_MAX_QUEUED"), m);
    }

    @Test
    void virtualThreadsSettingOtherThanTrueOrFalseIsRefused() {
        String m = refusal("PROCWIRE_VIRTUAL_THREADS", "maybe");
        assertTrue(m.contains("PROCWIRE_VIRTUAL_THREADS") && m.contains("true or false"), m);
    }

    @Test
    void virtualThreadsSettingReadsTrueAndFalse() {
        assertFalse(WorkerOptions.fromEnvironment(Map.of("PROCWIRE_VIRTUAL_THREADS", "FALSE")).virtualThreads());
        assertTrue(WorkerOptions.fromEnvironment(Map.of("PROCWIRE_VIRTUAL_THREADS", " true ")).virtualThreads());
    }

    @Test
    void blankSettingCountsAsUnset() {
        assertEquals(WorkerOptions.defaults(), WorkerOptions.fromEnvironment(Map.of("PROCWIRE_MAX_PAYLOAD", " ")));
    }
}
