package dev.procwire.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method of a {@link ProcwireService} to the parent process.
 *
 * <p>Parameters bind by name from a map payload ({@code send("resize", {path, width, height})}); a
 * single structured parameter binds the whole payload, and a single scalar parameter accepts both the
 * bare value and {@code {name: value}}. Parameters of the types {@link CancellationToken},
 * {@link StreamSink}, {@link AckSink} and {@link RequestContext} are supplied by the runtime.
 *
 * <pre>{@code
 * @ProcwireMethod                                        // "resize", response RESULT
 * public Thumbnail resize(String path, int width, int height) { ... }
 *
 * @ProcwireMethod(value = "tiles", response = Response.STREAM, timeoutMs = 60_000)
 * public void tiles(TileRequest req, StreamSink<Tile> out, CancellationToken cancel) { ... }
 *
 * @ProcwireMethod(codec = Codec.RAW)
 * public byte[] sha256(byte[] data) { ... }
 * }</pre>
 *
 * <p>A thrown exception becomes an error response ({@link ProcwireException} controls its
 * {@code code} and {@code data}); it never stops the worker.
 *
 * <p>Numbers and a JavaScript parent: the parent holds every integer as a {@code Number}, exact only
 * within ±(2<sup>53</sup> − 1). A {@code long} travels as a number, so a {@code long} beyond that
 * range arrives rounded; a {@code java.math.BigInteger} always travels as its decimal string (read it
 * with {@code BigInt(value)}), and a {@code BigInteger} parameter accepts that string or a number.
 * A number that does not fit a parameter ({@code 128} for a {@code byte}, {@code 1e300} for a
 * {@code float}), and a value whose constructor or setter throws, are answered with an
 * {@code INVALID_PARAMS} error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ProcwireMethod {

    /** The method name the parent calls; defaults to the Java method name. Must not start with {@code $}. */
    String value() default "";

    /** How the method answers; must match the parent's {@code response} for this method. */
    Response response() default Response.RESULT;

    /** The codec of both request and response; {@link Codec#DEFAULT} means MsgPack. */
    Codec codec() default Codec.DEFAULT;

    /** The request codec, when it differs from the response codec. Conflicts with a different {@link #codec()}. */
    Codec requestCodec() default Codec.DEFAULT;

    /** The response codec, when it differs from the request codec. Conflicts with a different {@link #codec()}. */
    Codec responseCodec() default Codec.DEFAULT;

    /**
     * A timeout in milliseconds published in the schema, used by a parent whose own configuration
     * names none; {@code 0} publishes no timeout.
     */
    long timeoutMs() default 0;
}
