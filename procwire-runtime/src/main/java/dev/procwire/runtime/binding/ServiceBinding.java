package dev.procwire.runtime.binding;

import dev.procwire.runtime.internal.control.Schema;
import java.util.List;

/**
 * Everything the runtime needs to serve one service: its methods and events (the {@code $init}
 * schema) and a dispatch entry point. Generated as {@code <Service>_Procwire} by the annotation
 * processor; {@link Handlers} builds one from lambdas.
 *
 * <p>Method ids are {@code 1..methods().size()} in list order, event ids likewise; the runtime
 * indexes them by id, so {@link MethodDescriptor#id()} must equal its position plus one.
 */
public interface ServiceBinding {

    /** The methods, in id order (ids 1, 2, …). */
    List<MethodDescriptor> methods();

    /** The events, in id order (ids 1, 2, …). */
    List<EventDescriptor> events();

    /**
     * The schema JSON object of {@code $init} ({@code {"methods":{…},"events":{…}}}), rendered by
     * {@link Schema#toJson} from the descriptors: the one renderer of the schema. Generated bindings
     * do not override it; the worker calls it once, at start-up.
     */
    default String schemaJson() {
        return Schema.toJson(methods(), events());
    }

    /**
     * Connects the service's event emitters to {@code events}. Called once, before the first request;
     * generated code injects an {@code EventEmitter} into each {@code @Event} field here.
     */
    void attach(EventPort events);

    /**
     * Handles one request: decodes the arguments from {@code call}, runs the method and answers through
     * {@code call}. Whatever it throws becomes an error frame.
     *
     * @param methodId a valid id of {@link #methods()}
     */
    void invoke(int methodId, Call call) throws Exception;
}
