package dev.procwire.runtime.dispatch;

import dev.procwire.runtime.frame.Frame;
import java.io.IOException;

/** Where request frames come from; read by one thread at a time. */
@FunctionalInterface
public interface FrameSource {

    /** The next frame, blocking; {@code null} at the end of the stream. */
    Frame readFrame() throws IOException;
}
