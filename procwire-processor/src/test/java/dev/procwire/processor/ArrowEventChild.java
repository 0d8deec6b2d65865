package dev.procwire.processor;

import dev.procwire.processor.fixtures.ArrowService;
import dev.procwire.runtime.Procwire;
import dev.procwire.runtime.Worker;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link ArrowEventStartTest} starts: a worker serving {@link ArrowService} (Arrow methods
 * and an Arrow event) starts — which attaches its event emitters — and stops, without a parent. Prints
 * {@code started}, then {@code stopped true}. The argument is the socket directory.
 */
public final class ArrowEventChild {
    private ArrowEventChild() {}

    public static void main(String[] args) throws Exception {
        Worker w = Worker.start(Procwire.bindingFor(new ArrowService()), new PipedInputStream(new PipedOutputStream()),
                new ByteArrayOutputStream(), Map.of("XDG_RUNTIME_DIR", args[0]));
        System.out.println("started");
        w.shutdown("done");
        System.out.println("stopped " + w.awaitTermination(30, TimeUnit.SECONDS));
    }
}
