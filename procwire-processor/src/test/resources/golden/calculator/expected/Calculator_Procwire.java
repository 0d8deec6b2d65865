package golden.calculator;

import dev.procwire.api.Codec;
import dev.procwire.api.Response;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * The Procwire binding of {@link Calculator}: serves its methods and events without reflection.
 */
@Generated("dev.procwire.processor.ProcwireProcessor")
@SuppressWarnings({"deprecation", "removal"})
public final class Calculator_Procwire implements ServiceBinding {
    public static final int METHOD_ADD = 1;

    public static final int METHOD_MULTIPLY = 2;

    public static final int METHOD_IS_PRIME = 3;

    public static final int METHOD_SUM_ARRAY = 4;

    public static final int METHOD_FIBONACCI = 5;

    public static final int METHOD_ECHO = 6;

    public static final int METHOD_VERSION = 7;

    public static final int METHOD_RESET = 8;

    public static final int EVENT_LOG = 1;

    public static final int EVENT_PROGRESS = 2;

    private static final List<MethodDescriptor> METHODS = List.of(
            new MethodDescriptor(METHOD_ADD, "add", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_MULTIPLY, "multiply", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_IS_PRIME, "is_prime", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_SUM_ARRAY, "sum_array", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_FIBONACCI, "fibonacci", Response.RESULT, 30000L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_ECHO, "echo", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_VERSION, "version", Response.RESULT, 0L, Codec.MSGPACK, Codec.MSGPACK),
            new MethodDescriptor(METHOD_RESET, "reset", Response.NONE, 0L, Codec.MSGPACK, Codec.MSGPACK));

    private static final List<EventDescriptor> EVENTS = List.of(
            new EventDescriptor(EVENT_LOG, "log", Codec.MSGPACK),
            new EventDescriptor(EVENT_PROGRESS, "progress", Codec.MSGPACK));

    private final Calculator service;

    /**
     * A binding that serves {@code service}.
     */
    public Calculator_Procwire(Calculator service) {
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
        service.log = events.<String>emitter(EVENT_LOG, Codecs.STRING);
        service.progress = events.<Calculator.Progress>emitter(EVENT_PROGRESS,
                Calculator_Progress_ProcwireCodec::write);
    }

    @Override
    public void invoke(int methodId, Call call) throws Exception {
        switch (methodId) {
            case METHOD_ADD -> handleAdd(call);
            case METHOD_MULTIPLY -> handleMultiply(call);
            case METHOD_IS_PRIME -> handleIsPrime(call);
            case METHOD_SUM_ARRAY -> handleSumArray(call);
            case METHOD_FIBONACCI -> handleFibonacci(call);
            case METHOD_ECHO -> handleEcho(call);
            case METHOD_VERSION -> handleVersion(call);
            case METHOD_RESET -> handleReset(call);
            default -> throw new IllegalArgumentException("unknown method id " + methodId);
        }
    }

