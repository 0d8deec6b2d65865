package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.WorkerOptions.LogLevel;
import dev.procwire.runtime.WorkerOptions.PeerCheckMode;
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

    @Test
    void peerCheckSettingNamesEachModeInEitherSpelling() {
        assertEquals(PeerCheckMode.ANCESTOR, WorkerOptions.fromEnvironment(Map.of()).peerCheck());
        assertEquals(PeerCheckMode.ANCESTOR, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_PEER_CHECK", "ancestor")).peerCheck());
        assertEquals(PeerCheckMode.SAME_USER, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_PEER_CHECK", "same-user")).peerCheck());
        assertEquals(PeerCheckMode.SAME_USER, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_PEER_CHECK", "SAME_USER")).peerCheck());
        assertEquals(PeerCheckMode.OFF, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_PEER_CHECK", "Off")).peerCheck());
    }

    @Test
    void unknownPeerCheckIsRefusedNamingTheChoices() {
        String m = refusal("PROCWIRE_PEER_CHECK", "parent");
        assertTrue(m.startsWith("PROCWIRE_PEER_CHECK") && m.contains("ancestor, same-user or off") && m.contains("\"parent\""), m);
    }

    @Test
    void logSettingNamesEachLevel() {
        assertEquals(LogLevel.WARN, WorkerOptions.fromEnvironment(Map.of()).logLevel());
        assertEquals(LogLevel.ERROR, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_LOG", "error")).logLevel());
        assertEquals(LogLevel.INFO, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_LOG", "INFO")).logLevel());
        assertEquals(LogLevel.DEBUG, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_LOG", "debug")).logLevel());
        assertEquals(LogLevel.DEBUG, WorkerOptions.fromEnvironment(Map.of("PROCWIRE_LOG", "trace")).logLevel());
    }

    @Test
    void unknownLogLevelIsRefusedNamingTheChoices() {
        String m = refusal("PROCWIRE_LOG", "verbose");
        assertTrue(m.startsWith("PROCWIRE_LOG") && m.contains("error, warn, info or debug") && m.contains("\"verbose\""), m);
    }

    @Test
    void tokenSettingIsTakenByteForByte() {
        assertEquals(" a b ", WorkerOptions.fromEnvironment(Map.of("PROCWIRE_TOKEN", " a b ")).token());
        assertNull(WorkerOptions.fromEnvironment(Map.of("PROCWIRE_TOKEN", "")).token());
    }

    @Test
    void optionsShownInTextDoNotShowTheToken() {
        String text = WorkerOptions.defaults().withToken("s3cret").toString();
        assertFalse(text.contains("s3cret"), text);
    }
}
