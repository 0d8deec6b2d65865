package golden.media;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.Codec;
import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.RequestContext;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/** Streams, acks, raw bytes, async results, framework parameters and a constructor-injected emitter. */
@ProcwireService
public class MediaWorker {
    private final EventEmitter<Progress> progress;

    public MediaWorker(@Event("progress") EventEmitter<Progress> progress) {
        this.progress = progress;
    }

    public record Progress(String id, double fraction) {}

    public record Tile(int x, int y, byte[] pixels) {}

    public record TileRequest(String path, int size) {}

    public record Receipt(String id, long queuedAt) {}

    @ProcwireMethod(response = Response.STREAM, timeoutMs = 60_000)
    public void tiles(TileRequest request, StreamSink<Tile> out, CancellationToken cancel) {
        progress.emit(new Progress(request.path(), 1));
    }

    @ProcwireMethod(response = Response.STREAM)
    public Stream<String> lines(String path) {
        return Stream.of(path);
    }

    @ProcwireMethod(response = Response.STREAM)
    public Iterator<Tile> scan(String path) {
        return List.<Tile>of().iterator();
    }

    @ProcwireMethod(response = Response.STREAM, codec = Codec.RAW)
    public Iterable<ByteBuffer> rawChunks(ByteBuffer seed) {
        return List.of(seed);
    }

    @ProcwireMethod(codec = Codec.RAW)
    public byte[] sha256(byte[] data) {
        return data;
    }

    @ProcwireMethod(codec = Codec.RAW)
    public ByteBuffer thumbnail(ByteBuffer image) {
        return image;
    }

    @ProcwireMethod(requestCodec = Codec.RAW)
    public int size(ByteBuffer data) {
        return data.remaining();
    }

    @ProcwireMethod(response = Response.ACK)
    public void enqueue(String path, AckSink<Receipt> ack, RequestContext context) {
        ack.ack(new Receipt(path, context.requestId()));
    }

    @ProcwireMethod(response = Response.ACK)
    public Receipt submit(String path) {
        return new Receipt(path, 0);
    }

    @ProcwireMethod
    public CompletionStage<Map<String, Long>> stats(List<String> paths) {
        return CompletableFuture.completedFuture(Map.of());
    }

    @ProcwireMethod
    public CompletableFuture<Void> warm() {
        return CompletableFuture.completedFuture(null);
    }
}
