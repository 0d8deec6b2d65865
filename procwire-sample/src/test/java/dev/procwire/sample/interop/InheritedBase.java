package dev.procwire.sample.interop;

import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireMethod;

/** The abstract base class of the {@link InheritedWorker}: an annotated concrete method, an abstract one, and an event. */
public abstract class InheritedBase {
    @Event("log")
    public EventEmitter<String> log;

    @ProcwireMethod
    public long add(long a, long b) {
        log.emit("add " + a + " " + b);
        return a + b;
    }

    @ProcwireMethod
    public abstract String kind();
}
