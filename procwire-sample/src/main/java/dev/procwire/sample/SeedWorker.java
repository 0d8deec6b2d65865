package dev.procwire.sample;

import dev.procwire.api.Event;
import dev.procwire.api.EventEmitter;
import dev.procwire.api.ProcwireException;
import dev.procwire.api.ProcwireMethod;
import dev.procwire.api.ProcwireService;
import dev.procwire.runtime.Procwire;

/**
 * The seed example worker: the calculator every Procwire user tries first. A Node parent calls
 * {@code add}, {@code multiply}, {@code fibonacci}, {@code is_prime}, {@code sum_array} and
 * {@code echo}; each processed call also sends a {@code log} event ({@code {message: "Processed add"}})
 * back to the parent, ahead of its result.
 *
 * <p>The same jar serves a {@code @procwire/core} parent on the binary data plane and a
 * {@code @procwire/transport} {@code createStdioChannel} parent with line-delimited JSON-RPC on stdio,
 * with no flag: run it with {@code java -jar procwire-sample/target/procwire-sample.jar}.
 *
 * <p>Numbers follow JavaScript: {@code add}, {@code multiply} and {@code sum_array} work on doubles
 * (what a JS {@code number} is), {@code fibonacci} and {@code is_prime} on integers.
 */
@ProcwireService
public final class SeedWorker {

    /** The payload of a {@code log} event. */
    public record LogLine(String message) {}

    /** The params of {@code sum_array}: {@code {numbers}}. */
    public record Numbers(double[] numbers) {}

    @Event("log")
    EventEmitter<LogLine> log;

    /** {@code add {a, b}} → a + b. */
    @ProcwireMethod
    public double add(double a, double b) {
        processed("add");
        return a + b;
    }

    /** {@code multiply {a, b}} → a × b. */
    @ProcwireMethod
    public double multiply(double a, double b) {
        processed("multiply");
        return a * b;
    }

    /**
     * {@code fibonacci {n}} → the n-th Fibonacci number, computed by the naive double recursion on
     * purpose: this is the example's CPU benchmark.
     */
    @ProcwireMethod
    public long fibonacci(long n) {
        if (n < 0 || n > 92) {
            throw invalid("fibonacci", "'n' must be an integer from 0 to 92, got " + n);
        }
        long result = fib((int) n);
        processed("fibonacci");
        return result;
    }

    private static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** {@code is_prime {n}} → whether n is prime, by trial division with odd divisors up to √n. */
    @ProcwireMethod("is_prime")
    public boolean isPrime(long n) {
        boolean result = primeByTrialDivision(n);
        processed("is_prime");
        return result;
    }

    private static boolean primeByTrialDivision(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d <= n / d; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code sum_array {numbers}} → the sum of the numbers. */
    @ProcwireMethod("sum_array")
    public double sumArray(Numbers params) {
        if (params == null || params.numbers() == null) {
            throw invalid("sum_array", "'numbers' is missing");
        }
        double sum = 0;
        for (double x : params.numbers()) {
            sum += x;
        }
        processed("sum_array");
        return sum;
    }

    /** {@code echo {message}} → the message. */
    @ProcwireMethod
    public String echo(String message) {
        if (message == null) {
            throw invalid("echo", "'message' is missing");
        }
        processed("echo");
        return message;
    }

    private void processed(String method) {
        log.emit(new LogLine("Processed " + method));
    }

    private static ProcwireException invalid(String method, String why) {
        return new ProcwireException("invalid params for " + method + ": " + why, "INVALID_PARAMS", null);
    }

    public static void main(String[] args) {
        Procwire.serve(new SeedWorker());
    }
}
