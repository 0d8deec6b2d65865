package dev.procwire.sample.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * A data-plane client that speaks raw frames: it writes whatever bytes a test wants (including what
 * the real parent never sends) and decodes what comes back with its own header parser. Reads happen
 * only when a test asks, so not reading is how a test makes the worker's writes block.
 */
final class RawConnection implements AutoCloseable {
    static final int HEADER = 11;

    /** One frame as received. */
    record Frame(int methodId, int flags, long requestId, byte[] payload) {
        Object value() {
            return Wire.unpack(payload);
        }

        boolean is(int expectedFlags) {
            return flags == expectedFlags;
        }

        @Override
        public String toString() {
            String body = payload.length <= 64 ? HexFormat.of().formatHex(payload) : payload.length + " bytes";
            return "Frame[method=" + methodId + ", flags=0x" + Integer.toHexString(flags) + ", request=" + requestId
                    + ", payload=" + body + "]";
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 20).flip();
    private boolean eof;

    private RawConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
    }

    static RawConnection open(Path socket) {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new RawConnection(ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + socket, e);
        }
    }

    static byte[] header(int methodId, int flags, long requestId, long length) {
        ByteBuffer b = ByteBuffer.allocate(HEADER);
        b.putShort((short) methodId).put((byte) flags).putInt((int) requestId).putInt((int) length);
        return b.array();
    }

    static byte[] frame(int methodId, int flags, long requestId, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        b.put(header(methodId, flags, requestId, payload.length)).put(payload);
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** Sends a request frame (flags 0). */
    void request(int methodId, long requestId, byte[] payload) {
        write(frame(methodId, 0, requestId, payload));
    }

    /** Sends an abort frame for {@code requestId}. */
    void abort(long requestId) {
        write(frame(0xFFFF, 0, requestId, new byte[0]));
    }

    /** Writes all of {@code bytes} (blocking up to 10 s for the peer to take them). */
    void write(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (b.hasRemaining()) {
                if (channel.write(b) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the worker stopped reading: " + b.remaining() + " bytes not taken");
                    }
                    waitFor(SelectionKey.OP_WRITE, 50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitFor(int op, long millis) throws IOException {
        SelectionKey key = channel.register(selector, op);
        try {
            selector.select(Math.max(1, millis));
        } finally {
            key.cancel();
            selector.selectNow();
        }
    }

    /** The next frame, or {@code null} if none arrives within {@code timeout} or the worker closed the connection. */
    Frame read(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Frame f = tryDecode();
                if (f != null) {
                    return f;
                }
                if (eof) {
                    return null;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return null;
                }
                fill(left);
            }
        } catch (IOException e) {
            eof = true; // reset by the peer counts as closed
            return null;
        }
    }

    /** The next frame; fails the test if none arrives within {@code timeout}. */
    Frame expect(Duration timeout) {
        Frame f = read(timeout);
        if (f == null) {
            throw new AssertionError(eof ? "the worker closed the connection instead of answering"
                    : "no frame within " + timeout.toMillis() + " ms");
        }
        return f;
    }

    Frame expect() {
        return expect(Duration.ofSeconds(10));
    }

    /** Frames up to and including the first that matches {@code last}. */
    List<Frame> readUntil(Predicate<Frame> last, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Frame> frames = new ArrayList<>();
        while (true) {
            Frame f = read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f == null) {
                throw new AssertionError((eof ? "connection closed" : "timed out") + " after " + frames.size()
                        + " frames without the expected one; last frames: "
                        + frames.subList(Math.max(0, frames.size() - 5), frames.size()));
            }
            frames.add(f);
            if (last.test(f)) {
                return frames;
            }
        }
    }

    /** Every frame that arrives until nothing has come for {@code quiet}. */
    List<Frame> drain(Duration quiet) {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = read(quiet)) != null) {
            frames.add(f);
        }
        return frames;
    }

    /**
     * Whether the worker closes the connection within {@code timeout}; frames that arrive meanwhile
     * are collected in {@code received} (may be null).
     */
    boolean awaitClosed(Duration timeout, List<Frame> received) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof && System.nanoTime() < deadline) {
            Frame f = read(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (f != null && received != null) {
                received.add(f);
            }
        }
        return eof;
    }

    boolean closedByPeer() {
        return eof;
    }

    private Frame tryDecode() {
        if (in.remaining() < HEADER) {
            return null;
        }
        int p = in.position();
        long length = in.getInt(p + 7) & 0xffffffffL;
        if (length > in.capacity() - HEADER) {
            throw new AssertionError("frame of " + length + " bytes is larger than this test client reads");
        }
        if (in.remaining() < HEADER + length) {
            return null;
        }
        int methodId = in.getShort(p) & 0xffff;
        int flags = in.get(p + 2) & 0xff;
        long requestId = in.getInt(p + 3) & 0xffffffffL;
        byte[] payload = new byte[(int) length];
        in.position(p + HEADER);
        in.get(payload);
        return new Frame(methodId, flags, requestId, payload);
    }

    private void fill(long waitMillis) throws IOException {
        in.compact();
        try {
            int n = channel.read(in);
            if (n == 0) {
                waitFor(SelectionKey.OP_READ, waitMillis);
                n = channel.read(in);
            }
            if (n < 0) {
                eof = true;
            }
        } finally {
            in.flip();
        }
    }

    @Override
    public void close() {
        try {
            selector.close();
            channel.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
