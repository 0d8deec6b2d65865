package dev.procwire.sample.interop;

import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;

/**
 * Workers that start the way a new user's might, selected by the first argument:
 *
 * <ul>
 *   <li>{@code print-first}: prints {@code "starting... "} (no newline) to {@code System.out}, then serves
 *       {@code echo} (result: returns its payload).
 *   <li>{@code unbound-instance}: {@code Procwire.serve(new Unannotated())}, a class the annotation
 *       processor never saw (no generated binding).
 *   <li>{@code unbound-class}: {@code Procwire.serve(Unannotated.class)}, the same through the class form.
 * </ul>
 */
public final class StartupWorker {
    private StartupWorker() {}

    /** A service class with no generated binding, as when the processor did not run. */
    public static final class Unannotated {
        public String echo(String s) {
            return s;
        }
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "print-first" -> {
                System.out.print("starting... ");
                Procwire.serve(Handlers.builder().method("echo", call -> call.reply(Codecs.VALUE, call.reader().readValue())).build());
            }
            case "unbound-instance" -> Procwire.serve(new Unannotated());
            case "unbound-class" -> Procwire.serve(Unannotated.class);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
