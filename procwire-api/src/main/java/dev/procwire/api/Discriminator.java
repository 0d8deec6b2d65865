package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the property that tells a sealed type's permitted subtypes apart on the wire; without this
 * annotation it is {@code "type"}.
 *
 * <p>A value of a sealed interface or sealed abstract class travels as its subtype's map with one more
 * entry, the discriminator, whose value is the subtype's simple name (or its {@link WireName}, or the
 * name a {@link WireNaming} policy on the sealed type derives): a TypeScript discriminated union. A
 * reader finds the discriminator wherever it is in the map; an unknown or missing value is answered
 * with {@code INVALID_PARAMS} naming the values expected. A subtype with a property of the
 * discriminator's name is a compile error.
 *
 * <pre>{@code
 * @Discriminator("kind")
 * public sealed interface Shape permits Circle, Square {}
 * public record Circle(double radius) implements Shape {}     // {"kind": "Circle", "radius": 1.5}
 * public record Square(double side) implements Shape {}       // {"kind": "Square", "side": 2.0}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Discriminator {

    /** The discriminator's map key; not empty. */
    String value();
}
