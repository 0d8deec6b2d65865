package dev.procwire.processor;

import static dev.procwire.processor.Msg.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.procwire.processor.Harness.Sent;
import dev.procwire.processor.fixtures.Inheritance;
import dev.procwire.processor.fixtures.Inheritance_Both_Procwire;
import dev.procwire.processor.fixtures.Inheritance_Extended_Procwire;
import dev.procwire.processor.fixtures.Inheritance_Plain_Procwire;
import dev.procwire.processor.fixtures.Inheritance_Store_Procwire;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service serves the @ProcwireMethod methods and @Event fields of its superclasses and interfaces. */
class InheritedMethodsTest {
    private final ServiceBinding store = Procwire.bindingFor(new Inheritance.Store());
    private final Harness worker = new Harness(store);

    @AfterEach
    void stop() {
        worker.close();
    }

    private static List<String> names(ServiceBinding binding) {
        return binding.methods().stream().map(MethodDescriptor::name).toList();
    }

    @Test
    void everyAnnotatedMethodOfTheHierarchyIsServedOwnFirstThenNearestSupertypeFirst() {
        assertInstanceOf(Inheritance_Store_Procwire.class, store);
        assertEquals(List.of("own", "add", "kind", "version", "get", "count", "greet"), names(store));
    }

    @Test
    void methodsOfAnAbstractBaseClassAreServed() throws Exception {
        assertEquals(5L, worker.result("add", map("a", 2, "b", 3)));
        assertEquals("store", worker.result("kind", null));
    }

    @Test
    void anAbstractInterfaceMethodReadsAndReturnsTheTypeTheServiceGivesItsTypeVariable() throws Exception {
        assertEquals(map("id", "x1", "qty", 3L), worker.result("get", "x1"));
        assertEquals(true, store.schemaJson().contains("\"get\":{\"id\":" + worker.id("get") + ",\"response\":\"result\"}"),
                store.schemaJson());
    }

    @Test
    void thePayloadKeysAreTheParameterNamesOfTheAnnotatedDeclaration() throws Exception {
        // Store.get(String key) overrides Repo.get(String id): the contract's name is the key.
        assertEquals(map("id", "x2", "qty", 3L), worker.result("get", map("id", "x2")));
        assertEquals(map("id", null, "qty", 3L), worker.result("get", map("key", "x3")));
    }

    @Test
    void defaultInterfaceMethodsAreServedUnderTheirOptions() throws Exception {
        assertEquals("hello ada", worker.result("greet", "ada"));
        assertEquals(42L, worker.result("count", null));
    }

    @Test
    void anOverrideWithoutTheAnnotationRunsUnderTheInheritedOptions() throws Exception {
        assertEquals("store", worker.result("version", null));
        MethodDescriptor version = store.methods().stream().filter(m -> m.name().equals("version")).findFirst()
                .orElseThrow();
        assertEquals(5000L, version.timeoutMs());
    }

    @Test
    void anEventFieldOfASuperclassGetsItsEmitter() throws Exception {
        worker.result("add", map("a", 1, "b", 2));
        assertEquals(List.of("add 1 2"), worker.events().stream().map(Sent::value).toList());
        assertEquals(List.of("log"), store.events().stream().map(e -> e.name()).toList());
    }

    @Test
    void theSameMethodDeclaredByTwoInterfacesIsServedOnce() {
        ServiceBinding both = Procwire.bindingFor(new Inheritance.Both());
        assertInstanceOf(Inheritance_Both_Procwire.class, both);
        assertEquals(List.of("name"), names(both));
    }

    @Test
    void aServiceExtendingAServiceServesItsOwnAndItsInheritedMethods() {
        ServiceBinding extended = Procwire.bindingFor(new Inheritance.Extended());
        assertInstanceOf(Inheritance_Extended_Procwire.class, extended);
        assertEquals(List.of("extra", "hello"), names(extended));
        ServiceBinding plain = Procwire.bindingFor(new Inheritance.Plain());
        assertInstanceOf(Inheritance_Plain_Procwire.class, plain);
        assertEquals(List.of("hello"), names(plain));
    }

    @Test
    void anInstanceOfAClassThatOnlyExtendsAServiceIsRefusedNamingBoth() {
        Inheritance.Plain anonymous = new Inheritance.Plain() {
            @Override
            public String hello() {
                return "hi";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Procwire.bindingFor(anonymous));
        assertEquals("no generated binding for " + anonymous.getClass().getName() + ", which extends the service "
                + Inheritance.Plain.class.getName() + ": a binding serves exactly the class it was generated for, so "
                + "serve an instance of " + Inheritance.Plain.class.getName() + " itself, or annotate "
                + anonymous.getClass().getName() + " with @ProcwireService (it then serves the methods it inherits "
                + "too)", e.getMessage());
    }
}
