package dev.procwire.api;

/** How a {@link ProcwireMethod} answers a request. */
public enum Response {
    /** One result frame: the method's return value. */
    RESULT("result"),
    /** Any number of chunks, then an end frame: see {@link StreamSink}. */
    STREAM("stream"),
    /** An acknowledgement, possibly with data, after which the handler may keep working: see {@link AckSink}. */
    ACK("ack"),
    /** Fire and forget: the parent expects nothing back. */
    NONE("none");

    private final String wireName;

    Response(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the {@code $init} schema. */
    public String wireName() {
        return wireName;
    }
}
