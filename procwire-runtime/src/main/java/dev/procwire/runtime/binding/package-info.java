/**
 * For generated code: what the annotation processor's bindings ({@code <Service>_Procwire}) are written
 * against — {@link dev.procwire.runtime.binding.ServiceBinding}, its
 * {@link dev.procwire.runtime.binding.BindingProvider}, the method and event descriptors and the
 * {@link dev.procwire.runtime.binding.Call} a handler answers through — and
 * {@link dev.procwire.runtime.binding.Handlers}, for handlers registered by name at run time instead.
 * A service written with the annotations never names these types.
 */
package dev.procwire.runtime.binding;
