/**
 * What a Procwire service is written against: the annotations and the small types the runtime hands
 * to handlers. No dependencies.
 */
module dev.procwire.api {
    exports dev.procwire.api;
}
