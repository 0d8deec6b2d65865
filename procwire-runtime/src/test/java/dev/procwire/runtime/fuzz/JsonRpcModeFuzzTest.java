package dev.procwire.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.Response;
import dev.procwire.runtime.Worker;
import dev.procwire.runtime.WorkerOptions;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio JSON-RPC mode against generated, mutated and random lines, through a running worker: every
 * line it writes is a well-formed JSON-RPC 2.0 response, batch or notification, and a good request
 * sent after each hostile line is answered.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class JsonRpcModeFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SEEDS = {
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":{\"a\":[1,2.5,\"x\",null,true]}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"typed\",\"params\":{\"name\":\"n\",\"n\":5,\"tags\":[\"a\"]}}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"stream\",\"params\":{\"count\":3}}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ack\",\"params\":[1,2]}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"none\",\"params\":{\"x\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"fail\",\"params\":{\"code\":\"E\",\"data\":{\"k\":[1]}}}",
        "[{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"echo\",\"params\":1},{\"jsonrpc\":\"2.0\",\"method\":\"none\"},5]",
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"__heartbeat_ping__\",\"params\":{\"seq\":1,\"timestamp\":2}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"__heartbeat_ping__\",\"params\":{\"seq\":1,\"timestamp\":2}}",
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"emit\",\"params\":{\"count\":2}}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"unknown\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":10,\"method\":\"echo\"}",
        "[]",
    };

    @TempDir
    Path tmp;

    private static Handlers binding() {
        Handlers[] self = new Handlers[1];
        Handlers h = Handlers.builder()
                .method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue()))
                .method("typed", Fuzz::typed)
                .method("stream", Response.STREAM, call -> {
                    Object v = call.reader().readValue();
                    long count = v instanceof Map<?, ?> m && m.get("count") instanceof Long c ? Math.min(Math.max(c, 0), 5) : 1;
                    var out = call.stream(Codecs.VALUE);
                    for (long i = 0; i < count; i++) out.send(i);
                })
                .method("ack", Response.ACK, call -> call.ack(Codecs.VALUE).ack(call.reader().readValue()))
                .method("none", Response.NONE, call -> call.reader().readValue())
                .method("fail", call -> {
                    Object v = call.reader().readValue();
                    Map<?, ?> m = v instanceof Map<?, ?> mm ? mm : Map.of();
                    throw new ProcwireException("asked to fail", String.valueOf(m.get("code")), m.get("data"));
                })
                .method("emit", call -> {
                    self[0].emitter("tick", Codecs.VALUE).emit(Map.of("seq", 1));
                    call.reply(Codecs.LONG, 1L);
                })
                .event("tick")
                .build();
        self[0] = h;
        return h;
    }

    /** Checks one line the worker wrote; returns the ids of the responses in it. */
    private static List<String> check(String line, String where) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(where + ": the worker wrote a line that is not JSON: " + line);
        }
        List<String> ids = new ArrayList<>();
        if (n.isArray()) {
            if (n.isEmpty()) {
                fail(where + ": an empty batch response");
            }
            n.forEach(e -> ids.add(checkMessage(e, line, where)));
        } else {
            ids.add(checkMessage(n, line, where));
        }
        return ids;
    }

    private static String checkMessage(JsonNode m, String line, String where) {
        if (!m.isObject() || !"2.0".equals(m.path("jsonrpc").asText())) {
            fail(where + ": not a JSON-RPC 2.0 message: " + line);
        }
        if (m.has("method")) { // a notification from the worker: an event or a heartbeat pong
            if (!m.get("method").isTextual() || m.has("id") || m.has("result") || m.has("error")) {
                fail(where + ": a malformed notification: " + line);
            }
            return null;
        }
        if (!m.has("id") || m.has("result") == m.has("error")) {
            fail(where + ": a response needs an id and exactly one of result and error: " + line);
        }
        if (m.has("error")) {
            JsonNode e = m.get("error");
            if (!e.path("code").isInt() || !e.path("message").isTextual()) {
                fail(where + ": an error needs an integer code and a string message: " + line);
            }
        }
        return m.get("id").asText();
    }

    /** Whether the line names a shutdown method ({@code __shutdown__}, {@code shutdown}), escapes resolved. */
    private static boolean asksForShutdown(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
        List<JsonNode> messages = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(messages::add);
        } else if (n != null) {
            messages.add(n);
        }
        return messages.stream().anyMatch(m -> m.path("method").asText("").toLowerCase(java.util.Locale.ROOT).contains("shutdown"));
    }

    @Test
    void hostileLinesGetWellFormedAnswersAndTheModeServesOn() throws Exception {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(1500);
        // NIO pipes, not java.io's piped streams: those fail a reader once the last writing thread has
        // ended, and answers are written from handler threads that come and go (virtual threads).
        Pipe toWorker = Pipe.open();
        Pipe fromWorker = Pipe.open();
        OutputStream stdin = Channels.newOutputStream(toWorker.sink());
        InputStream stdout = Channels.newInputStream(fromWorker.source());
        Worker worker = Worker.start(binding(), WorkerOptions.defaults(), Channels.newInputStream(toWorker.source()),
                Channels.newOutputStream(fromWorker.sink()), Map.of("TMPDIR", tmp.toString()));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
        }, "stdout-reader");
        reader.setDaemon(true);
        reader.start();
        assertTrue(lines.poll(30, TimeUnit.SECONDS).contains("$init"));

        List<byte[]> corpus = new ArrayList<>();
        for (String s : SEEDS) {
            corpus.add(s.getBytes(StandardCharsets.UTF_8));
        }
        int skipped = 0;
        try {
            for (int i = -1; i < n; i++) {
                String where = "seed=" + seed + " input=" + i;
                String line;
                if (i < 0) {
                    line = SEEDS[0]; // enter the mode
                } else {
                    if (!Fuzz.selected(i)) {
                        continue;
                    }
                    Random r = Fuzz.random(seed, i);
                    byte[] b = r.nextInt(6) == 0 ? Fuzz.randomBytes(r, 48) : Fuzz.mutate(r, corpus.get(r.nextInt(corpus.size())), corpus);
                    line = new String(b, StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' ');
                    if (asksForShutdown(line)) {
                        skipped++; // would stop the worker, which is tested elsewhere
                        continue;
                    }
                }
                String probeId = "probe-" + i;
                String probe = "{\"jsonrpc\":\"2.0\",\"id\":\"" + probeId + "\",\"method\":\"echo\",\"params\":{\"ok\":" + i + "}}";
                stdin.write((line + "\n" + probe + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                boolean answered = false;
                while (!answered) {
                    long left = deadline - System.nanoTime();
                    String out = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (out == null) {
                        fail(where + ": the good request after this line was not answered: " + line);
                    }
                    answered = check(out, where).contains(probeId);
                }
            }
            // Lines still on their way (answers to slow requests) must be well-formed too.
            Thread.sleep(200);
            for (String out; (out = lines.poll()) != null;) {
                check(out, "after the run");
            }
        } finally {
            stdin.close();
            assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS), "end of input stops the worker");
        }
        assertTrue(skipped < n / 2);
        assertEquals(0, lines.stream().filter(l -> !l.startsWith("{") && !l.startsWith("[")).count());
    }
}
