package dev.procwire.runtime.internal.frame;

import dev.procwire.runtime.internal.frame.Frame;
import java.io.IOException;

/** Where request frames come from; read by one thread at a time. */
@FunctionalInterface
public interface FrameSource {

    /** The next frame, blocking; {@code null} at the end of the stream. */
    Frame readFrame() throws IOException;
}
