package dev.procwire.runtime;

import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.control.ControlPlane;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ServiceLoader;

/**
 * Runs a Procwire worker in this process.
 *
 * <pre>{@code
 * @ProcwireService
 * public final class Calculator {
 *     @ProcwireMethod public long add(long a, long b) { return a + b; }
 *
 *     public static void main(String[] args) { Procwire.serve(new Calculator()); }
 * }
 * }</pre>
 *
 * <p>{@code serve} owns the process: it takes stdin and stdout for the control plane (redirecting
 * {@code System.out} to stderr, so nothing user code prints can corrupt it), serves until the parent
 * sends {@code $shutdown} or goes away, then exits the JVM.
 */
public final class Procwire {
    private Procwire() {}

    /**
     * Serves {@code service}: an instance of a {@code @ProcwireService} class (its generated binding is
     * found through {@link BindingProvider}), or a {@link ServiceBinding} such as
     * {@link dev.procwire.runtime.binding.Handlers}. Never returns.
     */
    public static void serve(Object service) {
        WorkerOptions options;
        try {
            options = WorkerOptions.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            failToStart(e);
            return;
        }
        serve(service, options);
    }

    /** Serves {@code service} with {@code options}. Never returns. */
    public static void serve(Object service, WorkerOptions options) {
        ServiceBinding binding;
        try {
            binding = bindingFor(service);
        } catch (IllegalArgumentException e) {
            failToStart(e);
            return;
        }
        run(binding, options);
    }

    /** Tells the parent why the worker cannot start ({@code $error}), then exits with status 1. */
    private static void failToStart(Exception e) {
        Log.error("worker cannot start", e);
        new ControlPlane(InputStream.nullInputStream(), new FileOutputStream(FileDescriptor.out), null)
                .sendError("cannot start worker: " + e.getMessage());
        System.exit(1);
    }

    /**
     * Serves a {@code @ProcwireService} class whose constructor takes its {@code @Event} emitters; the
     * generated binding creates the instance. Never returns.
     */
    public static void serve(Class<?> serviceType) {
        run(providerFor(serviceType).create(), WorkerOptions.fromEnvironment(System.getenv()));
    }

    /** The binding of {@code service}. */
    public static ServiceBinding bindingFor(Object service) {
        if (service instanceof ServiceBinding b) {
            return b;
        }
        return providerFor(service.getClass()).bind(service);
    }

    private static BindingProvider providerFor(Class<?> type) {
        for (BindingProvider p : ServiceLoader.load(BindingProvider.class, type.getClassLoader())) {
            if (p.serviceType() == type) {
                return p;
            }
        }
        throw new IllegalArgumentException("no generated binding for " + type.getName()
                + ": annotate it with @ProcwireService and put procwire-processor on the annotation processor path");
    }

    private static void run(ServiceBinding binding, WorkerOptions options) {
        // The real stdout is the control plane from here on; System.out goes to stderr.
        OutputStream controlOut = new FileOutputStream(FileDescriptor.out);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        Log.useStream(stderr);
        System.setOut(stderr);
        Worker worker;
        try {
            worker = Worker.start(binding, options, new FileInputStream(FileDescriptor.in), controlOut, System.getenv());
        } catch (Exception e) {
            Log.error("worker failed to start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(worker.socketPath());
            } catch (Exception ignored) {
                // best effort on the way out
            }
        }, "procwire-cleanup"));
        try {
            worker.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }
}
