package dev.procwire.runtime.binding;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.RequestContext;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.codec.Encoder;
import dev.procwire.runtime.codec.MsgPackReader;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * One request being handled: its payload, its cancellation, and the ways to answer it. Passed to
 * {@link ServiceBinding#invoke}.
 *
 * <p>When {@code invoke} returns, the runtime completes what the handler left open: a
 * {@code result} method that sent nothing answers nil, a {@code stream} gets its end frame, an
 * {@code ack} method gets an empty ack. A thrown exception becomes an error frame instead. Nothing is
 * sent once the request is cancelled, and only the first answer is sent.
 */
public interface Call {

    /** The method descriptor. */
    MethodDescriptor method();

    /** The parent's request id, unsigned; 0 for {@code none} methods. */
    long requestId();

    /** A reader over the MsgPack payload, positioned at its start. */
    MsgPackReader reader();

    /**
     * The payload as a read-only buffer, without copying (the raw codec's zero-copy form). A large raw
     * payload is a pooled direct buffer, reused once the call is over: valid until the handler
     * returns, or until an asynchronous answer has been sent.
     */
    ByteBuffer payload();

    /** The payload as an array (a copy only if the payload is a slice of a larger buffer). */
    byte[] payloadBytes();

    /** The request's cancellation. */
    CancellationToken cancellation();

    /** The request context handed to handlers that ask for one. */
    RequestContext context();

    /**
     * Answers a {@code result} method with {@code value}, or an {@code ack} method with it as the ack
     * data. Ignored (and logged) if already answered.
     */
    <T> void reply(Encoder<? super T> encoder, T value);

    /** Answers with the bytes of {@code payload} as they are (raw codec), without copying them. */
    void replyRaw(ByteBuffer payload);

    /** Answers when {@code result} completes; the runtime then does not complete the call on return. */
    <T> void replyLater(Encoder<? super T> encoder, CompletionStage<? extends T> result);

    /** The chunk sink of a {@code stream} method. */
    <T> StreamSink<T> stream(Encoder<? super T> encoder);

    /** The early acknowledgement of an {@code ack} method. */
    <T> AckSink<T> ack(Encoder<? super T> encoder);

    /** Answers with an error frame for {@code error}. */
    void fail(Throwable error);

    /**
     * Closes {@code resource} once the call is over: the handler has returned (a {@code CompletionStage}
     * result has completed) and the answer has gone out, or the call failed or was aborted. Resources
     * are closed in the reverse order of registration; a failure to close is logged, never answered.
     */
    void closeWhenDone(AutoCloseable resource);
}
