package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A service class without a usable binding gets an error that says which case it is and the fix. */
class ProcwireBindingTest {
    /** A class the annotation processor never saw. */
    static final class NeverProcessed {}

    /** A class whose binding was generated (below) but whose registration was lost, as in a badly merged jar. */
    static final class LostRegistration {}

    @Test
    void classTheProcessorNeverSawNamesTheMissingBindingAndTheProcessorPath() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new NeverProcessed())).getMessage();
        assertTrue(m.contains("dev.procwire.runtime.ProcwireBindingTest_NeverProcessed_Procwire"), m);
        assertTrue(m.contains("annotation processor did not run"), m);
        assertTrue(m.contains("annotationProcessorPaths") && m.contains("older than 3.5") && m.contains("maven.compiler.source/target"), m);
    }

    /** As {@link LostRegistration}, with an underscore in its name, which the processor writes {@code _1}. */
    static final class Lost_Registration {}

    @Test
    void bindingNameOfAClassWithAnUnderscoreIsTheOneTheProcessorWrites() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new Lost_Registration())).getMessage();
        assertTrue(m.contains("ProcwireBindingTest_Lost_1Registration_Procwire exists"), m);
    }

    @Test
    void generatedButUnregisteredBindingNamesTheServiceFile() {
        String m = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(new LostRegistration())).getMessage();
        assertTrue(m.contains("META-INF/services/dev.procwire.runtime.binding.BindingProvider"), m);
        assertTrue(m.contains("ServicesResourceTransformer"), m);
    }
}

/** Stands in for the generated binding of {@link ProcwireBindingTest.LostRegistration}, never registered. */
final class ProcwireBindingTest_LostRegistration_Procwire {}

/** Stands in for the generated binding of {@link ProcwireBindingTest.Lost_Registration}, never registered. */
final class ProcwireBindingTest_Lost_1Registration_Procwire {}
