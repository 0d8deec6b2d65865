package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Derives the wire names of what a type declares from their Java names by one {@link NamingPolicy}:
 * on a record or class, its properties' map keys; on an enum, its constants' strings; on a sealed type,
 * its permitted subtypes' discriminator values; on a {@link ProcwireService}, the map keys of its
 * methods' parameters. It does not reach into other types, and method and event names are not
 * affected (they are named by {@link ProcwireMethod#value()} and {@link Event#value()}). A
 * {@link WireName} on a member wins over the policy.
 *
 * <pre>{@code
 * @WireNaming(NamingPolicy.SNAKE_CASE)
 * public record Invoice(UUID invoiceId, LocalDate dueDate) {}   // {"invoice_id": …, "due_date": …}
 *
 * @WireNaming(NamingPolicy.SNAKE_CASE)
 * public enum Stage { DRAFT, IN_REVIEW }                        // "draft", "in_review"
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface WireNaming {

    /** How each Java name becomes a wire name. */
    NamingPolicy value();
}
