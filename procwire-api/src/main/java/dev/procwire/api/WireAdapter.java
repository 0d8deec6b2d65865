package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Teaches the annotation processor a type it does not know, by converting it to and from one it does.
 *
 * <p>The annotated class holds, for each type it adapts, a {@link ToWire} method taking that type and
 * returning a supported one (a {@code String}, a {@code long}, a record, another adapted type, …), and a
 * {@link FromWire} method taking that same supported type back. Both are {@code static}, not private and
 * not generic, with one parameter; the generated code calls them directly, without reflection, from the
 * package of the class that uses the type, so an adapter used from another package is {@code public},
 * with {@code public} methods. The adapter applies to every use of its type in the compilation that
 * contains it, as a parameter, result, chunk, event, property, element or map value (and map key, when
 * the type it travels as is a key type), in preference to the processor's own rule for that type.
 * Primitives, their boxes, {@code String}, {@code Object} and generic types cannot be adapted.
 * {@code null} never reaches an adapter: nil is {@code null} on both sides. A {@code FromWire} method
 * that throws is the payload's fault, answered with {@code INVALID_PARAMS} and the exception's message;
 * an exception from a {@code ToWire} method is the worker's own ({@code INTERNAL}).
 * Mistakes are compile errors: a missing or second method for a type, two adapters for one type, an
 * unsupported wire type, a method that is not static, is private or does not take one parameter, an
 * adapter generated code cannot reach, a {@code ToWire} return type that is not the {@code FromWire}
 * parameter type, or adapters converting a type back to itself.
 *
 * <pre>{@code
 * @WireAdapter
 * final class MoneyAdapter {
 *     @ToWire static String toWire(Money money) { return money.toString(); }      // "EUR 12.50"
 *     @FromWire static Money fromWire(String text) { return Money.parse(text); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WireAdapter {}
