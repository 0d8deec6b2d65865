package dev.procwire.runtime.internal.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.internal.control.ControlPlane;
import dev.procwire.runtime.internal.dispatch.Dispatcher;
import dev.procwire.runtime.internal.dispatch.EventSender;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link JsonRpcMode} wired as the worker wires it — a real {@link ControlPlane} in front (so
 * {@code $ping} and {@code $shutdown} are intercepted as in production), a real {@link Dispatcher}
 * behind — with stdout captured line by line.
 */
final class JsonRpcHarness implements AutoCloseable {
    /** Reads what the worker writes with no limit of its own (Jackson's defaults refuse some of it). */
    static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .build())
            .build()).build();

    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final Dispatcher dispatcher;
    final ControlPlane control;
    final JsonRpcMode mode;
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile String stopReason;

    JsonRpcHarness(ServiceBinding binding) {
        dispatcher = new Dispatcher(binding, executor, 64, 64);
        JsonRpcMode[] holder = new JsonRpcMode[1];
        control = new ControlPlane(InputStream.nullInputStream(), new LineCapture(lines), new ControlPlane.Listener() {
            @Override
            public void onShutdown(String reason) {
                stop(reason);
            }

            @Override
            public void onMessage(String line, Object parsed) {
                holder[0].onLine(line, parsed);
            }
        });
        EventSender events = new EventSender(binding.events());
        binding.attach(events);
        mode = new JsonRpcMode(binding, dispatcher, control, events, this::stop);
        holder[0] = mode;
    }

    private void stop(String reason) {
        stopReason = reason;
        mode.close();
        stopped.countDown();
    }

    /** Sends one line, as if the parent wrote it on stdin. */
    void send(String line) {
        control.handle(line);
    }

    /** The next line the worker wrote, parsed; fails after 5 s. */
    JsonNode next() throws Exception {
        return next(5);
    }

    /** The next line the worker wrote, parsed; fails after {@code seconds}. */
    JsonNode next(int seconds) throws Exception {
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (line == null) {
            fail("no line from the worker within " + seconds + " s");
        }
        return JSON.readTree(line);
    }

    /** The next line that is a response (has an id member), skipping notifications. */
    JsonNode nextResponse() throws Exception {
        while (true) {
            JsonNode n = next();
            if (n.isArray() || n.has("id")) {
                return n;
            }
        }
    }

    /** Asserts that the worker writes nothing more within {@code ms}. */
    void assertSilentFor(long ms) throws InterruptedException {
        assertNull(lines.poll(ms, TimeUnit.MILLISECONDS), "the worker wrote a line it should not have");
    }

    @Override
    public void close() {
        mode.close();
        executor.shutdownNow();
    }
}
