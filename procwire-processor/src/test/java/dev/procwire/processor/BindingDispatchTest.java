package dev.procwire.processor;

import static dev.procwire.processor.Msg.map;
import static dev.procwire.processor.Msg.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.processor.Harness.Sent;
import dev.procwire.processor.fixtures.BindingService;
import dev.procwire.processor.fixtures.BindingService_Procwire;
import dev.procwire.processor.fixtures.ConstructorEvents;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.internal.frame.Frames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Generated bindings, served by the runtime's dispatcher: binding rules, response kinds, codecs, events. */
class BindingDispatchTest {
    private final BindingService service = new BindingService();
    private final Harness worker = new Harness(Procwire.bindingFor(service));

    @AfterEach
    void stop() {
        worker.close();
    }

    @Test
    void theGeneratedBindingIsFoundThroughItsProvider() {
        assertInstanceOf(BindingService_Procwire.class, Procwire.bindingFor(service));
    }

    @Test
    void parametersBindByNameFromAMapPayloadInAnyOrder() throws Exception {
        assertEquals(5L, worker.result("add", map("a", 2, "b", 3)));
        assertEquals(-1L, worker.result("add", map("b", 3, "a", -4)));
    }

    @Test
    void unknownKeysAreSkipped() throws Exception {
        assertEquals(3L, worker.result("add", map("a", 1, "zzz", List.of(map("x", 1)), "b", 2, 9, "int key")));
    }

    @Test
    void aSingleScalarParameterAcceptsTheBareValueOrItsName() throws Exception {
        assertEquals(49L, worker.result("square", 7));
        assertEquals(49L, worker.result("square", map("n", 7)));
        assertEquals("hello ada", worker.result("greet", "ada"));
        assertEquals("hello ada", worker.result("greet", map("name", "ada", "other", 1)));
    }

    @Test
    void aSingleCollectionParameterAcceptsTheBareArrayOrItsName() throws Exception {
        assertEquals(6L, worker.result("sum", List.of(1, 2, 3)));
        assertEquals(6L, worker.result("sum", map("numbers", List.of(1, 2, 3))));
    }

    @Test
    void aMissingPrimitiveParameterIsAnInvalidParamsError() throws Exception {
        assertEquals(map("message", "invalid params for add: missing parameter b (long)", "code", "INVALID_PARAMS"),
                worker.error("add", map("a", 1)));
        assertEquals(map("message", "invalid params for square: missing parameter n (long)", "code", "INVALID_PARAMS"),
                worker.error("square", null));
    }

    @Test
    void missingReferenceParametersAreNullOrEmpty() throws Exception {
        assertEquals("null|2|-|null|null", worker.result("describe", map("count", 2)));
        assertEquals("hello null", worker.result("greet", null));
    }

    @Test
    void namedParametersOfEveryKindAreRead() throws Exception {
        assertEquals("t|3|!|1099511627776|[x, y]",
                worker.result("describe", map("text", "t", "count", 3, "suffix", "!", "boxed", 1L << 40, "tags", List.of("x", "y"))));
    }

    @Test
    void aSingleStructuredParameterBindsTheWholePayload() throws Exception {
        assertEquals(map("x", 2L, "y", 3L), worker.result("move", map("x", 1, "y", 2)));
        assertEquals(null, worker.result("move", null));
    }

    @Test
    void anObjectParameterReceivesTheDynamicPayloadAsIs() throws Exception {
        Map<Object, Object> payload = map("a", List.of(1L, "x", 2.5, true), "n", null);
        assertEquals(payload, worker.result("echo", payload));
        assertEquals("bare", worker.result("echo", "bare"));
    }

    @Test
    void numbersAreReadLenientlyWithRangeChecks() throws Exception {
        // 300.0 is what a float64 holding an integer looks like; 2**31-1 arrives as uint32.
        assertEquals((long) (-128 + 300 + Integer.MAX_VALUE), worker.result("narrow", map("b", -128, "s", 300.0, "i", Integer.MAX_VALUE)));
        assertEquals(map("message", "invalid params for narrow: number 128 is out of range for byte (at 'b')", "code",
                "INVALID_PARAMS"), worker.error("narrow", map("b", 128, "s", 0, "i", 0)));
        assertEquals(0.25, worker.result("ratio", map("x", 1, "y", 4)));
    }

