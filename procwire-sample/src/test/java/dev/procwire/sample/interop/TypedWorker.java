package dev.procwire.sample.interop;

import dev.procwire.api.Codec;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A worker with a generated binding for the interop suite: how typed values look to a JavaScript
 * parent, and how typed parameters refuse what does not fit them. Methods (msgpack, result):
 *
 * <ul>
 *   <li>{@code width {range: {lo, hi}}}: {@code hi - lo}; a {@link Range} refuses {@code lo > hi}.
 *   <li>{@code half {x}}: {@code x / 2} as a {@code float}.
 *   <li>{@code big {digits}}: the {@code BigInteger} of those decimal digits.
 *   <li>{@code bigText {n}}: the decimal digits of the {@code BigInteger} parameter {@code n}.
 *   <li>{@code longOf {digits}}: the {@code long} of those decimal digits.
 * </ul>
 *
 * <p>And methods whose answer or request is not a value: {@code stamp} (raw, reads no payload) answers
 * the bytes of "stamp"; {@code store} (raw) answers nothing, later; {@code ping} (an Arrow request it
 * does not read, a MsgPack answer) answers "pong".
 */
@ProcwireService
public final class TypedWorker {
    /** Validates its input, as records commonly do. */
    public record Range(int lo, int hi) {
        public Range {
            if (lo > hi) {
                throw new IllegalArgumentException("lo > hi");
            }
        }
    }

    @ProcwireMethod
    public int width(Range range) {
        return range.hi() - range.lo();
    }

    @ProcwireMethod
    public float half(float x) {
        return x / 2;
    }

    @ProcwireMethod
    public BigInteger big(String digits) {
        return new BigInteger(digits);
    }

    @ProcwireMethod
    public String bigText(BigInteger n) {
        return n == null ? null : n.toString();
    }

    @ProcwireMethod
    public long longOf(String digits) {
        return Long.parseLong(digits);
    }

    @ProcwireMethod(codec = Codec.RAW)
    public byte[] stamp() {
        return "stamp".getBytes(StandardCharsets.US_ASCII);
    }

    @ProcwireMethod(codec = Codec.RAW)
    public CompletionStage<Void> store(byte[] data) {
        return CompletableFuture.completedFuture(null);
    }

    @ProcwireMethod(requestCodec = Codec.ARROW, responseCodec = Codec.MSGPACK)
    public String ping() {
        return "pong";
    }

    public static void main(String[] args) {
        Procwire.serve(new TypedWorker());
    }
}
