package golden.drawing;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.EventDescriptor;
import dev.procwire.runtime.binding.EventPort;
import dev.procwire.runtime.binding.MethodDescriptor;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.codec.MapKeys;
import dev.procwire.runtime.codec.MsgPackException;
import dev.procwire.runtime.codec.MsgPackReader;
import dev.procwire.runtime.codec.MsgPackWriter;
import dev.procwire.runtime.codec.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The Procwire binding of {@link Drawing}: serves its methods and events without reflection.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Drawing_Procwire implements ServiceBinding {
    public static final int METHOD_LAYER = 1;

    public static final int METHOD_LARGEST = 2;

    public static final int METHOD_STAGE = 3;

    private static final List<MethodDescriptor> METHODS = List.of(
            new MethodDescriptor(METHOD_LAYER, "layer", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_LARGEST, "largest", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_STAGE, "stage", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK));

    private static final List<EventDescriptor> EVENTS = List.of();

    private final Drawing service;

    /**
     * A binding that serves {@code service}.
     */
    public Drawing_Procwire(Drawing service) {
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
    }

    @Override
    public void invoke(int methodId, Call call) throws Exception {
        switch (methodId) {
            case METHOD_LAYER -> handleLayer(call);
            case METHOD_LARGEST -> handleLargest(call);
            case METHOD_STAGE -> handleStage(call);
            default -> throw new IllegalArgumentException("unknown method id " + methodId);
        }
    }

    /**
     * Handles {@code layer} with {@link Drawing#layer(List, int, double)}.
     */
    private void handleLayer(Call call) throws Exception {
        MsgPackReader in = call.reader();
        List<Shape> shapes = null;
        int layerIndex = 0;
        boolean hasLayerIndex = false;
        double depth = 0;
        boolean hasDepth = false;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "shapes" -> shapes = readListOfShape(in);
                    case "layer_index" -> {
                        layerIndex = in.readInt();
                        hasLayerIndex = true;
                    }
                    case "z" -> {
                        depth = in.readDouble();
                        hasDepth = true;
                    }
                    default -> in.skipValue();
                }
            }
        }
        if (!hasLayerIndex) {
            throw new MsgPackException("missing parameter layer_index (int)");
        }
        if (!hasDepth) {
            throw new MsgPackException("missing parameter z (double)");
        }
        call.<List<Shape>>reply(Drawing_Procwire::writeCollectionOfShape, service.layer(shapes,
                layerIndex, depth));
    }

    /**
     * Handles {@code largest} with {@link Drawing#largest(Canvas)}.
     */
    private void handleLargest(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Canvas canvas = Canvas_ProcwireCodec.read(in);
        call.<Shape>reply(Shape_ProcwireCodec::write, service.largest(canvas));
    }

    /**
     * Handles {@code stage} with {@link Drawing#stage(Stage)}.
     */
    private void handleStage(Call call) throws Exception {
        MsgPackReader in = call.reader();
        Stage stage = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "stage" -> stage = Stage_ProcwireCodec.read(in);
                        default -> in.skipValue();
                    }
                }
            } else {
                stage = Stage_ProcwireCodec.read(in);
            }
        }
        call.<Stage>reply(Stage_ProcwireCodec::write, service.stage(stage));
    }

    private static List<Shape> readListOfShape(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<Shape> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(Shape_ProcwireCodec.read(in));
        }
        return result;
    }

    private static void writeCollectionOfShape(MsgPackWriter out,
            Collection<? extends Shape> value) {
        if (value == null) {
            out.writeNil();
            return;
        }
        out.writeArrayHeader(value.size());
        for (Shape element : value) {
            Shape_ProcwireCodec.write(out, element);
        }
    }

    /**
     * Lets {@code Procwire.serve} find this binding; listed in
     * {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider}.
     */
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return Drawing.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return new Drawing_Procwire((Drawing) service);
        }

        @Override
        public ServiceBinding create() {
            return new Drawing_Procwire(new Drawing());
        }
    }
}
