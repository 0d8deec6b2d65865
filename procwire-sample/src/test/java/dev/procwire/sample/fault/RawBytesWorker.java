package dev.procwire.sample.fault;

import dev.procwire.api.Codec;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;
import java.nio.ByteBuffer;

/**
 * Raw-codec methods for the memory-limit tests: {@code echo} answers with its payload's own buffer (a
 * pooled direct one when large), {@code reverse} with a new heap array, which the socket write stages
 * in one of the JDK's temporary direct buffers.
 */
@ProcwireService
public final class RawBytesWorker {
    public static void main(String[] args) {
        Procwire.serve(new RawBytesWorker());
    }

    @ProcwireMethod(codec = Codec.RAW)
    public ByteBuffer echo(ByteBuffer payload) {
        return payload;
    }

    @ProcwireMethod(codec = Codec.RAW)
    public byte[] reverse(ByteBuffer payload) {
        byte[] out = new byte[payload.remaining()];
        for (int i = 0, n = out.length; i < n; i++) {
            out[n - 1 - i] = payload.get(payload.position() + i);
        }
        return out;
    }
}
