package dev.procwire.runtime;

import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.ServiceBinding;

/**
 * A provider written by hand for {@link ProcwireBindingTest.HandRegistered}, listed in the test class
 * path's service file: what the service lookup still finds when no binding has the generated name.
 */
public final class HandRegisteredProvider implements BindingProvider {
    @Override
    public Class<?> serviceType() {
        return ProcwireBindingTest.HandRegistered.class;
    }

    @Override
    public ServiceBinding bind(Object service) {
        return ProcwireBindingTest.HAND_REGISTERED;
    }
}
