/**
 * What a Procwire service is written against: {@link dev.procwire.api.ProcwireService},
 * {@link dev.procwire.api.ProcwireMethod}, {@link dev.procwire.api.Event} and the small types the
 * runtime hands to handlers. This module has no dependencies.
 */
package dev.procwire.api;
