package dev.procwire.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.procwire.runtime.WorkerOptions.LogLevel;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.dispatch.SocketPair;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.FrameSink;
import dev.procwire.runtime.internal.frame.Frames;
import dev.procwire.runtime.internal.transport.Connection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At {@code debug} level a connection traces each frame's header, in and out; below it, nothing. */
class FrameTraceTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        Log.setLevel(LogLevel.WARN);
        Log.useStream(System.err);
    }

    private List<String> exchange(LogLevel level) throws Exception {
        Log.useStream(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Log.setLevel(level);
        try (SocketPair pair = SocketPair.open()) {
            Connection conn = new Connection(pair.worker(), Frames.DEFAULT_MAX_PAYLOAD);
            ByteBuffer request = ByteBuffer.allocate(Frames.HEADER_SIZE + 5);
            Frames.writeHeader(request.array(), 0, 3, 0, 17, 5);
            pair.parent().write(request);
            Frame in = conn.readFrame();
            assertEquals(17, in.requestId());
            MsgPackWriter answer = FrameSink.newPayloadWriter();
            answer.writeString("ok");
            conn.send(3, Frames.FLAGS_RESULT, -1, answer);
            conn.send(65535, Frames.FLAGS_EVENT, 0, ByteBuffer.wrap(new byte[300]));
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void eachFrameHeaderIsTracedAtDebugLevel() throws Exception {
        assertEquals(List.of(
                "[procwire debug] frame in: method 3, flags 0x00, request 17, 5 bytes",
                "[procwire debug] frame out: method 3, flags 0x03, request 4294967295, 3 bytes",
                "[procwire debug] frame out: method 65535, flags 0x01, request 0, 300 bytes"), exchange(LogLevel.DEBUG));
    }

    @Test
    void nothingIsTracedAboveDebugLevel() throws Exception {
        assertTrue(exchange(LogLevel.INFO).isEmpty(), captured.toString(StandardCharsets.UTF_8));
    }
}
