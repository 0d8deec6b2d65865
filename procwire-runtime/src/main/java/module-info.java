/**
 * The Procwire worker runtime. It exports what a user calls ({@code dev.procwire.runtime}: serving a
 * service, options), what generated bindings and run-time handlers are written against
 * ({@code dev.procwire.runtime.binding}, {@code dev.procwire.runtime.codec}), and nothing of
 * {@code dev.procwire.runtime.internal}. It works the same on the class path.
 *
 * <p>A service in a named module declares its generated binding as a provider, since the
 * {@code META-INF/services} file the processor writes is read only on the class path:
 * {@code provides dev.procwire.runtime.binding.BindingProvider with com.example.Calculator_Procwire.Provider;}.
 */
module dev.procwire.runtime {
    requires transitive dev.procwire.api;
    // Generated code carries @javax.annotation.processing.Generated (source retention): a service's
    // module reads java.compiler through this one while it compiles, and needs nothing of it at run time.
    requires static transitive java.compiler;
    requires com.fasterxml.jackson.databind;
    requires org.newsclub.net.unix;
    // junixsocket's native library (the peer check): a module that nothing else requires.
    requires com.kohlschutter.junixsocket.nativecommon;
    requires jdk.net;
    // Apache Arrow, for the Arrow codec only: optional, present when a service uses Codec.ARROW.
    requires static org.apache.arrow.vector;
    requires static org.apache.arrow.memory.core;
    // Arrow's message flatbuffers (part of arrow-vector's own dependencies): a stream's sizes are checked
    // before Arrow allocates what they claim.
    requires static org.apache.arrow.format;
    // sun.misc.Unsafe.invokeCleaner: idle payload buffers are freed at once (DirectMemory).
    requires jdk.unsupported;

    exports dev.procwire.runtime;
    exports dev.procwire.runtime.binding;
    exports dev.procwire.runtime.codec;
    exports dev.procwire.runtime.arrow;

    uses dev.procwire.runtime.binding.BindingProvider;
}
