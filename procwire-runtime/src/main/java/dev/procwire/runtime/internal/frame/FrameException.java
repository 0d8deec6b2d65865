package dev.procwire.runtime.internal.frame;

import java.io.IOException;

/** A frame header that breaks the protocol; the connection that sent it is dropped. */
public final class FrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public FrameException(String message) {
        super(message);
    }
}
