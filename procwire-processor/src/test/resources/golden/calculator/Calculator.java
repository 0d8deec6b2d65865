package golden.calculator;

import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.api.Response;
import java.util.List;

/** Scalars and named parameters, field events, a static method, a timeout, a fire-and-forget method. */
@ProcwireService
public final class Calculator {
    @Event("log")
    EventEmitter<String> log;

    @Event
    EventEmitter<Progress> progress;

    public record Progress(int percent, String stage) {}

    @ProcwireMethod
    public long add(long a, long b) {
        return a + b;
    }

    @ProcwireMethod
    public double multiply(double a, double b) {
        return a * b;
    }

    @ProcwireMethod("is_prime")
    public boolean isPrime(long n) {
        return n > 1;
    }

    @ProcwireMethod("sum_array")
    public long sumArray(List<Long> numbers) {
        return numbers.stream().mapToLong(Long::longValue).sum();
    }

    @ProcwireMethod(timeoutMs = 30_000)
    public long fibonacci(int n) {
        return n;
    }

    @ProcwireMethod
    public String echo(String message, Integer times) {
        return message;
    }

    @ProcwireMethod
    public static String version() {
        return "1.0";
    }

    @ProcwireMethod(response = Response.NONE)
    public void reset() {}
}
