package dev.procwire.runtime.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a peer's process id from a connection the JDK accepted, through junixsocket's public API on
 * a duplicate of the descriptor found in /proc: the pid is right, no descriptor is left behind, and
 * the connection is neither shut down nor closed underneath the channel — not then, and not when the
 * garbage collector later finds junixsocket's socket object.
 */
class PeerIdentifierTest {
    @TempDir
    Path tmp;

    @Test
    void readsThePidAndUserOfTheConnectingProcessAndLeavesTheConnectionIntact() throws Exception {
        Path path = tmp.resolve("p.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            PeerIdentifier identifier = PeerIdentifier.forSocket(PeerCheck.defaults(), path);
            identifier.prepare();
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                Map<Integer, Long> before = identifier.beforeAccept();
                int socketsBefore = ProcSockets.sockets().size();
                try (SocketChannel accepted = server.accept()) {
                    Peer peer = identifier.identify(accepted, before);
                    assertNull(peer.pidProblem(), "pid must be readable on Linux with junixsocket");
                    assertEquals(ProcessHandle.current().pid(), peer.pid());
                    assertEquals(Boolean.TRUE, peer.sameUser());
                    assertEquals(socketsBefore + 1, ProcSockets.sockets().size(), "no descriptor left behind");

                    // Both directions still work: nothing was shut down or closed underneath the channel.
                    client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
                    ByteBuffer in = ByteBuffer.allocate(3);
                    while (in.hasRemaining()) {
                        accepted.read(in);
                    }
                    accepted.write(ByteBuffer.wrap(new byte[] {4}));
                    ByteBuffer back = ByteBuffer.allocate(1);
                    assertEquals(1, client.read(back));
                    assertEquals(4, back.get(0));
                }
            }
        }
    }

    @Test
    void theConnectionOutlivesTheCollectionOfJunixsocketsSocketObject() throws Exception {
        Path path = tmp.resolve("g.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            PeerIdentifier identifier = PeerIdentifier.forSocket(PeerCheck.defaults(), path);
            identifier.prepare();
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                Map<Integer, Long> before = identifier.beforeAccept();
                try (SocketChannel accepted = server.accept()) {
                    assertNull(identifier.identify(accepted, before).pidProblem());
                    for (int i = 0; i < 5; i++) { // a cleaner or finalizer of the socket object runs now, if ever
                        System.gc();
                        Thread.sleep(20);
                    }
                    for (byte b = 1; b <= 3; b++) {
                        client.write(ByteBuffer.wrap(new byte[] {b}));
                        ByteBuffer in = ByteBuffer.allocate(1);
                        assertEquals(1, accepted.read(in), "the worker side still reads");
                        assertEquals(b, in.get(0));
                        accepted.write(ByteBuffer.wrap(new byte[] {b}));
                        ByteBuffer back = ByteBuffer.allocate(1);
                        assertEquals(1, client.read(back), "the peer still reads the worker's answers");
                    }
                }
            }
        }
    }

    @Test
    void findsTheAcceptedDescriptorAmongOtherNewSockets() throws Exception {
        Path path = tmp.resolve("q.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            other.bind(UnixDomainSocketAddress.of(tmp.resolve("other.sock")));
            Map<Integer, Long> before = ProcSockets.sockets();
            try (SocketChannel c1 = SocketChannel.open(UnixDomainSocketAddress.of(path));
                    SocketChannel noise = SocketChannel.open(UnixDomainSocketAddress.of(tmp.resolve("other.sock")));
                    SocketChannel accepted = server.accept()) {
                assertTrue(c1.isConnected() && noise.isConnected() && accepted.isConnected());
                int fd = ProcSockets.acceptedSince(before, path);
                assertTrue(fd > 2, "fd " + fd);
                assertTrue(ProcSockets.inodesBoundTo(path).contains(ProcSockets.sockets().get(fd)));
            }
        }
    }
}
