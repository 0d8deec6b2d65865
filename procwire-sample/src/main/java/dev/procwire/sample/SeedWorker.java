package dev.procwire.sample;

/** The seed example worker. */
public final class SeedWorker {
    private SeedWorker() {}

    public static void main(String[] args) {
        BenchWorker.main(args);
    }
}
