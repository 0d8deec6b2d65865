package dev.procwire.runtime.internal.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procwire.runtime.Worker;
import dev.procwire.runtime.WorkerOptions;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker chooses the stdio JSON-RPC mode by itself when the parent speaks it. */
class WorkerModeSwitchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private PipedOutputStream stdin;
    private Worker worker;

    @BeforeEach
    void start() throws IOException {
        start(Duration.ofSeconds(30)); // only a request that never ends reaches it
    }

    private void start(Duration shutdownGrace) throws IOException {
        if (worker != null) {
            worker.shutdown("restarted by the test");
            stdin.close();
            stdout.clear(); // its $init
        }
        stdin = new PipedOutputStream();
        PipedInputStream workerIn = new PipedInputStream(stdin, 1 << 16);
        worker = Worker.start(TestService.binding(gate), WorkerOptions.defaults().withShutdownGrace(shutdownGrace),
                workerIn, new LineCapture(stdout), Map.of("XDG_RUNTIME_DIR", dir.toString()));
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        worker.shutdown("test over");
        stdin.close();
    }

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private JsonNode read() throws Exception {
        String line = stdout.poll(5, TimeUnit.SECONDS);
        assertNotNull(line, "no line from the worker within 5 s");
        return JSON.readTree(line);
    }

    @Test
    void firstJsonRpcRequestIsAnsweredOnStdoutAndTheDataPlaneStopsListening() throws Exception {
        JsonNode init = read();
        assertEquals("$init", init.get("method").asText());
        Path socket = Path.of(init.get("params").get("pipe").asText());
        assertTrue(Files.exists(socket), "listening before the parent spoke");

        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":{\"a\":40,\"b\":2}}");
        assertEquals(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":42}"), read());

        assertFalse(Files.exists(socket), "the socket file is removed");
        assertThrows(IOException.class, () -> {
            try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                c.connect(UnixDomainSocketAddress.of(socket));
            }
        });
    }

    @Test
    void anEmbedderHoldingTheWorkersMonitorDoesNotStallTheSwitchToJsonRpc() throws Exception {
        read(); // $init
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Worker held = worker;
        Thread embedder = new Thread(() -> {
            synchronized (held) {
                holding.countDown();
                try {
                    letGo.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        embedder.start();
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS));
            send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":{\"a\":40,\"b\":2}}");
            String answer = stdout.poll(30, TimeUnit.SECONDS);
            assertNotNull(answer, "the control plane stalled on the monitor of the Worker object");
            assertEquals(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":42}"), JSON.readTree(answer));
        } finally {
            letGo.countDown();
            embedder.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** The only lines a @procwire/core parent writes on stdin: they leave the data plane open for it. */
    @Test
    void pingAndShutdownDoNotEnterTheMode() throws Exception {
        Path socket = Path.of(read().get("params").get("pipe").asText());
        send("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}");
        assertEquals("$pong", read().get("method").asText());
        assertTrue(Files.exists(socket), "still listening after $ping");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"$shutdown\",\"params\":{}}");
        assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS));
        assertNull(stdout.poll(200, TimeUnit.MILLISECONDS), "nothing answered $shutdown on stdout");
    }

    @Test
    void firstLineThatIsNotJsonIsAParseErrorAndEntersTheMode() throws Exception {
        Path socket = Path.of(read().get("params").get("pipe").asText());
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",");
        JsonNode error = read();
        assertEquals(JSON.readTree("null"), error.get("id"), error.toString());
        assertEquals(-32700, error.path("error").path("code").asInt(), error.toString());
        assertFalse(Files.exists(socket), "a JSON-RPC parent never connects: the listener is closed");
    }

    @Test
    void shutdownNotificationStopsTheWorker() throws Exception {
        read(); // $init
        send("{\"jsonrpc\":\"2.0\",\"method\":\"shutdown\",\"params\":{}}");
        assertEquals("__shutdown_complete__", read().get("method").asText());
        assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    void parentOnTheDataPlaneIsNotAnsweredOnStdio() throws Exception {
        JsonNode init = read();
        Path socket = Path.of(init.get("params").get("pipe").asText());
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!worker.connected() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(worker.connected());
            send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":{\"a\":40,\"b\":2}}");
            send("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}");
            assertEquals("$pong", read().get("method").asText(), "the request was ignored; the ping answered");
        }
    }

    @Test
    void endOfInputStopsTheWorkerInJsonRpcMode() throws Exception {
        read(); // $init
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"add\",\"params\":{\"a\":1,\"b\":1}}");
        read();
        stdin.close();
        assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS));
    }

    /** {@code printf '<request>\n' | java -jar worker.jar}: stdin ends at once, the answer must still come. */
    @Test
    void endOfInputLetsTheRequestsInFlightAnswerBeforeTheWorkerStops() throws Exception {
        read(); // $init
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"gate\"}");
        stdin.close();
        assertFalse(worker.awaitTermination(100, TimeUnit.MILLISECONDS), "waiting for the gate call");
        gate.countDown();
        assertEquals(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"opened\"}"), read());
        assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS), "stops once the answer is out, not after the grace");
    }

    @Test
    void endOfInputAbandonsARequestThatOutlastsTheGrace() throws Exception {
        start(Duration.ofMillis(50));
        read(); // $init
        send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"gate\"}");
        stdin.close();
        assertTrue(worker.awaitTermination(5, TimeUnit.SECONDS), "the gate stays shut for 10 s; the grace is 50 ms");
        gate.countDown();
        assertNull(stdout.poll(200, TimeUnit.MILLISECONDS), "no answer after the worker stopped");
    }
}
