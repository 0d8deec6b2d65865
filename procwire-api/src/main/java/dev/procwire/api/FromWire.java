package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * In a {@link WireAdapter}: the static method converting the type that travels (its one parameter) back
 * to the adapted type (its return type). An exception it throws is answered with {@code INVALID_PARAMS}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface FromWire {}
