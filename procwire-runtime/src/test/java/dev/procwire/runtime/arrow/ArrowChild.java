package dev.procwire.runtime.arrow;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.Worker;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.dispatch.Dispatcher;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.transport.PeerConnector;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link ArrowProcessTest} starts, in one of two roles:
 *
 * <ul>
 * <li>{@code echo N}: an {@code arrowEcho} method (a table in, the same table out) answers N requests,
 * each the parent's embeddings stream; prints one line per answer: {@code answer <flags> <value>}, the
 * value an error map or the answer's size.</li>
 * <li>{@code worker DIR}: a worker without Arrow methods (a raw echo) serves one request over its socket
 * (in DIR) and stops; prints what the request got back.</li>
 * </ul>
 */
public final class ArrowChild {
    private ArrowChild() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("echo")) {
            echo(Integer.parseInt(args[1]));
        } else {
            worker(Path.of(args[1]));
        }
    }

    private static void echo(int requests) throws Exception {
        byte[] table;
        try (InputStream in = ArrowChild.class.getResourceAsStream("/arrow/parent-embeddings.arrows")) {
            table = in.readAllBytes();
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Dispatcher d = new Dispatcher(Handlers.builder()
                .method("arrowEcho", Response.RESULT, Codec.ARROW, 0, c -> c.reply(ArrowPayloads.TABLE, ArrowPayloads.read(c)))
                .build(), executor, 1, 16);
        FrameSink printing = new FrameSink() {
            @Override
            public void send(int methodId, int flags, int requestId, MsgPackWriter payload) {
                byte[] b = new byte[payload.size()];
                System.arraycopy(payload.buffer(), payload.headroom(), b, 0, b.length);
                Object value = (flags & dev.procwire.runtime.internal.frame.Frames.ERROR) != 0 ? new MsgPackReader(b).readValue() : b.length + " bytes";
                System.out.println("answer " + flags + " " + value);
            }

            @Override
            public void send(int methodId, int flags, int requestId, ByteBuffer payload) {
                System.out.println("answer " + flags + " " + payload.remaining() + " bytes");
            }
        };
        for (int i = 1; i <= requests; i++) {
            d.onFrame(new Frame(1, 0, i, table), printing);
            if (!d.awaitIdle(30, TimeUnit.SECONDS)) {
                throw new AssertionError("request " + i + " was not answered");
            }
        }
        executor.shutdown();
    }

    private static void worker(Path dir) throws Exception {
        Worker w = Worker.start(Handlers.builder()
                .method("echoRaw", Response.RESULT, Codec.RAW, 0, c -> c.replyRaw(c.payload())).build(),
                new PipedInputStream(new PipedOutputStream()), new ByteArrayOutputStream(),
                Map.of("XDG_RUNTIME_DIR", dir.toString()));
        System.out.println("served " + PeerConnector.exchange(w.socketPath()));
        w.shutdown("done");
        System.out.println("stopped " + w.awaitTermination(30, TimeUnit.SECONDS));
    }
}
