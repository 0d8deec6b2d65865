package dev.procwire.runtime.binding;

/**
 * Finds the binding of a service class without classpath scanning. Each generated binding
 * {@code <Service>_Procwire} has a nested {@code Provider}, which {@code Procwire.serve(service)} loads
 * by that name on the class path; it is also registered in
 * {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider} (in a named module: the
 * module's {@code provides}), and {@code serve} asks the registered providers in turn when there is no
 * class of that name, or in a named module.
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
