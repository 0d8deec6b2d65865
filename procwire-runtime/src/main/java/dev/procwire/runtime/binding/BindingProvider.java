package dev.procwire.runtime.binding;

/**
 * Finds the generated binding of a service class without classpath scanning: each generated binding
 * registers a provider in {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider},
 * and {@code Procwire.serve(service)} asks them in turn.
 */
public interface BindingProvider {

    /** The service class this provider binds. */
    Class<?> serviceType();

    /** A binding that serves {@code service}, an instance of {@link #serviceType()}. */
    ServiceBinding bind(Object service);

    /**
     * A binding that creates the service itself, passing emitters to an {@code @Event} constructor;
     * throws {@link UnsupportedOperationException} when the service has no such constructor.
     */
    default ServiceBinding create() {
        throw new UnsupportedOperationException(serviceType().getName() + " has no constructor the binding can call");
    }
}
