package dev.procwire.api;

/**
 * Acknowledges an {@link Response#ACK} request early, so the handler can keep working after the
 * parent's {@code send()} has resolved.
 *
 * <pre>{@code
 * @ProcwireMethod(response = Response.ACK)
 * public void insert(Item item, AckSink<Accepted> ack) {
 *     ack.ack(new Accepted(item.id()));
 *     index(item);                       // the parent already has its answer
 * }
 * }</pre>
 *
 * <p>Without an {@code AckSink} parameter, an ACK method's return value is the ack data, sent when it
 * returns. A method that takes one but returns without acknowledging sends an empty ack. Only the
 * first acknowledgement is sent.
 *
 * @param <T> the ack data type
 */
public interface AckSink<T> {

    /** Sends the acknowledgement with {@code data}. */
    void ack(T data);

    /** Sends an acknowledgement without data. */
    void ack();
}
