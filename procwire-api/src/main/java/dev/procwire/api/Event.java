package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an event the worker emits to the parent, and asks for its {@link EventEmitter} to be
 * injected into the annotated field or constructor parameter.
 *
 * <pre>{@code
 * @Event("progress") EventEmitter<Progress> progress;      // a non-private, non-final field
 *
 * public ImageWorker(@Event("log") EventEmitter<String> log) { this.log = log; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface Event {

    /** The event name the parent listens to; defaults to the field or parameter name. */
    String value() default "";

    /** The event payload codec; {@link Codec#DEFAULT} means MsgPack. */
    Codec codec() default Codec.DEFAULT;
}