    @Test
    void anEmptyPayloadIsNotMsgPackButNilIsAnEmptyMap() throws Exception {
        Sent empty = worker.answer("greet", new byte[0]);
        assertEquals(Frames.FLAGS_ERROR, empty.flags());
        assertEquals(map("message", "invalid params for greet: unexpected end of payload", "code", "INVALID_PARAMS"),
                empty.value());
        Sent whole = worker.answer("echo", new byte[0]);
        assertEquals(Frames.FLAGS_ERROR, whole.flags());
        assertEquals("hello null", worker.result("greet", null));
        assertEquals(null, worker.result("echo", null));
    }

    @Test
    void aVoidMethodAnswersNil() throws Exception {
        Sent s = worker.answer("nothing", new byte[0]);
        assertEquals(Frames.FLAGS_RESULT, s.flags());
        assertArrayEquals(new byte[] {(byte) 0xc0}, s.payload());
    }

    @Test
    void aRawMethodThatAnswersNothingAnswersNoBytesWhenVoidOrLater() throws Exception {
        for (String method : List.of("store", "storeLater")) {
            Sent s = worker.answer(method, new byte[] {1, 2});
            assertEquals(Frames.FLAGS_RESULT, s.flags(), method);
            assertArrayEquals(new byte[0], s.payload(), method);
        }
    }

    @Test
    void charResultsAreOneCharacterStrings() throws Exception {
        assertEquals("Z", worker.result("initial", "Zed"));
    }

    @Test
    void aCompletionStageIsAnsweredWhenItCompletes() throws Exception {
        assertEquals("ABC", worker.result("later", "abc"));
        assertEquals(null, worker.result("laterVoid", null));
        assertEquals(map("message", "later failed", "code", "LATE"), worker.error("laterFail", null));
    }

    @Test
    void aStreamSinkSendsChunksThenAnEmptyEnd() throws Exception {
        List<Sent> frames = worker.call("count", pack(3));
        assertEquals(4, frames.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(Frames.FLAGS_CHUNK, frames.get(i).flags());
            assertEquals((long) i, frames.get(i).value());
        }
        assertEquals(Frames.FLAGS_STREAM_END, frames.get(3).flags());
        assertEquals(0, frames.get(3).payload().length);
    }

    @Test
    void returnedStreamsIteratorsAndIterablesAreStreamed() throws Exception {
        assertEquals(List.of("a", "b", "c"), chunks("words", "a b c"));
        assertEquals(List.of(0L, 1L, 2L), chunks("digits", 3));
        assertEquals(List.of(map("x", 0L, "y", 0L), map("x", 1L, "y", -1L)), chunks("points", 2));
    }

    private List<Object> chunks(String method, Object payload) throws InterruptedException {
        List<Sent> frames = worker.call(method, pack(payload));
        assertEquals(Frames.FLAGS_STREAM_END, frames.get(frames.size() - 1).flags());
        return frames.subList(0, frames.size() - 1).stream().map(Sent::value).toList();
    }

    @Test
    void rawStreamChunksAreTheBytesThemselves() throws Exception {
        List<Sent> frames = worker.call("chunks", new byte[] {5, 6});
        assertEquals(3, frames.size());
        assertArrayEquals(new byte[] {5, 5}, frames.get(0).payload());
        assertArrayEquals(new byte[] {6, 6}, frames.get(1).payload());
    }

    @Test
    void anAckSinkAcknowledgesWhileTheHandlerKeepsWorking() throws Exception {
        worker.start("accept", 9, pack("job-1"));
        Sent ack = worker.awaitFrame(9);
        assertEquals(Frames.FLAGS_ACK, ack.flags());
        assertEquals(map("accepted", "job-1"), ack.value());
        assertEquals(1, worker.inFlight(), "the handler is still working after its ack");
        service.workMayFinish.countDown();
        worker.awaitIdle();
        assertEquals(1, worker.framesFor(9).size(), "nothing is sent after the ack");
    }

