package dev.procwire.runtime.internal.transport;

import dev.procwire.runtime.WorkerOptions;
import dev.procwire.runtime.internal.frame.Frame;
import dev.procwire.runtime.internal.frame.Frames;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A data-plane listener in its own process, for tests that need a real process tree: prints
 * {@code LISTENING <path>}, adopts one connection the peer check admits ({@code ADOPTED}), then
 * answers every frame with its own payload until the peer closes ({@code EOF}).
 *
 * <p>Arguments: the peer-check mode, the directory for the socket.
 */
public final class PeerProbe {
    private PeerProbe() {}

    public static void main(String[] args) throws Exception {
        PeerCheck check = PeerCheck.of(WorkerOptions.fromEnvironment(Map.of(PeerCheck.ENV, args[0])).peerCheck());
        Path path = Path.of(args[1], "probe-" + ProcessHandle.current().pid() + ".sock");
        try (DataPlaneServer server = DataPlaneServer.open(path, check)) {
            System.out.println("LISTENING " + path);
            System.out.flush();
            Connection c = server.accept(null, 1 << 20);
            System.out.println("ADOPTED");
            System.out.flush();
            Frame f;
            while ((f = c.readFrame()) != null) {
                c.send(f.methodId(), Frames.FLAGS_RESULT, f.requestId(), ByteBuffer.wrap(f.payload()));
            }
            System.out.println("EOF");
        }
    }
}
