package dev.procwire.runtime;

import dev.procwire.runtime.binding.BindingProvider;
import dev.procwire.runtime.binding.ServiceBinding;
import dev.procwire.runtime.internal.Log;
import dev.procwire.runtime.internal.control.ControlPlane;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
 * {@code System.out} to stderr, so nothing user code prints can corrupt it), gives virtual threads
 * max(8, 2 × cores) carriers unless {@code -Djdk.virtualThreadScheduler.parallelism} is set, serves
 * until the parent sends {@code $shutdown} or goes away, then exits the JVM. To embed a worker in an
 * application that keeps the process, use {@link Worker#start}, which changes none of these.
 */
public final class Procwire {
    private Procwire() {}

    /**
     * How long a worker that cannot start waits, after {@code $error}, for its parent to read it: until
     * the parent closes stdin, kills it or sends {@code $shutdown}, at most this long; then it exits
     * with status 1. {@code @procwire/core} starts reading a child's stdout only 100 ms after spawning
     * it, and drops what a child that already exited wrote, so a worker that exits at once loses its
     * {@code $error} and the parent reports a timeout instead. The wait is skipped in a terminal.
     */
    static final Duration ERROR_WAIT = Duration.ofSeconds(5);

    /**
     * Set by {@code @procwire/core} in every worker's environment. Such a parent skips blank stdout
     * lines, so the control plane can open with a newline that puts {@code $init} on a line of its own
     * after anything user code printed without one; a stdio JSON-RPC parent would take that blank
     * line for a malformed message, and gets none.
     */
    static final String MODULE_NAME_VARIABLE = "PROCWIRE_MODULE_NAME";

    /**
     * Serves {@code service}: an instance of a {@code @ProcwireService} class (its generated binding is
     * found through {@link BindingProvider}), or a {@link ServiceBinding} such as
     * {@link dev.procwire.runtime.binding.Handlers}, with options from the environment
     * ({@link WorkerOptions#fromEnvironment}). Never returns.
     *
     * <p>A worker that cannot start (an invalid {@code PROCWIRE_*} setting, no generated binding, no
     * usable socket directory) sends the reason as {@code $error}, gives the parent the chance to read
     * it (see {@link #ERROR_WAIT}) and exits with status 1.
     */
    public static void serve(Object service) {
        start(() -> bindingFor(service), null);
    }

    /**
     * Serves {@code service} with exactly {@code options}, as {@link #serve(Object)} does; no
     * {@code PROCWIRE_*} variable is read. Start from {@link WorkerOptions#fromEnvironment} to keep the
     * deployment's settings and the token a {@code @procwire/core} parent passes in
     * {@code PROCWIRE_TOKEN}:
     * {@code serve(service, WorkerOptions.fromEnvironment(System.getenv()).withMaxConcurrentHandlers(64))}.
     * Never returns.
     */
    public static void serve(Object service, WorkerOptions options) {
        start(() -> bindingFor(service), Objects.requireNonNull(options, "options"));
    }

    /**
     * Serves a {@code @ProcwireService} class whose constructor takes its {@code @Event} emitters; the
     * generated binding creates the instance. Otherwise as {@link #serve(Object)}. Never returns.
     */
    public static void serve(Class<?> serviceType) {
        start(() -> providerFor(serviceType).create(), null);
    }

    /**
     * The binding of {@code service}.
     *
     * @throws IllegalArgumentException when its class has no generated binding; the message says why
     *     (the annotation processor did not run, or its registration was lost) and how to fix it
     */
    public static ServiceBinding bindingFor(Object service) {
        if (service instanceof ServiceBinding b) {
            return b;
        }
        return providerFor(service.getClass()).bind(service);
    }

    /**
     * The provider of exactly {@code type}. A binding of a superclass is never used: it would serve the
     * superclass's methods and events, silently leaving out whatever the subclass adds.
     */
    private static BindingProvider providerFor(Class<?> type) {
        BindingProvider generated = generatedProvider(type);
        if (generated != null) {
            return generated;
        }
        Class<?> annotatedSuperclass = null;
        for (BindingProvider p : ServiceLoader.load(BindingProvider.class, type.getClassLoader())) {
            if (p.serviceType() == type) {
                return p;
            }
            if (p.serviceType().isAssignableFrom(type) && (annotatedSuperclass == null
                    || annotatedSuperclass.isAssignableFrom(p.serviceType()))) {
                annotatedSuperclass = p.serviceType();
            }
        }
        if (annotatedSuperclass != null) {
            throw new IllegalArgumentException("no generated binding for " + type.getName() + ", which extends the "
                    + "service " + annotatedSuperclass.getName() + ": a binding serves exactly the class it was "
                    + "generated for, so serve an instance of " + annotatedSuperclass.getName()
                    + " itself, or annotate " + type.getName() + " with @ProcwireService (it then serves the "
                    + "methods it inherits too)");
        }
        throw new IllegalArgumentException(missingBinding(type));
    }

    /**
     * The generated provider of {@code type}, found by the name the processor gives it: a service
     * lookup opens every jar on the class path to read its service files before {@code $init} (a fat
     * jar's classes come from a class-data archive without it). {@code null} when there is no such class,
     * and in a named module, where the module's {@code provides} clause decides what is served; the
     * service lookup then finds the provider, or explains what is missing.
     */
    static BindingProvider generatedProvider(Class<?> type) {
        if (type.getModule().isNamed()) {
            return null;
        }
        try {
            Class<?> c = Class.forName(bindingName(type) + "$Provider", false, type.getClassLoader());
            if (!BindingProvider.class.isAssignableFrom(c)) {
                return null;
            }
            BindingProvider p = (BindingProvider) c.getConstructor().newInstance();
            return p.serviceType() == type ? p : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * The binding class the processor generates for {@code type}: pkg.Outer.Inner -> pkg.Outer_Inner_Procwire,
     * each '_' of a name written '_1' (pkg.My_Service -> pkg.My_1Service_Procwire).
     */
    static String bindingName(Class<?> type) {
        StringBuilder simple = new StringBuilder(type.getSimpleName().replace("_", "_1"));
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            simple.insert(0, c.getSimpleName().replace("_", "_1") + "_");
        }
        String pkg = type.getPackageName();
        return (pkg.isEmpty() ? "" : pkg + ".") + simple + "_Procwire";
    }

    /** Why {@code type} has no binding, and the fix. */
    static String missingBinding(Class<?> type) {
        String binding = bindingName(type);
        boolean generated;
        try {
            Class.forName(binding, false, type.getClassLoader());
            generated = true;
        } catch (ClassNotFoundException | LinkageError e) {
            generated = false;
        }
        if (generated) {
            return "no generated binding for " + type.getName() + " is registered: " + binding + " exists, but "
                    + "META-INF/services/" + BindingProvider.class.getName() + " does not list " + binding
                    + ".Provider. A jar that merges dependencies must merge service files too "
                    + "(maven-shade-plugin: add the ServicesResourceTransformer)";
        }
        return "no generated binding for " + type.getName() + ": there is no class " + binding
                + ", so the procwire annotation processor did not run on it. Annotate the class with @ProcwireService "
                + "and put dev.procwire:procwire-processor on the annotation processor path (Maven: "
                + "maven-compiler-plugin <annotationProcessorPaths>; Gradle: annotationProcessor). A maven-compiler-plugin "
                + "older than 3.5 ignores <annotationProcessorPaths> and compiles without the processor: Maven 3.8 picks 3.1 "
                + "when the pom names no version, and setting maven.compiler.source/target to get past its \"Source option 5\" "
                + "error leaves it at 3.1, so name a current version of the plugin";
    }

    /** The JVM's setting for the number of carrier threads of virtual threads. */
    static final String CARRIERS_PROPERTY = "jdk.virtualThreadScheduler.parallelism";

    /**
     * Takes over stdin and stdout, checks the settings, finds the binding and runs the worker until it
     * is shut down; any start-up failure goes to the parent as {@code $error}.
     */
    private static void start(Supplier<ServiceBinding> bindingSource, WorkerOptions given) {
        widenCarrierPool();
        Map<String, String> env = System.getenv();
        // What user code printed so far goes out first; from here on the real stdout is the control
        // plane and System.out goes to stderr.
        System.out.flush();
        OutputStream controlOut = new FileOutputStream(FileDescriptor.out);
        InputStream controlIn = new FileInputStream(FileDescriptor.in);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        Log.useStream(stderr);
        System.setOut(stderr);
        boolean interactive = Terminal.interactive();
        if (interactive) {
            stderr.println("[procwire] this is a Procwire worker: a parent process starts it and talks to it over"
                    + " stdin and stdout (from Node: new ModuleManager() of @procwire/core, see the procwire-java README);"
                    + " run by hand it waits for control messages on stdin, Ctrl-D ends it");
        }
        if (env.get(MODULE_NAME_VARIABLE) != null) {
            startOnFreshLine(controlOut);
        }
        ServiceBinding binding;
        WorkerOptions options;
        try {
            options = given != null ? given : WorkerOptions.fromEnvironment(env);
            binding = bindingSource.get();
        } catch (RuntimeException e) {
            Log.error("worker cannot start", e);
            new ControlPlane(InputStream.nullInputStream(), controlOut, null).sendError("cannot start worker: " + describe(e));
            exitAfterError(controlIn, controlOut, interactive);
            return;
        }
        run(binding, options, controlIn, controlOut, env, interactive);
    }

    /**
     * Gives virtual threads max(8, 2 × cores) carriers unless the command line chose a number: with one
     * per core (the JVM's default), CPU-bound handlers on every core would hold back every other
     * handler, quick ones included. Only {@code serve} does this, as the owner of the process (it takes
     * stdin, stdout and the exit as well); an embedded {@link Worker} leaves the JVM's setting alone.
     * The JVM reads the setting when its first virtual thread starts, so this comes first.
     */
    private static void widenCarrierPool() {
        if (System.getProperty(CARRIERS_PROPERTY) == null) {
            int cores = Runtime.getRuntime().availableProcessors();
            System.setProperty(CARRIERS_PROPERTY, Integer.toString(Math.max(8, cores * 2)));
        }
    }

    private static String describe(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static void startOnFreshLine(OutputStream controlOut) {
        try {
            controlOut.write('\n');
        } catch (IOException e) {
            Log.debug(() -> "control write failed: " + e.getMessage());
        }
    }

    /**
     * Waits until the parent has had the chance to read the {@code $error} just sent (see
     * {@link #ERROR_WAIT}), then exits with status 1.
     */
    private static void exitAfterError(InputStream controlIn, OutputStream controlOut, boolean interactive) {
        if (!interactive) {
            CountDownLatch parentDone = new CountDownLatch(1);
            ControlPlane control = new ControlPlane(controlIn, controlOut, new ControlPlane.Listener() {
                @Override
                public void onShutdown(String reason) {
                    parentDone.countDown();
                }

                @Override
                public void onMessage(String line, Object parsed) {
                    // nothing else is served once start-up has failed
                }
            });
            control.start();
            try {
                parentDone.await(ERROR_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.exit(1);
    }

    private static void run(ServiceBinding binding, WorkerOptions options, InputStream controlIn, OutputStream controlOut,
            Map<String, String> env, boolean interactive) {
        Worker worker;
        try {
            worker = Worker.start(binding, options, controlIn, controlOut, env);
        } catch (Exception e) {
            // Worker.start has sent $error.
            Log.error("worker cannot start", e);
            exitAfterError(controlIn, controlOut, interactive);
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
