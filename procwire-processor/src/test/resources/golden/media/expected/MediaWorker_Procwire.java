package golden.media;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.Codec;
import dev.procwire.api.RequestContext;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.DeferredEmitter;
import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.EventPort;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.codec.ValueType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;

/**
 * The Procwire binding of {@link MediaWorker}: serves its methods and events without reflection.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class MediaWorker_Procwire implements ServiceBinding {
    public static final int METHOD_TILES = 1;

    public static final int METHOD_LINES = 2;

    public static final int METHOD_SCAN = 3;

    public static final int METHOD_RAW_CHUNKS = 4;

    public static final int METHOD_SHA256 = 5;

    public static final int METHOD_THUMBNAIL = 6;

    public static final int METHOD_SIZE = 7;

    public static final int METHOD_ENQUEUE = 8;

    public static final int METHOD_SUBMIT = 9;

    public static final int METHOD_STATS = 10;

    public static final int METHOD_WARM = 11;

    public static final int EVENT_PROGRESS = 1;

    private static final List<MethodDescriptor> METHODS = List.of(
            new MethodDescriptor(METHOD_TILES, "tiles", Response.STREAM, 60000L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_LINES, "lines", Response.STREAM, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_SCAN, "scan", Response.STREAM, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_RAW_CHUNKS, "rawChunks", Response.STREAM, 0L, Codec.RAW, Codec.RAW),
            new MethodDescriptor(METHOD_SHA256, "sha256", Response.RESULT, 0L, Codec.RAW, Codec.RAW),
            new MethodDescriptor(METHOD_THUMBNAIL, "thumbnail", Response.RESULT, 0L, Codec.RAW, Codec.RAW),
            new MethodDescriptor(METHOD_SIZE, "size", Response.RESULT, 0L, Codec.RAW, Codec.MSGPACK),
            new MethodDescriptor(METHOD_ENQUEUE, "enqueue", Response.ACK, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_SUBMIT, "submit", Response.ACK, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_STATS, "stats", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_WARM, "warm", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK));

    private static final List<EventDescriptor> EVENTS = List.of(
            new EventDescriptor(EVENT_PROGRESS, "progress", Codec.MSGPACK));

    private final MediaWorker service;

    private final DeferredEmitter<MediaWorker.Progress> progressEmitter = new DeferredEmitter<>(EVENT_PROGRESS,
            MediaWorker_Progress_ProcwireCodec::write);

    /**
     * A binding that serves {@code service}.
     */
    public MediaWorker_Procwire(MediaWorker service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /**
     * A binding that creates the service, handing its constructor the event emitters.
     */
    private MediaWorker_Procwire() {
        this.service = new MediaWorker(progressEmitter);
    }

    @Override
    public List<MethodDescriptor> methods() {
        return METHODS;
    }

    @Override
    public List<EventDescriptor> events() {
        return EVENTS;
    }

    @Override
    public void attach(EventPort events) {
        progressEmitter.attach(events);
    }

    @Override
    public void invoke(int methodId, Call call) throws Exception {
        switch (methodId) {
            case METHOD_TILES -> handleTiles(call);
            case METHOD_LINES -> handleLines(call);
            case METHOD_SCAN -> handleScan(call);
            case METHOD_RAW_CHUNKS -> handleRawChunks(call);
            case METHOD_SHA256 -> handleSha256(call);
            case METHOD_THUMBNAIL -> handleThumbnail(call);
            case METHOD_SIZE -> handleSize(call);
            case METHOD_ENQUEUE -> handleEnqueue(call);
            case METHOD_SUBMIT -> handleSubmit(call);
            case METHOD_STATS -> handleStats(call);
            case METHOD_WARM -> handleWarm(call);
            default -> throw new IllegalArgumentException("unknown method id " + methodId);
        }
    }

    /**
     * Handles {@code tiles} with {@link MediaWorker#tiles(MediaWorker.TileRequest, StreamSink, CancellationToken)}.
     */
    private void handleTiles(Call call) throws Exception {
        MsgPackReader in = call.reader();
        MediaWorker.TileRequest request = MediaWorker_TileRequest_ProcwireCodec.read(in);
        service.tiles(request, call.<MediaWorker.Tile>stream(MediaWorker_Tile_ProcwireCodec::write),
                call.cancellation());
    }

    /**
     * Handles {@code lines} with {@link MediaWorker#lines(String)}.
     */
    private void handleLines(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String path = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "path" -> path = in.readNullableString();
                        default -> in.skipValue();
                    }
                }
            } else {
                path = in.readNullableString();
            }
        }
        StreamSink<String> sink = call.<String>stream(Codecs.STRING);
        try (Stream<String> chunks = service.lines(path)) {
            if (chunks != null) {
                chunks.forEachOrdered(sink::send);
            }
        }
    }

    /**
     * Handles {@code scan} with {@link MediaWorker#scan(String)}.
     */
    private void handleScan(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String path = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "path" -> path = in.readNullableString();
                        default -> in.skipValue();
                    }
                }
            } else {
                path = in.readNullableString();
            }
        }
        StreamSink<MediaWorker.Tile> sink = call.<MediaWorker.Tile>stream(MediaWorker_Tile_ProcwireCodec::write);
        Iterator<MediaWorker.Tile> chunks = service.scan(path);
        if (chunks != null) {
            while (chunks.hasNext()) {
                sink.send(chunks.next());
            }
        }
    }

    /**
     * Handles {@code rawChunks} with {@link MediaWorker#rawChunks(ByteBuffer)}.
     */
    private void handleRawChunks(Call call) throws Exception {
        StreamSink<ByteBuffer> sink = call.<ByteBuffer>stream(Codecs.RAW_BUFFER);
        Iterable<ByteBuffer> chunks = service.rawChunks(call.payload());
        if (chunks != null) {
            for (ByteBuffer chunk : chunks) {
                sink.send(chunk);
            }
        }
    }

    /**
     * Handles {@code sha256} with {@link MediaWorker#sha256(byte[])}.
     */
    private void handleSha256(Call call) throws Exception {
        call.<byte[]>reply(Codecs.RAW, service.sha256(call.payloadBytes()));
    }

    /**
     * Handles {@code thumbnail} with {@link MediaWorker#thumbnail(ByteBuffer)}.
     */
    private void handleThumbnail(Call call) throws Exception {
        ByteBuffer result = service.thumbnail(call.payload());
        if (result != null) {
            call.replyRaw(result);
        }
    }

    /**
     * Handles {@code size} with {@link MediaWorker#size(ByteBuffer)}.
     */
    private void handleSize(Call call) throws Exception {
        call.<Integer>reply(Codecs.INT, service.size(call.payload()));
    }

    /**
     * Handles {@code enqueue} with {@link MediaWorker#enqueue(String, AckSink, RequestContext)}.
     */
    private void handleEnqueue(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String path = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "path" -> path = in.readNullableString();
                        default -> in.skipValue();
                    }
                }
            } else {
                path = in.readNullableString();
            }
        }
        service.enqueue(path,
                call.<MediaWorker.Receipt>ack(MediaWorker_Receipt_ProcwireCodec::write),
                call.context());
    }

    /**
     * Handles {@code submit} with {@link MediaWorker#submit(String)}.
     */
    private void handleSubmit(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String path = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "path" -> path = in.readNullableString();
                        default -> in.skipValue();
                    }
                }
            } else {
                path = in.readNullableString();
            }
        }
        call.<MediaWorker.Receipt>reply(MediaWorker_Receipt_ProcwireCodec::write,
                service.submit(path));
    }

    /**
     * Handles {@code stats} with {@link MediaWorker#stats(List)}.
     */
    private void handleStats(Call call) throws Exception {
        MsgPackReader in = call.reader();
        List<String> paths = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "paths" -> paths = readListOfString(in);
                        default -> in.skipValue();
                    }
                }
            } else {
                paths = readListOfString(in);
            }
        }
        CompletionStage<Map<String, Long>> result = service.stats(paths);
        call.<Map<String, Long>>replyLater(MediaWorker_Procwire::writeMapOfStringToLong,
                Objects.requireNonNull(result, "stats returned null instead of a CompletionStage"));
    }

    /**
     * Handles {@code warm} with {@link MediaWorker#warm()}.
     */
    private void handleWarm(Call call) throws Exception {
        CompletableFuture<Void> result = service.warm();
        call.<Void>replyLater(Codecs.NIL, Objects.requireNonNull(result,
                "warm returned null instead of a CompletionStage"));
    }

    private static List<String> readListOfString(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<String> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(in.readNullableString());
        }
        return result;
    }

    private static void writeMapOfStringToLong(MsgPackWriter out,
            Map<? extends String, ? extends Long> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeMapHeader(value.size());
        for (Map.Entry<? extends String, ? extends Long> entry : value.entrySet()) {
            String key = entry.getKey();
            if (key == null) out.writeNil(); else out.writeString(key);
            Long value_ = entry.getValue();
            if (value_ == null) out.writeNil(); else out.writeLong(value_);
        }
    }

    /**
     * Lets {@code Procwire.serve} find this binding; listed in
     * {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider}.
     */
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return MediaWorker.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return new MediaWorker_Procwire((MediaWorker) service);
        }

        @Override
        public ServiceBinding create() {
            return new MediaWorker_Procwire();
        }
    }
}
