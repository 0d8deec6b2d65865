package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose {@link ProcwireMethod} methods a Procwire worker serves.
 *
 * <p>The annotation processor generates a binding class named {@code <SimpleName>_Procwire} in the
 * same package. The class must be public or package-private and not private-nested, so the generated
 * code can call it without reflection.
 *
 * <pre>{@code
 * @ProcwireService
 * public final class Calculator {
 *     @ProcwireMethod
 *     public long add(long a, long b) { return a + b; }
 *
 *     public static void main(String[] args) { Procwire.serve(new Calculator()); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ProcwireService {}
