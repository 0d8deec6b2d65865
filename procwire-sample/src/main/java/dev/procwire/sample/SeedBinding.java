package dev.procwire.sample;

import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireException;
import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.binding.Handlers;
import dev.procwire.runtime.codec.Codecs;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Serves a {@link SeedWorker} through the programmatic {@link Handlers} API: decodes each method's
 * params by name (a single-parameter method also takes the bare value), reads numbers leniently, and
 * rejects anything else with an {@code INVALID_PARAMS} error that names the parameter.
 */
final class SeedBinding {
    private SeedBinding() {}

    static Handlers bind(SeedWorker worker) {
        Handlers handlers = Handlers.builder()
                .method("add", call -> {
                    Map<?, ?> p = object(call, "a", "b");
                    call.reply(Codecs.DOUBLE, worker.add(number(call, p, "a"), number(call, p, "b")));
                })
                .method("multiply", call -> {
                    Map<?, ?> p = object(call, "a", "b");
                    call.reply(Codecs.DOUBLE, worker.multiply(number(call, p, "a"), number(call, p, "b")));
                })
                .method("fibonacci", call -> call.reply(Codecs.LONG, worker.fibonacci(integer(call, single(call, "n"), "n"))))
                .method("is_prime", call -> call.reply(Codecs.BOOLEAN, worker.isPrime(integer(call, single(call, "n"), "n"))))
                .method("sum_array", call -> call.reply(Codecs.DOUBLE, worker.sumArray(numbers(call, single(call, "numbers")))))
                .method("echo", call -> call.reply(Codecs.STRING, worker.echo(string(call, single(call, "message"), "message"))))
                .event("log")
                .build();
        EventEmitter<Object> log = handlers.emitter("log", Codecs.VALUE);
        worker.log = line -> log.emit(Map.of("message", line.message()));
        return handlers;
    }

    /** The payload as a map of named params. */
    private static Map<?, ?> object(Call call, String... names) {
        Object v = call.reader().readValue();
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        throw invalid(call, "expected an object {" + String.join(", ", names) + "}, got " + describe(v));
    }

    /** The one param of a single-parameter method: {@code {name: value}} or the bare value. */
    private static Object single(Call call, String name) {
        Object v = call.reader().readValue();
        if (v instanceof Map<?, ?> m) {
            if (!m.containsKey(name)) {
                throw invalid(call, "'" + name + "' is missing");
            }
            return m.get(name);
        }
        return v;
    }

    private static double number(Call call, Map<?, ?> params, String name) {
        Object v = params.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw invalid(call, "'" + name + "' must be a number, got " + describe(v));
    }

    private static long integer(Call call, Object v, String name) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return (long) (double) d;
        }
        throw invalid(call, "'" + name + "' must be an integer, got " + describe(v));
    }

    private static double[] numbers(Call call, Object v) {
        if (!(v instanceof List<?> list)) {
            throw invalid(call, "'numbers' must be an array of numbers, got " + describe(v));
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw invalid(call, "'numbers[" + i + "]' must be a number, got " + describe(list.get(i)));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static String string(Call call, Object v, String name) {
        if (v instanceof String s) {
            return s;
        }
        throw invalid(call, "'" + name + "' must be a string, got " + describe(v));
    }

    private static ProcwireException invalid(Call call, String why) {
        return new ProcwireException("invalid params for " + call.method().name() + ": " + why, "INVALID_PARAMS", null);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Long) {
            return "an integer";
        }
        if (v instanceof BigInteger) {
            return "an integer beyond 64 bits";
        }
        if (v instanceof Number) {
            return "a number";
        }
        if (v instanceof List<?>) {
            return "an array";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        return "a value of another type";
    }
}
