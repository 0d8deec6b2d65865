package dev.procwire.runtime.internal.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A data-plane client that uses nothing but the JDK (it also runs as a single source file, for a
 * process of another user): connects to the path in its argument, sends one request frame and prints
 * {@code ECHO} when the frame comes back, {@code CLOSED} when the connection is closed instead.
 */
public final class PeerConnector {
    private PeerConnector() {}

    public static void main(String[] args) throws IOException {
        System.out.println(exchange(Path.of(args[0])));
    }

    /** One request and its answer over a fresh connection: {@code ECHO} or {@code CLOSED}. */
    public static String exchange(Path path) throws IOException {
        return exchange(path, null);
    }

    /**
     * The same, after an auth frame carrying {@code token} (method 0xFFFE, the token's UTF-8 bytes) when
     * it is not null, as a parent with auth on sends it.
     */
    public static String exchange(Path path, String token) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
            byte[] auth = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate((token == null ? 0 : 11 + auth.length) + 11 + payload.length);
            if (token != null) {
                out.putShort((short) 0xFFFE).put((byte) 0).putInt(0).putInt(auth.length).put(auth);
            }
            out.putShort((short) 1).put((byte) 0).putInt(7).putInt(payload.length).put(payload).flip();
            try {
                while (out.hasRemaining()) {
                    ch.write(out);
                }
            } catch (IOException e) {
                return "CLOSED";
            }
            ByteBuffer in = ByteBuffer.allocate(11 + payload.length);
            try {
                while (in.hasRemaining()) {
                    if (ch.read(in) < 0) {
                        return "CLOSED";
                    }
                }
            } catch (IOException e) {
                return "CLOSED"; // reset by the peer
            }
            in.flip();
            in.position(11);
            byte[] back = new byte[payload.length];
            in.get(back);
            return new String(back, StandardCharsets.UTF_8).equals("hello") ? "ECHO" : "GARBLED";
        }
    }
}
