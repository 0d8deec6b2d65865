package dev.procwire.api;

/**
 * The chunks of a {@link Response#STREAM} method. Take it as a parameter and {@link #send} each
 * chunk; the stream ends when the method returns (or fails with an error frame when it throws).
 *
 * <pre>{@code
 * @ProcwireMethod(response = Response.STREAM)
 * public void tiles(TileRequest req, StreamSink<Tile> out, CancellationToken cancel) {
 *     for (Tile t : cut(req)) out.send(t);
 * }
 * }</pre>
 *
 * <p>{@link #send} blocks while the parent is not reading (backpressure) and throws
 * {@link java.util.concurrent.CancellationException} once the request was cancelled.
 *
 * @param <T> the chunk type
 */
@FunctionalInterface
public interface StreamSink<T> {

    /** Encodes and sends one chunk. */
    void send(T chunk);
}
