package dev.procwire.processor;

import static dev.procwire.processor.Msg.decode;
import static dev.procwire.processor.Msg.encode;
import static dev.procwire.processor.Msg.map;
import static dev.procwire.processor.Msg.pack;
import static dev.procwire.processor.Msg.unpack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.procwire.processor.fixtures.PolymorphicService;
import dev.procwire.processor.fixtures.Polymorphism.Circle;
import dev.procwire.processor.fixtures.Polymorphism.Group;
import dev.procwire.processor.fixtures.Polymorphism.Language;
import dev.procwire.processor.fixtures.Polymorphism.Profile;
import dev.procwire.processor.fixtures.Polymorphism.Shape;
import dev.procwire.processor.fixtures.Polymorphism.Signal;
import dev.procwire.processor.fixtures.Polymorphism.Square;
import dev.procwire.processor.fixtures.Polymorphism.Started;
import dev.procwire.processor.fixtures.Polymorphism.Stopped;
import dev.procwire.processor.fixtures.Polymorphism_Language_ProcwireCodec;
import dev.procwire.processor.fixtures.Polymorphism_Profile_ProcwireCodec;
import dev.procwire.processor.fixtures.Polymorphism_Shape_ProcwireCodec;
import dev.procwire.processor.fixtures.Polymorphism_Signal_ProcwireCodec;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.codec.MsgPackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sealed types travel as their subtype's map with a discriminator; {@code @WireName} and
 * {@code @WireNaming} rename keys, enum constants, subtypes and parameters on the wire only.
 */
class SealedTypesAndWireNamesTest {
    private final Harness worker = new Harness(Procwire.bindingFor(new PolymorphicService()));

    @AfterEach
    void stop() {
        worker.close();
    }

    private static Shape shapeRoundTrip(Shape shape) {
        byte[] bytes = encode(Polymorphism_Shape_ProcwireCodec::write, shape);
        Shape back = decode(Polymorphism_Shape_ProcwireCodec::read, bytes);
        assertEquals(shape, back);
        return back;
    }

    @Test
    void eachSubtypeTravelsAsItsMapWithTheDiscriminatorFirst() {
        Shape group = new Group("g1", List.of(new Circle(1.5), new Square(2)));
        assertEquals(List.of("type", "group_name", "members"),
                new ArrayList<>(((Map<?, ?>) unpack(encode(Polymorphism_Shape_ProcwireCodec::write, group))).keySet()));
        assertEquals(map("type", "Group", "group_name", "g1", "members", List.of(
                        map("type", "circle", "radius", 1.5), map("type", "Square", "side_length", 2.0))),
                unpack(encode(Polymorphism_Shape_ProcwireCodec::write, group)));
        shapeRoundTrip(group);
        shapeRoundTrip(new Circle(0.25));
        assertNull(shapeRoundTrip(null));
    }

    @Test
    void theDiscriminatorIsFoundWhereverThePayloadPutsIt() {
        assertEquals(new Circle(2), decode(Polymorphism_Shape_ProcwireCodec::read,
                pack(map("radius", 2.0, "extra", List.of(map("type", "nested")), "type", "circle"))));
        assertEquals(new Square(3), decode(Polymorphism_Shape_ProcwireCodec::read,
                pack(map(7, "an integer key", "side_length", 3, "type", "Square"))));
    }

    @Test
    void anUnknownOrMissingDiscriminatorNamesTheValuesExpected() {
        MsgPackException unknown = assertThrows(MsgPackException.class, () -> decode(Polymorphism_Shape_ProcwireCodec::read,
                pack(map("type", "hexagon", "side", 1))));
        assertEquals("unknown Shape.type \"hexagon\"; expected one of: circle, Square, Group", unknown.getMessage());
        MsgPackException missing = assertThrows(MsgPackException.class, () -> decode(Polymorphism_Shape_ProcwireCodec::read,
                pack(map("radius", 1))));
        assertEquals("missing Shape.type; expected one of: circle, Square, Group", missing.getMessage());
        assertThrows(MsgPackException.class, () -> decode(Polymorphism_Shape_ProcwireCodec::read, pack(List.of(1))));
    }

    @Test
    void aSealedAbstractClassUsesItsOwnDiscriminatorAndNamesItsSubtypesByItsPolicy() {
        Started started = new Started();
        started.source = "scheduler";
        started.at = Instant.parse("2026-01-02T03:04:05Z");
        Stopped stopped = new Stopped();
        stopped.source = "user";
        stopped.exitReason = "done";
        assertEquals(map("kind", "stopped", "source", "user", "exitReason", "done"),
                unpack(encode(Polymorphism_Signal_ProcwireCodec::write, stopped)), "a subtype's own keys keep its names");
        for (Signal s : List.of(started, stopped)) {
            assertEquals(s, decode(Polymorphism_Signal_ProcwireCodec::read, encode(Polymorphism_Signal_ProcwireCodec::write, s)));
        }
    }

    @Test
    void enumConstantsTravelAsTheirWireNames() {
        assertEquals("pt_br", unpack(encode(Polymorphism_Language_ProcwireCodec::write, Language.PT_BR)));
        assertEquals("zh-Hans", unpack(encode(Polymorphism_Language_ProcwireCodec::write, Language.ZH_HANS)));
        assertEquals(Language.EN, decode(Polymorphism_Language_ProcwireCodec::read, pack("en")));
        MsgPackException javaName = assertThrows(MsgPackException.class,
                () -> decode(Polymorphism_Language_ProcwireCodec::read, pack("EN")));
        assertEquals("unknown Language \"EN\"; expected one of: en, pt_br, zh-Hans", javaName.getMessage());
    }

    @Test
    void aBeanIsRenamedOnItsFieldOrItsGetter() {
        Profile p = new Profile();
        p.setDisplayName("Ada");
        p.setAge(36);
        assertEquals(map("display_name", "Ada", "years", 36L), unpack(encode(Polymorphism_Profile_ProcwireCodec::write, p)));
        Profile back = decode(Polymorphism_Profile_ProcwireCodec::read, pack(map("years", 41, "display_name", "Grace")));
        assertEquals("Grace", back.getDisplayName());
        assertEquals(41, back.getAge());
    }

    @Test
    void parametersAreNamedByTheServicePolicyOrTheirAnnotation() throws Exception {
        Object shapes = List.of(map("type", "circle", "radius", 1.0));
        assertEquals(shapes, worker.result("scale", map("shapes", shapes, "scale_factor", 2, "lang", "en")));
        assertEquals(map("message", "invalid params for scale: missing parameter scale_factor (double)",
                "code", "INVALID_PARAMS"), worker.error("scale", map("shapes", shapes, "scaleFactor", 2)));
    }

    @Test
    void anUnknownDiscriminatorFromTheParentIsAnInvalidParamsError() throws Exception {
        assertEquals(map("message", "invalid params for scale: unknown Shape.type \"hexagon\"; expected one of: circle, "
                        + "Square, Group (at 'shapes')", "code", "INVALID_PARAMS"),
                worker.error("scale", map("shapes", List.of(map("type", "hexagon")), "scale_factor", 1)));
    }
}
