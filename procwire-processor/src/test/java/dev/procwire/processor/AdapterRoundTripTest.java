package dev.procwire.processor;

import static dev.procwire.processor.Msg.decode;
import static dev.procwire.processor.Msg.encode;
import static dev.procwire.processor.Msg.hex;
import static dev.procwire.processor.Msg.map;
import static dev.procwire.processor.Msg.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.procwire.processor.fixtures.AdapterService;
import dev.procwire.processor.fixtures.AdapterService.Invoice;
import dev.procwire.processor.fixtures.AdapterService.Order;
import dev.procwire.processor.fixtures.AdapterService_Invoice_ProcwireCodec;
import dev.procwire.processor.fixtures.AdapterService_Order_ProcwireCodec;
import dev.procwire.processor.fixtures.Adapted.Amount;
import dev.procwire.processor.fixtures.Adapted.Spot;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.internal.frame.Frames;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Types taught by a {@code @WireAdapter} ({@code fixtures.Adapted}) travel as what their adapter converts
 * them to, in every position the generated code reads and writes: through the generated codecs, and
 * through the generated binding served by the runtime's dispatcher ({@link AdapterService}).
 */
class AdapterRoundTripTest {
    private final Harness worker = new Harness(Procwire.bindingFor(new AdapterService()));

    @AfterEach
    void stop() {
        worker.close();
    }

    static Order order() {
        Map<String, Amount> byName = new LinkedHashMap<>();
        byName.put("tea", Amount.of("EUR", "3.20"));
        byName.put("none", null);
        return new Order("o-1", Amount.of("EUR", "12.50"), Arrays.asList(Amount.of("EUR", "9.30"), null),
                byName, Map.of(Amount.of("USD", "1"), 2), Optional.of(Amount.of("EUR", "0.50")), new Spot(48.85, 2.35));
    }

    @Test
    void anAdaptedTypeTravelsAsItsWireFormInEveryPositionOfARecord() {
        Order o = order();
        byte[] bytes = encode(AdapterService_Order_ProcwireCodec::write, o);
        Map<Object, Object> spot = map("lat", 48.85, "lon", 2.35);
        Map<Object, Object> expected = map("id", "o-1", "total", "EUR 12.50", "lines", Arrays.asList("EUR 9.30", null),
                "byName", map("tea", "EUR 3.20", "none", null), "counts", map("USD 1", 2L), "discount", "EUR 0.50",
                "shipTo", spot);
        assertEquals(expected, Msg.unpack(bytes));
        Order back = decode(AdapterService_Order_ProcwireCodec::read, bytes);
        assertEquals(o, back);
        assertEquals(hex(bytes), hex(encode(AdapterService_Order_ProcwireCodec::write, back)));
    }

    @Test
    void nilIsNullOnBothSidesAndNeverReachesTheAdapter() {
        Order empty = new Order("o-2", null, null, null, null, Optional.empty(), null);
        byte[] bytes = encode(AdapterService_Order_ProcwireCodec::write, empty);
        Map<Object, Object> nils = new LinkedHashMap<>();
        for (String k : List.of("total", "lines", "byName", "counts", "discount", "shipTo")) {
            nils.put(k, null);
        }
        Map<Object, Object> expected = map("id", "o-2");
        expected.putAll(nils);
        assertEquals(expected, Msg.unpack(bytes));
        assertEquals(empty, decode(AdapterService_Order_ProcwireCodec::read, bytes));
    }

    @Test
    void aBeanPropertyOfAnAdaptedTypeRoundTrips() {
        Invoice i = new Invoice();
        i.setDue(Amount.of("GBP", "7"));
        byte[] bytes = encode(AdapterService_Invoice_ProcwireCodec::write, i);
        assertEquals(map("due", "GBP 7"), Msg.unpack(bytes));
        assertEquals(i.getDue(), decode(AdapterService_Invoice_ProcwireCodec::read, bytes).getDue());
    }

    @Test
    void aFromWireRefusalIsTheAdapterNamedWithItsMessage() {
        byte[] bytes = pack(map("id", "o-3", "total", "twelve euros"));
        MsgPackException e = assertThrows(MsgPackException.class,
                () -> decode(AdapterService_Order_ProcwireCodec::read, bytes));
        assertEquals("Adapted.Adapters.amountFromWire: not an amount: \"twelve euros\" (expected e.g. \"EUR 12.50\") "
                + "(at 'total')", e.getMessage(), "the message names the key holding the refused value");
    }

    @Test
    void anAdaptedParameterAndResultTravelBareOrNamed() throws Exception {
        assertEquals("EUR 25.00", worker.result("twice", "EUR 12.50"));
        assertEquals("EUR 25.00", worker.result("twice", map("amount", "EUR 12.50")));
        assertNull(worker.result("twice", null), "nil in, nil out: the method got null");
    }

    @Test
    void anAdaptedTypeAsANamedParameterAndAListResult() throws Exception {
        assertEquals(List.of("JPY 500", "JPY 500"), worker.result("split", map("amount", "JPY 500", "parts", 2)));
    }

    @Test
    void aRecordAdaptedTypeTravelsAsItsRecordInsideAnOptional() throws Exception {
        Map<Object, Object> spot = map("lat", -33.9, "lon", 151.2);
        assertEquals(spot, worker.result("where", spot));
        assertNull(worker.result("where", null), "an empty Optional is nil");
    }

    @Test
    void aFromWireRefusalOfAParameterIsInvalidParamsNamingTheAdapter() throws Exception {
        assertEquals(map("message", "invalid params for twice: Adapted.Adapters.amountFromWire: not an amount: "
                + "\"12.50\" (expected e.g. \"EUR 12.50\")", "code", "INVALID_PARAMS"), worker.error("twice", "12.50"));
        assertEquals(map("message", "invalid params for where: Adapted.Adapters.spotFromWire: latitude out of range: "
                + "91.0", "code", "INVALID_PARAMS"), worker.error("where", map("lat", 91.0, "lon", 0.0)));
    }

    @Test
    void aToWireExceptionIsTheWorkersOwnInternalError() throws Exception {
        assertEquals(map("message", "XXX is not a currency to send", "code", "INTERNAL", "data",
                "java.lang.IllegalStateException"), worker.error("twice", "XXX 1"));
    }

    @Test
    void streamChunksAndEventsOfAnAdaptedTypeTravelAsItsWireForm() throws Exception {
        List<Harness.Sent> frames = worker.call("repeat", pack(map("amount", "EUR 1.5", "times", 2)));
        assertEquals(Frames.FLAGS_STREAM_END, frames.get(frames.size() - 1).flags());
        assertEquals(List.of("EUR 1.5", "EUR 3.0"), frames.subList(0, frames.size() - 1).stream()
                .map(Harness.Sent::value).toList());
        worker.result("spend", "CHF 4");
        assertEquals(List.of("CHF 4"), worker.events().stream().map(Harness.Sent::value).toList());
    }
}
