package golden.arrow;

import dev.procwire.api.AckSink;
import dev.procwire.api.CancellationToken;
import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.api.StreamSink;
import dev.procwire.runtime.arrow.ArrowPayloads;
import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.EventPort;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.ValueType;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import javax.annotation.processing.Generated;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The Procwire binding of {@link Analytics}: serves its methods and events without reflection.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Analytics_Procwire implements ServiceBinding {
    public static final int METHOD_ECHO = 1;

    public static final int METHOD_NORMALIZE = 2;

    public static final int METHOD_RANK = 3;

    public static final int METHOD_SEARCH = 4;

    public static final int METHOD_COUNT = 5;

    public static final int METHOD_LATEST = 6;

    public static final int METHOD_PAGES = 7;

    public static final int METHOD_CHUNKS = 8;

    public static final int METHOD_TABLES = 9;

    public static final int METHOD_INGEST = 10;

    public static final int METHOD_LATER = 11;

    public static final int EVENT_BATCH = 1;

    public static final int EVENT_SNAPSHOT = 2;

    public static final int EVENT_SIGNALS = 3;

    public static final int EVENT_LOG = 4;

    private static final List<MethodDescriptor> METHODS = List.of(
            new MethodDescriptor(METHOD_ECHO, "echo", Response.RESULT, 0L, Codec.ARROW, Codec.ARROW),
            new MethodDescriptor(METHOD_NORMALIZE, "normalize", Response.RESULT, 0L, Codec.ARROW, Codec.ARROW),
            new MethodDescriptor(METHOD_RANK, "rank", Response.RESULT, 0L, Codec.ARROW, Codec.ARROW),
            new MethodDescriptor(METHOD_SEARCH, "search", Response.RESULT, 0L, Codec.MSGPACK, Codec.ARROW),
            new MethodDescriptor(METHOD_COUNT, "count", Response.RESULT, 0L, Codec.ARROW, Codec.MSGPACK),
            new MethodDescriptor(METHOD_LATEST, "latest", Response.RESULT, 0L, Codec.MSGPACK, Codec.ARROW),
            new MethodDescriptor(METHOD_PAGES, "pages", Response.STREAM, 0L, Codec.ARROW, Codec.ARROW),
            new MethodDescriptor(METHOD_CHUNKS, "chunks", Response.STREAM, 0L, Codec.MSGPACK, Codec.ARROW),
            new MethodDescriptor(METHOD_TABLES, "tables", Response.STREAM, 0L, Codec.MSGPACK, Codec.ARROW),
            new MethodDescriptor(METHOD_INGEST, "ingest", Response.ACK, 0L, Codec.ARROW, Codec.ARROW),
            new MethodDescriptor(METHOD_LATER, "later", Response.RESULT, 0L, Codec.ARROW, Codec.ARROW));

    private static final List<EventDescriptor> EVENTS = List.of(
            new EventDescriptor(EVENT_BATCH, "batch", Codec.ARROW),
            new EventDescriptor(EVENT_SNAPSHOT, "snapshot", Codec.ARROW),
            new EventDescriptor(EVENT_SIGNALS, "signals", Codec.ARROW),
            new EventDescriptor(EVENT_LOG, "log", Codec.MSGPACK));

    private final Analytics service;

    /**
     * A binding that serves {@code service}.
     */
    public Analytics_Procwire(Analytics service) {
        this.service = Objects.requireNonNull(service, "service");
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
        service.batches = events.<Analytics.Batch>emitter(EVENT_BATCH,
                (out, value) -> ArrowPayloads.encoder(
                Analytics_Batch_ProcwireArrow::write).encode(out, value));
        service.snapshots = events.<VectorSchemaRoot>emitter(EVENT_SNAPSHOT, ArrowPayloads.TABLE);
        service.signals = events.<List<Signal>>emitter(EVENT_SIGNALS,
                (out, value) -> ArrowPayloads.encoder(
                Signal_ProcwireArrow::writeRows).encode(out, value));
        service.log = events.<String>emitter(EVENT_LOG, Codecs.STRING);
    }

    @Override
    public void invoke(int methodId, Call call) throws Exception {
        switch (methodId) {
            case METHOD_ECHO -> handleEcho(call);
            case METHOD_NORMALIZE -> handleNormalize(call);
            case METHOD_RANK -> handleRank(call);
            case METHOD_SEARCH -> handleSearch(call);
            case METHOD_COUNT -> handleCount(call);
            case METHOD_LATEST -> handleLatest(call);
            case METHOD_PAGES -> handlePages(call);
            case METHOD_CHUNKS -> handleChunks(call);
            case METHOD_TABLES -> handleTables(call);
            case METHOD_INGEST -> handleIngest(call);
            case METHOD_LATER -> handleLater(call);
            default -> throw new IllegalArgumentException("unknown method id " + methodId);
        }
    }

    /**
     * Handles {@code echo} with {@link Analytics#echo(VectorSchemaRoot)}.
     */
    private void handleEcho(Call call) throws Exception {
        VectorSchemaRoot table = ArrowPayloads.read(call);
        call.<VectorSchemaRoot>reply(ArrowPayloads.TABLE, service.echo(table));
    }

    /**
     * Handles {@code normalize} with {@link Analytics#normalize(Analytics.Batch)}.
     */
    private void handleNormalize(Call call) throws Exception {
        Analytics.Batch batch = Analytics_Batch_ProcwireArrow.read(ArrowPayloads.read(call));
        call.<Analytics.Batch>reply(ArrowPayloads.encoder(Analytics_Batch_ProcwireArrow::write),
                service.normalize(batch));
    }

    /**
     * Handles {@code rank} with {@link Analytics#rank(List, CancellationToken)}.
     */
    private void handleRank(Call call) throws Exception {
        List<Analytics.Hit> hits = Analytics_Hit_ProcwireArrow.readRows(ArrowPayloads.read(call));
        call.<List<Analytics.Hit>>reply(ArrowPayloads.encoder(
                Analytics_Hit_ProcwireArrow::writeRows), service.rank(hits, call.cancellation()));
    }

    /**
     * Handles {@code search} with {@link Analytics#search(String, int)}.
     */
    private void handleSearch(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String query = null;
        int limit = 0;
        boolean hasLimit = false;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "query" -> query = in.readNullableString();
                    case "limit" -> {
                        limit = in.readInt();
                        hasLimit = true;
                    }
                    default -> in.skipValue();
                }
            }
        }
        if (!hasLimit) {
            throw new MsgPackException("missing parameter limit (int)");
        }
        call.<List<Analytics.Hit>>reply(ArrowPayloads.encoder(
                Analytics_Hit_ProcwireArrow::writeRows), service.search(query, limit));
    }

    /**
     * Handles {@code count} with {@link Analytics#count(VectorSchemaRoot)}.
     */
    private void handleCount(Call call) throws Exception {
        VectorSchemaRoot table = ArrowPayloads.read(call);
        call.<Integer>reply(Codecs.INT, service.count(table));
    }

    /**
     * Handles {@code latest} with {@link Analytics#latest()}.
     */
    private void handleLatest(Call call) throws Exception {
        call.<Signal>reply(ArrowPayloads.encoder(Signal_ProcwireArrow::write), service.latest());
    }

    /**
     * Handles {@code pages} with {@link Analytics#pages(Analytics.Batch, StreamSink)}.
     */
    private void handlePages(Call call) throws Exception {
        Analytics.Batch batch = Analytics_Batch_ProcwireArrow.read(ArrowPayloads.read(call));
        service.pages(batch, call.<List<Analytics.Hit>>stream(ArrowPayloads.encoder(
                Analytics_Hit_ProcwireArrow::writeRows)));
    }

    /**
     * Handles {@code chunks} with {@link Analytics#chunks(int)}.
     */
    private void handleChunks(Call call) throws Exception {
        MsgPackReader in = call.reader();
        int n = 0;
        boolean hasN = false;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "n" -> {
                            n = in.readInt();
                            hasN = true;
                        }
                        default -> in.skipValue();
                    }
                }
            } else {
                n = in.readInt();
                hasN = true;
            }
        }
        if (!hasN) {
            throw new MsgPackException("missing parameter n (int)");
        }
        StreamSink<Analytics.Batch> sink = call.<Analytics.Batch>stream(ArrowPayloads.encoder(
                Analytics_Batch_ProcwireArrow::write));
        try (Stream<Analytics.Batch> chunks = service.chunks(n)) {
            if (chunks != null) {
                chunks.forEachOrdered(sink::send);
            }
        }
    }

    /**
     * Handles {@code tables} with {@link Analytics#tables(int)}.
     */
    private void handleTables(Call call) throws Exception {
        MsgPackReader in = call.reader();
        int n = 0;
        boolean hasN = false;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "n" -> {
                            n = in.readInt();
                            hasN = true;
                        }
                        default -> in.skipValue();
                    }
                }
            } else {
                n = in.readInt();
                hasN = true;
            }
        }
        if (!hasN) {
            throw new MsgPackException("missing parameter n (int)");
        }
        StreamSink<VectorSchemaRoot> sink = call.<VectorSchemaRoot>stream(ArrowPayloads.TABLE);
        Iterator<VectorSchemaRoot> chunks = service.tables(n);
        if (chunks != null) {
            while (chunks.hasNext()) {
                sink.send(chunks.next());
            }
        }
    }

    /**
     * Handles {@code ingest} with {@link Analytics#ingest(List, AckSink)}.
     */
    private void handleIngest(Call call) throws Exception {
        List<Signal> signals = Signal_ProcwireArrow.readRows(ArrowPayloads.read(call));
        service.ingest(signals, call.<Signal>ack(ArrowPayloads.encoder(
                Signal_ProcwireArrow::write)));
    }

    /**
     * Handles {@code later} with {@link Analytics#later(Analytics.Batch)}.
     */
    private void handleLater(Call call) throws Exception {
        Analytics.Batch batch = Analytics_Batch_ProcwireArrow.read(ArrowPayloads.read(call));
        CompletionStage<List<Analytics.Hit>> result = service.later(batch);
        call.<List<Analytics.Hit>>replyLater(ArrowPayloads.encoder(
                Analytics_Hit_ProcwireArrow::writeRows), Objects.requireNonNull(result,
                "later returned null instead of a CompletionStage"));
    }

    /**
     * Lets {@code Procwire.serve} find this binding; listed in
     * {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider}.
     */
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return Analytics.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return new Analytics_Procwire((Analytics) service);
        }

        @Override
        public ServiceBinding create() {
            return new Analytics_Procwire(new Analytics());
        }
    }
}
