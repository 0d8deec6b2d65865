package dev.procwire.runtime.internal.dispatch;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two connected UNIX-domain socket channels. */
public record SocketPair(SocketChannel worker, SocketChannel parent) implements AutoCloseable {

    public static SocketPair open() throws IOException {
        Path dir = Files.createTempDirectory("procwire-test");
        Path path = dir.resolve("s.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            SocketChannel parent = SocketChannel.open(UnixDomainSocketAddress.of(path));
            SocketChannel worker = server.accept();
            return new SocketPair(worker, parent);
        } finally {
            Files.deleteIfExists(path);
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public void close() throws IOException {
        worker.close();
        parent.close();
    }
}
