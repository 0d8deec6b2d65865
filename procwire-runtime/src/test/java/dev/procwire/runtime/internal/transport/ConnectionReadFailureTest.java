package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read that fails must not leave bytes behind for the next reader: with several reader threads
 * taking turns (the dispatcher's leader/follower loop), the next one would decode the staging buffer's
 * stale contents, replaying frames already served or failing on garbage.
 */
class ConnectionReadFailureTest {
    @TempDir
    Path tmp;

    @Test
    void afterAReadFailsTheNextReadFailsTooInsteadOfReplayingOldBytes() throws Exception {
        Path path = tmp.resolve("c.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            SocketChannel accepted = null;
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                accepted = server.accept();
                SocketChannel ch = accepted;
                Connection c = new Connection(ch, 1 << 20);
                byte[] frame = new byte[Frames.HEADER_SIZE + 3];
                Frames.writeHeader(frame, 0, 1, 0, 42, 3);
                frame[11] = 1;
                client.write(ByteBuffer.wrap(frame));
                Frame first = c.readFrame();
                assertEquals(42, first.requestId());

                // The next read blocks; closing the channel underneath makes it fail.
                Thread closer = new Thread(() -> {
                    try {
                        Thread.sleep(200);
                        ch.close();
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                closer.start();
                assertThrows(IOException.class, c::readFrame);
                closer.join();

                // Another reader thread taking its turn must see the failure, not the old frame again.
                Frame replayed;
                try {
                    replayed = c.readFrame();
                } catch (IOException expected) {
                    return;
                }
                throw new AssertionError("after a failed read, the next read decoded stale bytes: method "
                        + replayed.methodId() + ", request " + replayed.requestId()
                        + (replayed.requestId() == 42 ? " (the frame already served, replayed)" : ""));
            } finally {
                if (accepted != null) {
                    accepted.close();
                }
            }
        }
    }
}
