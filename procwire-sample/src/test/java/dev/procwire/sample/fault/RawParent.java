package dev.procwire.sample.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This test JVM as the worker's parent, speaking the protocol by hand where the Node parent cannot be
 * made to do what a test needs (e.g. look at the raw bytes to check that no frame is cut in half).
 */
final class RawParent implements AutoCloseable {
    private static final Pattern PIPE = Pattern.compile("\"pipe\":\"([^\"]+)\"");

    final Process worker;
    final SocketChannel data;
    private final OutputStream control;

    private RawParent(Process worker, SocketChannel data) {
        this.worker = worker;
        this.data = data;
        this.control = worker.getOutputStream();
    }

    static RawParent start(List<String> command, Map<String, String> env, Path stderr) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String init = out.readLine();
        if (init == null) {
            throw new IOException("the worker sent no $init");
        }
        Matcher m = PIPE.matcher(init);
        if (!m.find()) {
            throw new IOException("not an $init: " + init);
        }
        return new RawParent(p, SocketChannel.open(UnixDomainSocketAddress.of(m.group(1))));
    }

    void send(int methodId, int requestId, byte[] payload) throws IOException {
        ByteBuffer f = ByteBuffer.allocate(11 + payload.length);
        f.putShort((short) methodId).put((byte) 0).putInt(requestId).putInt(payload.length).put(payload).flip();
        while (f.hasRemaining()) {
            data.write(f);
        }
    }

    void sendControl(String json) throws IOException {
        control.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        control.flush();
    }

    @Override
    public void close() throws IOException {
        data.close();
        control.close();
        try {
            if (!worker.waitFor(10, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.destroyForcibly();
        }
    }
}
