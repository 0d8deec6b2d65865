package dev.procwire.runtime.internal.dispatch;

import dev.procwire.runtime.internal.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a call closes when it is over ({@link dev.procwire.runtime.binding.Call#closeWhenDone}): closed
 * once, in reverse order of registration, each failure logged and the rest still closed. A resource
 * registered after the call is over is closed at once.
 */
final class CallResources {
    private final Object owner; // names the call in log lines
    private List<AutoCloseable> open; // guarded by this; null until the first add
    private boolean closed; // guarded by this

    CallResources(Object owner) {
        this.owner = owner;
    }

    void add(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        synchronized (this) {
            if (!closed) {
                if (open == null) {
                    open = new ArrayList<>(2);
                }
                open.add(resource);
                return;
            }
        }
        close(resource);
    }

    /** Closes every resource, last registered first; later calls do nothing. */
    void closeAll() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = open;
            open = null;
        }
        if (toClose != null) {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                close(toClose.get(i));
            }
        }
    }

    private void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Throwable t) { // the answer is out: a failure to close is the handler's to fix, not the parent's
            Log.failure(owner + ": closing " + resource.getClass().getName() + " failed", t);
        }
    }
}
