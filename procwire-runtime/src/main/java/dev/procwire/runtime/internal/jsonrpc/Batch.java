package dev.procwire.runtime.internal.jsonrpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Collects the responses of one batch request and sends them as one array once the last of them is
 * in, in the order of the requests. A batch of notifications only sends nothing at all.
 */
final class Batch {
    private final ObjectNode[] responses;
    private final Consumer<ArrayNode> out;
    private int pending = 1; // the seal; guarded by this

    Batch(int size, Consumer<ArrayNode> out) {
        this.responses = new ObjectNode[size];
        this.out = out;
    }

    /** Where the response to element {@code index} goes; each slot takes one response. */
    synchronized JsonRpcSession.Reply slot(int index) {
        pending++;
        return response -> complete(index, response);
    }

    /** Called once every element has been handed out: the batch may complete from now on. */
    void seal() {
        complete(-1, null);
    }

    private void complete(int index, ObjectNode response) {
        synchronized (this) {
            if (index >= 0) {
                responses[index] = response;
            }
            if (--pending > 0) {
                return;
            }
        }
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode r : responses) {
            if (r != null) {
                all.add(r);
            }
        }
        if (!all.isEmpty()) {
            out.accept(all);
        }
    }
}
