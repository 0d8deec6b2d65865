package dev.procwire.sample.interop;

import dev.procwire.api.ProcwireMethod;

/** A generic interface the {@link InheritedWorker} implements: an abstract method and a default one. */
public interface InheritedRepository<T> {
    @ProcwireMethod
    T get(String id);

    @ProcwireMethod
    default int count() {
        return 2;
    }
}
