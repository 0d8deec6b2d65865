package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a value has on the wire, when it differs from its Java name: the map key of a record
 * component, field, bean property (on its field or getter) or method parameter, the string of an enum
 * constant, or the discriminator value of a permitted subtype of a sealed type.
 *
 * <p>JavaScript code tends to use {@code snake_case} keys and lower-case string unions, which are not
 * Java names. The name given here is used by the generated reader and writer and nowhere else: Java
 * code keeps the Java name. It wins over a {@link WireNaming} policy. Two values of one type (or two
 * parameters of one method) with the same wire name, and an empty name, are compile errors.
 *
 * <pre>{@code
 * public record Order(@WireName("order_id") UUID orderId, Status status) {}
 *
 * public enum Status { @WireName("pending") PENDING, @WireName("shipped") SHIPPED }
 *
 * @WireName("circle") record Circle(double radius) implements Shape {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface WireName {

    /** The name on the wire; not empty. */
    String value();
}
