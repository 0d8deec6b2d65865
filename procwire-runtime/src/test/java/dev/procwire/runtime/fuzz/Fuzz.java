package dev.procwire.runtime.fuzz;

import dev.procwire.runtime.binding.Call;
import dev.procwire.runtime.codec.Codecs;
import dev.procwire.runtime.codec.MsgPackReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A small seeded fuzzer: the seed and the number of inputs come from system properties, so CI runs a
 * short fixed-seed pass and one command runs a long one (see docs/fuzzing.md):
 *
 * <pre>
 * -Dprocwire.fuzz.iterations=N   inputs per fuzz test (default: each test's own CI count)
 * -Dprocwire.fuzz.seed=S         the run's seed, a number or "random" (default: fixed)
 * -Dprocwire.fuzz.only=I         run input I of the run alone (to reproduce a failure)
 * </pre>
 *
 * Input {@code i} is generated from its own {@link Random} seeded with {@code (seed, i)}, and a
 * failure names both, so any failing input can be reproduced alone. Public for the fuzz tests of other
 * modules (this module's test jar).
 */
public final class Fuzz {
    private Fuzz() {}

    static final long DEFAULT_SEED = 0x5EED_2024L;

    /** Bytes that sit on MsgPack and frame-header boundaries. */
    static final byte[] INTERESTING_BYTES = {
        0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0x8f, (byte) 0x90, (byte) 0x9f, (byte) 0xa0, (byte) 0xbf,
        (byte) 0xc0, (byte) 0xc1, (byte) 0xc2, (byte) 0xc4, (byte) 0xc6, (byte) 0xc7, (byte) 0xc9, (byte) 0xca,
        (byte) 0xcb, (byte) 0xcf, (byte) 0xd3, (byte) 0xd4, (byte) 0xd8, (byte) 0xd9, (byte) 0xdb, (byte) 0xdc,
        (byte) 0xdd, (byte) 0xde, (byte) 0xdf, (byte) 0xe0, (byte) 0xff, (byte) 0xfe, 0x40
    };

    /** 32-bit values that break length arithmetic. */
    static final int[] INTERESTING_INTS = {0, 1, -1, 0x7fffffff, 0x80000000, 0x7ffffffe, 0x3fffffff, 0x40000000,
        0x10000, 0xffff, 0x01000000, 0x00ffffff, 11, 12};

    public static int iterations(int ciDefault) {
        String v = System.getProperty("procwire.fuzz.iterations");
        return v == null || v.isBlank() ? ciDefault : Integer.parseInt(v.trim());
    }

    /** Whether input {@code i} runs: all do, unless {@code procwire.fuzz.only} picks one. */
    public static boolean selected(long i) {
        String v = System.getProperty("procwire.fuzz.only");
        return v == null || v.isBlank() || Long.parseLong(v.trim()) == i;
    }

    public static long seed() {
        String v = System.getProperty("procwire.fuzz.seed");
        if (v == null || v.isBlank()) {
            return DEFAULT_SEED;
        }
        if (v.trim().equalsIgnoreCase("random")) {
            long s = System.nanoTime() ^ Double.doubleToLongBits(Math.random());
            System.err.println("procwire.fuzz.seed=" + s);
            return s;
        }
        return Long.decode(v.trim());
    }

    /** The generator of input {@code i} of a run. */
    public static Random random(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    public static String describe(long seed, long i, byte[] input) {
        String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
        return "seed=" + seed + " input=" + i + " (" + input.length + " bytes: " + hex + (input.length > 256 ? "…" : "") + ")";
    }

    public static byte[] randomBytes(Random r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(4) == 0 ? INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)] : (byte) r.nextInt(256);
        }
        return b;
    }

    /** One to four random edits of {@code in}: flips, interesting bytes and ints, inserts, deletes, splices. */
    public static byte[] mutate(Random r, byte[] in, List<byte[]> corpus) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int op = r.nextInt(8);
            if (b.length == 0) {
                op = 5;
            }
            switch (op) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                case 2 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 3 -> {
                    if (b.length >= 4) {
                        int at = r.nextInt(b.length - 3);
                        int v = INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
                        b[at] = (byte) (v >>> 24);
                        b[at + 1] = (byte) (v >>> 16);
                        b[at + 2] = (byte) (v >>> 8);
                        b[at + 3] = (byte) v;
                    }
                }
                case 4 -> { // delete a range
                    int from = r.nextInt(b.length);
                    int to = Math.min(b.length, from + 1 + r.nextInt(8));
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    b = c;
                }
                case 5 -> { // insert random bytes
                    int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
                    byte[] ins = randomBytes(r, 8);
                    byte[] c = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(ins, 0, c, at, ins.length);
                    System.arraycopy(b, at, c, at + ins.length, b.length - at);
                    b = c;
                }
                case 6 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
                default -> { // splice in a piece of another corpus entry
                    byte[] other = corpus.get(r.nextInt(corpus.size()));
                    if (other.length > 0) {
                        int from = r.nextInt(other.length);
                        int len = Math.min(other.length - from, 1 + r.nextInt(32));
                        int at = r.nextInt(b.length + 1);
                        byte[] c = new byte[b.length + len];
                        System.arraycopy(b, 0, c, 0, at);
                        System.arraycopy(other, from, c, at, len);
                        System.arraycopy(b, at, c, at + len, b.length - at);
                        b = c;
                    }
                }
            }
        }
        return b;
    }

    /**
     * A handler that reads its params the way a generated reader reads {@code {name: String, n: long,
     * tags: [String]}} (unknown keys skipped, nothing may follow) and answers a sum over the fields.
     */
    static void typed(Call call) throws IOException {
        MsgPackReader r = call.reader();
        int fields = r.readMapHeader();
        long sum = 0;
        for (int f = 0; f < fields; f++) {
            switch (r.readString()) {
                case "name" -> sum += r.readNullableString() == null ? 0 : 1;
                case "n" -> sum += r.readLong();
                case "tags" -> {
                    int k = r.readArrayHeader();
                    for (int t = 0; t < k; t++) sum += r.readString().length();
                }
                default -> r.skipValue();
            }
        }
        r.expectEnd();
        call.reply(Codecs.LONG, sum);
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes {@code r} allocates on this thread. */
    static long allocatedBy(Runnable r) {
        long before = allocatedBytes();
        r.run();
        return allocatedBytes() - before;
    }

    /** Bytes this thread has allocated so far (to bound what one input may make the code allocate). */
    static long allocatedBytes() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
