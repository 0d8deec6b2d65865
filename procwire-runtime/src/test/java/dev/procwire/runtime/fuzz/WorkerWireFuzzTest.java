package dev.procwire.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.Worker;
import dev.procwire.runtime.WorkerOptions;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile bytes on a real data-plane connection into a running worker: valid requests, requests with
 * mutated payloads, unknown methods, stray aborts and auth frames, and mutated frame headers. The worker
 * answers only with well-formed frames (errors are MsgPack maps with a string {@code message}), or
 * drops the connection; it never dies, and while the connection is up it still answers a good request.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class WorkerWireFuzzTest {
    private static final Set<Integer> FLAGS_TO_PARENT = Set.of(Frames.FLAGS_RESULT, Frames.FLAGS_ACK, Frames.FLAGS_CHUNK,
            Frames.FLAGS_STREAM_END, Frames.FLAGS_ERROR, Frames.FLAGS_STREAM_ERROR, Frames.FLAGS_EVENT);

    @TempDir
    Path tmp;

    private static Handlers binding() {
        return Handlers.builder()
                .method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue()))
                .method("typed", Fuzz::typed)
                .method("stream", Response.STREAM, call -> {
                    Object v = call.reader().readValue();
                    long count = v instanceof Map<?, ?> m && m.get("count") instanceof Long c ? Math.min(c, 8) : 1;
                    var out = call.stream(Codecs.VALUE);
                    for (long i = 0; i < count; i++) out.send(i);
                })
                .method("raw", Response.RESULT, Codec.RAW, 0, call -> call.replyRaw(call.payload()))
                .method("ack", Response.ACK, call -> call.ack(Codecs.VALUE).ack(call.reader().readValue()))
                .method("none", Response.NONE, call -> call.reader().readValue())
                .build();
    }

    private static byte[] frame(int methodId, int flags, int requestId, byte[] payload) {
        byte[] f = new byte[Frames.HEADER_SIZE + payload.length];
        Frames.writeHeader(f, 0, methodId, flags, requestId, payload.length);
        System.arraycopy(payload, 0, f, Frames.HEADER_SIZE, payload.length);
        return f;
    }

    /** A started worker with its socket connected. */
    private final class Session implements AutoCloseable {
        final Worker worker;
        final SocketChannel ch;
        final OutputStream stdin;
        final BufferedReader controlLines;

        Session() throws Exception {
            // NIO pipes: java.io's piped streams fail a reader once the last writing thread has ended.
            Pipe in = Pipe.open();
            Pipe out = Pipe.open();
            stdin = Channels.newOutputStream(in.sink());
            controlLines = new BufferedReader(new InputStreamReader(Channels.newInputStream(out.source()), StandardCharsets.UTF_8));
            worker = Worker.start(binding(), WorkerOptions.defaults().withMaxPayload(1 << 20),
                    Channels.newInputStream(in.source()), Channels.newOutputStream(out.sink()), Map.of("TMPDIR", tmp.toString()));
            String init = controlLines.readLine();
            String pipe = init.replaceAll(".*\"pipe\":\"([^\"]+)\".*", "$1");
            ch = SocketChannel.open(UnixDomainSocketAddress.of(pipe));
        }

        boolean pingAnswered() throws IOException {
            stdin.write("{\"jsonrpc\":\"2.0\",\"method\":\"$ping\"}\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return "{\"jsonrpc\":\"2.0\",\"method\":\"$pong\"}".equals(controlLines.readLine());
        }

        @Override
        public void close() throws IOException {
            ch.close();
            worker.shutdown("test over");
            try {
                assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS), "the worker shuts down");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stdin.close();
        }
    }

    /** Reads whole frames until {@code deadline} or end of stream; checks each. Returns the frames seen. */
    private static final long MAX_PAYLOAD = 1 << 20;

    /**
     * Walks {@code bytes} as the worker will: -1 if a header breaks the protocol (the worker must drop
     * the connection), else how many bytes the stream lacks to end on a frame boundary (0 if it does).
     */
    private static long walk(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= Frames.HEADER_SIZE) {
            int methodId = b.getShort() & 0xffff;
            int flags = b.get() & 0xff;
            b.getInt();
            long len = b.getInt() & 0xffffffffL;
            if (methodId == 0 || (flags & Frames.RESERVED_FLAGS) != 0 || len > MAX_PAYLOAD) {
                return -1;
            }
            if (len > b.remaining()) {
                return len - b.remaining();
            }
            b.position(b.position() + (int) len);
        }
        return b.hasRemaining() ? Frames.HEADER_SIZE - b.remaining() : 0;
    }

    /** What to write, and whether the worker must drop the connection on reading it. */
    private record Plan(byte[] bytes, boolean drop) {}

    /**
     * Completes {@code sent} the way a parent's next bytes would (zeros) until it ends on a frame
     * boundary or breaks the protocol; in the first case a good request follows.
     */
    private static Plan completeAndProbe(byte[] sent, byte[] probe) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(sent);
        while (true) {
            long missing = walk(s.toByteArray());
            if (missing < 0) {
                return new Plan(s.toByteArray(), true);
            }
            if (missing == 0) {
                s.writeBytes(probe);
                return new Plan(s.toByteArray(), false);
            }
            s.writeBytes(new byte[(int) missing]);
        }
    }

    private static boolean lastReadHitEnd;

    /** Reads until the worker closes the connection; true if it did within {@code millis}. */
    private static boolean readUntilClosed(SocketChannel ch, long millis, String where) throws IOException {
        readAnswers(ch, millis, a -> false, where);
        return lastReadHitEnd;
    }

    private static List<int[]> readAnswers(SocketChannel ch, long millis, java.util.function.Predicate<int[]> stop,
            String where) throws IOException {
        List<int[]> seen = new ArrayList<>();
        ch.configureBlocking(false);
        lastReadHitEnd = false;
        ByteArrayOutputStream acc = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean eof = false;
        while (System.nanoTime() < deadline && !eof) {
            buf.clear();
            int n;
            try {
                n = ch.read(buf);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                eof = true;
            } else if (n == 0) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } else {
                acc.write(buf.array(), 0, n);
                if (containsFrame(acc.toByteArray(), stop)) {
                    break;
                }
            }
        }
        lastReadHitEnd = eof;
        if (!eof) {
            ch.configureBlocking(true);
        }
        ByteBuffer all = ByteBuffer.wrap(acc.toByteArray());
        while (all.remaining() >= Frames.HEADER_SIZE) {
            int methodId = all.getShort() & 0xffff;
            int flags = all.get() & 0xff;
            int requestId = all.getInt();
            int len = all.getInt();
            if (len < 0 || len > all.remaining()) {
                if (eof || len < 0) {
                    fail(where + ": a frame announced " + len + " bytes but only " + all.remaining()
                            + " followed before the connection closed (a frame cut in half)");
                }
                all.position(all.limit()); // the rest is still on its way
                break;
            }
            byte[] payload = new byte[len];
            all.get(payload);
            if (!FLAGS_TO_PARENT.contains(flags)) {
                fail(where + ": the worker sent flags 0x" + Integer.toHexString(flags));
            }
            if ((flags & Frames.ERROR) != 0) {
                Object error = new MsgPackReader(payload).readValue();
                if (!(error instanceof Map<?, ?> m && m.get("message") instanceof String)) {
                    fail(where + ": an error frame without a string message: " + error);
                }
            }
            if (flags == Frames.FLAGS_STREAM_END && len != 0) {
                fail(where + ": a stream end with a payload");
            }
            seen.add(new int[] {methodId, flags, requestId});
        }
        if (all.hasRemaining() && eof) {
            fail(where + ": the connection closed " + all.remaining() + " bytes into a frame header");
        }
        return seen;
    }

    private static boolean containsFrame(byte[] bytes, java.util.function.Predicate<int[]> stop) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.remaining() >= Frames.HEADER_SIZE) {
            int methodId = b.getShort() & 0xffff;
            int flags = b.get() & 0xff;
            int requestId = b.getInt();
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                return false;
            }
            b.position(b.position() + len);
            if (stop.test(new int[] {methodId, flags, requestId})) {
                return true;
            }
        }
        return false;
    }

    @Test
    void hostileTrafficGetsWellFormedAnswersOrADroppedConnectionAndTheWorkerLivesOn() throws Exception {
        long seed = Fuzz.seed();
        int n = Fuzz.iterations(60);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            MsgPackReaderFuzzTest.AnyFormatWriter w = new MsgPackReaderFuzzTest.AnyFormatWriter(Fuzz.random(~seed, i));
            MsgPackReaderFuzzTest.randomValue(w.r, w, 0);
            payloads.add(w.out.toByteArray());
        }
        payloads.add(new byte[] {(byte) 0x83, (byte) 0xa4, 'n', 'a', 'm', 'e', (byte) 0xa1, 'x', (byte) 0xa1, 'n', 0x05,
            (byte) 0xa4, 't', 'a', 'g', 's', (byte) 0x91, (byte) 0xa2, 'h', 'i'});
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            if (!Fuzz.selected(i)) {
                continue;
            }
            Random r = Fuzz.random(seed, i);
            String where = "seed=" + seed + " input=" + i;
            try (Session s = new Session()) {
                ByteArrayOutputStream traffic = new ByteArrayOutputStream();
                int frames = 1 + r.nextInt(40);
                boolean breakHeaders = r.nextInt(3) == 0;
                int requestId = 1 + r.nextInt(1000);
                for (int k = 0; k < frames; k++) {
                    byte[] payload = r.nextBoolean() ? payloads.get(r.nextInt(payloads.size()))
                            : Fuzz.mutate(r, payloads.get(r.nextInt(payloads.size())), payloads);
                    int kind = r.nextInt(10);
                    int methodId = kind == 0 ? 7 + r.nextInt(0xfff0) : kind == 1 ? Frames.ABORT_METHOD_ID
                            : kind == 2 ? Frames.AUTH_METHOD_ID : 1 + r.nextInt(6);
                    byte[] f = frame(methodId, 0, methodId == 6 ? 0 : requestId++, kind == 1 ? new byte[0] : payload);
                    if (breakHeaders && r.nextInt(8) == 0) {
                        f = Fuzz.mutate(r, f, payloads); // a broken header: may drop the connection
                    }
                    traffic.writeBytes(f);
                }
                byte[] probe = frame(1, 0, 0x7fff_fff0, new byte[] {(byte) 0xa2, 'o', 'k'});
                Plan plan = completeAndProbe(traffic.toByteArray(), probe);
                boolean mustDrop = plan.drop();
                ByteBuffer out = ByteBuffer.wrap(plan.bytes());
                try {
                    while (out.hasRemaining()) {
                        s.ch.write(out);
                    }
                } catch (IOException droppedWhileWriting) {
                    // the worker dropped the connection: checked below
                }
                if (Boolean.getBoolean("procwire.fuzz.debug")) {
                    System.err.println(where + " traffic " + java.util.HexFormat.of().formatHex(traffic.toByteArray()));
                }
                if (mustDrop) {
                    assertTrue(readUntilClosed(s.ch, 5000, where), where + ": a broken header must drop the connection");
                    dropped++;
                } else {
                    List<int[]> answers = readAnswers(s.ch, 5000, a -> a[2] == 0x7fff_fff0, where);
                    assertTrue(answers.stream().anyMatch(a -> a[2] == 0x7fff_fff0 && a[1] == Frames.FLAGS_RESULT),
                            where + ": the good request after the hostile ones is answered");
                }
                assertTrue(s.pingAnswered(), where + ": the control plane still answers $ping");
            }
        }
        assertTrue(dropped < n, "some sessions must survive to a good request");
        assertTrue(dropped > 0, "some sessions must break the protocol");
        System.err.println("wire fuzz: " + n + " sessions, " + dropped + " dropped connections");
    }

    @Test
    void aHeaderAboveTheMaximumPayloadDropsTheConnectionButNotTheWorker() throws Exception {
        try (Session s = new Session()) {
            byte[] h = new byte[Frames.HEADER_SIZE];
            Frames.writeHeader(h, 0, 1, 0, 1, (2 << 20));
            s.ch.write(ByteBuffer.wrap(h));
            ByteBuffer one = ByteBuffer.allocate(1);
            int n;
            try {
                n = s.ch.read(one);
            } catch (IOException reset) {
                n = -1;
            }
            assertEquals(-1, n, "the connection is dropped");
            assertTrue(s.pingAnswered());
        }
    }
}