    /**
     * Handles {@code add} with {@link Calculator#add(long, long)}.
     */
    private void handleAdd(Call call) throws Exception {
        MsgPackReader in = call.reader();
        long a = 0;
        boolean hasA = false;
        long b = 0;
        boolean hasB = false;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "a" -> {
                        a = in.readLong();
                        hasA = true;
                    }
                    case "b" -> {
                        b = in.readLong();
                        hasB = true;
                    }
                    default -> in.skipValue();
                }
            }
        }
        if (!hasA) {
            throw new MsgPackException("missing parameter a (long)");
        }
        if (!hasB) {
            throw new MsgPackException("missing parameter b (long)");
        }
        call.<Long>reply(Codecs.LONG, service.add(a, b));
    }

    /**
     * Handles {@code multiply} with {@link Calculator#multiply(double, double)}.
     */
    private void handleMultiply(Call call) throws Exception {
        MsgPackReader in = call.reader();
        double a = 0;
        boolean hasA = false;
        double b = 0;
        boolean hasB = false;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "a" -> {
                        a = in.readDouble();
                        hasA = true;
                    }
                    case "b" -> {
                        b = in.readDouble();
                        hasB = true;
                    }
                    default -> in.skipValue();
                }
            }
        }
        if (!hasA) {
            throw new MsgPackException("missing parameter a (double)");
        }
        if (!hasB) {
            throw new MsgPackException("missing parameter b (double)");
        }
        call.<Double>reply(Codecs.DOUBLE, service.multiply(a, b));
    }

    /**
     * Handles {@code is_prime} with {@link Calculator#isPrime(long)}.
     */
    private void handleIsPrime(Call call) throws Exception {
        MsgPackReader in = call.reader();
        long n = 0;
        boolean hasN = false;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "n" -> {
                            n = in.readLong();
                            hasN = true;
                        }
                        default -> in.skipValue();
                    }
                }
            } else {
                n = in.readLong();
                hasN = true;
            }
        }
        if (!hasN) {
            throw new MsgPackException("missing parameter n (long)");
        }
        call.<Boolean>reply(Codecs.BOOLEAN, service.isPrime(n));
    }

    /**
     * Handles {@code sum_array} with {@link Calculator#sumArray(List)}.
     */
    private void handleSumArray(Call call) throws Exception {
        MsgPackReader in = call.reader();
        List<Long> numbers = null;
        if (!in.tryReadNil()) {
            if (in.nextType() == ValueType.MAP) {
                int size = in.readMapHeader();
                for (int i = 0; i < size; i++) {
                    switch (MapKeys.readName(in)) {
                        case "numbers" -> numbers = readListOfLong(in);
                        default -> in.skipValue();
                    }
                }
            } else {
                numbers = readListOfLong(in);
            }
        }
        call.<Long>reply(Codecs.LONG, service.sumArray(numbers));
    }

    /**
     * Handles {@code fibonacci} with {@link Calculator#fibonacci(int)}.
     */
    private void handleFibonacci(Call call) throws Exception {
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
        call.<Long>reply(Codecs.LONG, service.fibonacci(n));
    }

    /**
     * Handles {@code echo} with {@link Calculator#echo(String, Integer)}.
     */
    private void handleEcho(Call call) throws Exception {
        MsgPackReader in = call.reader();
        String message = null;
        Integer times = null;
        if (!in.tryReadNil()) {
            int size = in.readMapHeader();
            for (int i = 0; i < size; i++) {
                switch (MapKeys.readName(in)) {
                    case "message" -> message = in.readNullableString();
                    case "times" -> times = in.tryReadNil() ? null : Integer.valueOf(in.readInt());
                    default -> in.skipValue();
                }
            }
        }
        call.<String>reply(Codecs.STRING, service.echo(message, times));
    }

    /**
     * Handles {@code version} with {@link Calculator#version()}.
     */
    private void handleVersion(Call call) throws Exception {
        call.<String>reply(Codecs.STRING, Calculator.version());
    }

    /**
     * Handles {@code reset} with {@link Calculator#reset()}.
     */
    private void handleReset(Call call) throws Exception {
        service.reset();
    }

    private static List<Long> readListOfLong(MsgPackReader in) {
        if (in.tryReadNil()) {
            return null;
        }
        int size = in.readArrayHeader();
        List<Long> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(in.tryReadNil() ? null : Long.valueOf(in.readLong()));
        }
        return result;
    }

    /**
     * Lets {@code Procwire.serve} find this binding; listed in
     * {@code META-INF/services/dev.procwire.runtime.binding.BindingProvider}.
     */
    public static final class Provider implements BindingProvider {
        @Override
        public Class<?> serviceType() {
            return Calculator.class;
        }

        @Override
        public ServiceBinding bind(Object service) {
            return new Calculator_Procwire((Calculator) service);
        }

        @Override
        public ServiceBinding create() {
            return new Calculator_Procwire(new Calculator());
        }
    }
}
