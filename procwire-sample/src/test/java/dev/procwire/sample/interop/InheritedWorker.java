package dev.procwire.sample.interop;

import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;

/**
 * A worker whose methods all come from its supertypes (interop scenario src/test/node/inherited.mjs):
 *
 * <ul>
 *   <li>{@code add {a, b}} ({@link InheritedBase}, concrete): {@code a + b}, emitting event {@code log}
 *       {@code "add a b"} from the base class's field;
 *   <li>{@code kind} ({@link InheritedBase}, abstract): {@code "inherited"};
 *   <li>{@code get {id}} ({@link InheritedRepository}, abstract, {@code T = Item}): {@code {id, qty: 3}};
 *   <li>{@code count} ({@link InheritedRepository}, default): {@code 2}.
 * </ul>
 */
@ProcwireService
public final class InheritedWorker extends InheritedBase implements InheritedRepository<InheritedWorker.Item> {
    public record Item(String id, int qty) {}

    @Override
    public String kind() {
        return "inherited";
    }

    @Override
    public Item get(String id) {
        return new Item(id, 3);
    }

    public static void main(String[] args) {
        Procwire.serve(new InheritedWorker());
    }
}
