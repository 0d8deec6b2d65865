package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Why {@link NativePeerPid} does not read credentials through junixsocket's public API: that API reads
 * them only from a socket object junixsocket owns, and closing such an object shuts the connection
 * down — even one made on a <em>duplicate</em> of the JDK channel's descriptor and told not to
 * ({@code setShutdownOnClose(false)}) — and leaves the duplicate open. Not closing it would keep the
 * connection open past the channel's close until a garbage collection. (Moving the data plane onto
 * junixsocket's own channels instead would cost the coalescing writer its gathering writes: they write
 * only the first buffer.) When an upgrade makes this test fail, the public API has become usable.
 */
class JunixsocketPublicApiTest {
    @TempDir
    Path tmp;

    @Test
    void closingASocketMadeOnADuplicateShutsTheConnectionDownAndLeavesTheDuplicateOpen() throws Exception {
        assumeTrue(AFUNIXSocket.isSupported(), "junixsocket's native library is not available here");
        Path path = tmp.resolve("d.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                Map<Integer, Long> before = ProcSockets.sockets();
                try (SocketChannel accepted = server.accept()) {
                    int fd = ProcSockets.acceptedSince(before, path);
                    FileDescriptor borrowed = FileDescriptorCast.unsafeUsing(fd).getFileDescriptor();
                    int sockets = ProcSockets.sockets().size();

                    AFUNIXSocket duplicate = FileDescriptorCast.duplicating(borrowed).as(AFUNIXSocket.class);
                    duplicate.setShutdownOnClose(false);
                    assertEquals(ProcessHandle.current().pid(), duplicate.getPeerCredentials().getPid());
                    duplicate.close();

                    assertEquals(sockets + 1, ProcSockets.sockets().size(), "the duplicate stays open");
                    assertEquals(-1, accepted.read(ByteBuffer.allocate(1)), "the worker side reads end of stream");
                    assertThrows(IOException.class, () -> accepted.write(ByteBuffer.wrap(new byte[] {2})),
                            "the worker side can no longer write");
                }
            }
        }
    }
}
