package dev.procwire.sample.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @procwire/core} parent spawns the {@link InheritedWorker}, whose methods come from an
 * abstract base class and a generic interface (scenario src/test/node/inherited.mjs): the handshake
 * finds every method the parent expects, and each answers.
 */
@RequiresNode
class InheritedServiceTest {
    private static NodeScenario.Result run;

    @BeforeAll
    static void runScenario() {
        run = Scenarios.inherited("inherited.mjs");
    }

    @Test
    void theParentsHandshakeFindsEveryInheritedMethod() {
        assertTrue(run.get("spawned").asBoolean(), run.json().toString());
        assertEquals(0, run.get("managerErrors").size(), run.get("managerErrors").toString());
    }

    @Test
    void methodsOfAnAbstractBaseClassAnswer() {
        assertEquals(5, run.get("add.value").asLong(), run.get("add").toString());
        assertEquals("inherited", run.get("kind.value").asText(), run.get("kind").toString());
    }

    @Test
    void anEventFieldOfTheBaseClassReachesTheParent() {
        assertEquals("[\"add 2 3\"]", run.get("logs").toString());
    }

    @Test
    void abstractAndDefaultInterfaceMethodsAnswerWithTheResolvedType() {
        assertEquals("{\"id\":\"x1\",\"qty\":3}", run.get("get.value").toString());
        assertEquals(2, run.get("count.value").asInt(), run.get("count").toString());
    }
}