    @Test
    void anAckMethodsReturnValueIsTheAckData() throws Exception {
        Sent ack = worker.answer("acceptReturning", pack("j"));
        assertEquals(Frames.FLAGS_ACK, ack.flags());
        assertEquals("queued j", ack.value());
    }

    @Test
    void aNoneMethodAnswersNothing() throws Exception {
        assertEquals(List.of(), worker.call("notifyAll", 0, pack("hi")));
        assertEquals(List.of("hi"), worker.events().stream().map(Sent::value).toList());
    }

    @Test
    void theRawCodecPassesBytesThrough() throws Exception {
        assertArrayEquals(new byte[] {3, 2, 1}, worker.answer("reverse", new byte[] {1, 2, 3}).payload());
        assertArrayEquals(new byte[] {7, 8}, worker.answer("view", new byte[] {7, 8}).payload());
        assertArrayEquals(new byte[0], worker.answer("view", new byte[0]).payload());
        assertEquals(4L, worker.answer("length", new byte[] {1, 2, 3, 4}).value());
        assertArrayEquals("hé".getBytes(StandardCharsets.UTF_8), worker.answer("bytesOf", pack("hé")).payload());
    }

    @Test
    void theRequestContextIsInjected() throws Exception {
        List<Sent> frames = worker.call("context", 42, pack(null));
        assertEquals("context#42", frames.get(0).value());
    }

    @Test
    void cancellationFiresTheTokenAndSuppressesTheAnswer() throws Exception {
        worker.start("waitForCancel", 77, pack(null));
        while (worker.inFlight() == 0) {
            Thread.onSpinWait();
        }
        worker.abort(77);
        worker.awaitIdle();
        assertEquals(List.of(), worker.framesFor(77));
    }

    @Test
    void staticMethodsAreCalledOnTheClass() throws Exception {
        assertEquals("1", worker.result("version", null));
    }

    @Test
    void eventFieldsAreInjectedAndSendWithTheirIds() throws Exception {
        assertEquals(3L, worker.result("emit", 3));
        List<Sent> events = worker.events();
        assertEquals(4, events.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(BindingService_Procwire.EVENT_TICK, events.get(i).methodId());
            assertEquals(map("seq", (long) i), events.get(i).value());
        }
        assertEquals(BindingService_Procwire.EVENT_BLOB, events.get(3).methodId());
        assertArrayEquals(new byte[] {1, 2, 3}, events.get(3).payload(), "a RAW event is its bytes");
    }

    @Test
    void aProcwireExceptionBecomesAnErrorWithItsCodeAndData() throws Exception {
        assertEquals(map("message", "boom", "code", "E_BOOM", "data", map("where", "fail")),
                worker.error("fail", map("message", "boom", "code", "E_BOOM")));
    }

    @Test
    void namesTimeoutsAndCodecsArePublished() {
        ServiceBinding b = Procwire.bindingFor(service);
        assertTrue(b.schemaJson().contains("\"renamed\":{\"id\":"), b.schemaJson());
        assertTrue(b.schemaJson().contains("\"slow\":{\"id\":" + worker.id("slow") + ",\"response\":\"result\",\"timeout\":1500}"));
        assertEquals(dev.procwire.api.Codec.RAW, b.methods().get(worker.id("length") - 1).requestCodec());
        assertEquals(dev.procwire.api.Codec.MSGPACK, b.methods().get(worker.id("length") - 1).responseCodec());
        assertEquals(List.of("tick", "blob", "note"), b.events().stream().map(e -> e.name()).toList());
    }

    @Test
    void constructorEmittersAreConnectedWhenTheBindingIsAttached() throws Exception {
        BindingProvider provider = ServiceLoader.load(BindingProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.serviceType() == ConstructorEvents.class).findFirst().orElseThrow();
        try (Harness created = new Harness(provider.create())) {
            assertEquals("hi", created.answer("say", pack("hi")).value());
            assertEquals(List.of("hi"), created.events().stream().map(Sent::value).toList());
        }
    }
}
