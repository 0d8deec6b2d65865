package dev.procwire.sample.fault;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The fuzzing knobs and mutations of the runtime's fuzz suite ({@code dev.procwire.runtime.fuzz.Fuzz}),
 * for the generated readers, which only exist in this module: same properties, same meaning.
 */
final class FuzzSupport {
    private FuzzSupport() {}

    static int iterations(int ciDefault) {
        String v = System.getProperty("procwire.fuzz.iterations");
        return v == null || v.isBlank() ? ciDefault : Integer.parseInt(v.trim());
    }

    static long seed() {
        String v = System.getProperty("procwire.fuzz.seed");
        if (v == null || v.isBlank()) {
            return 0x5EED_2024L;
        }
        if (v.trim().equalsIgnoreCase("random")) {
            long s = System.nanoTime() ^ Double.doubleToLongBits(Math.random());
            System.err.println("procwire.fuzz.seed=" + s);
            return s;
        }
        return Long.decode(v.trim());
    }

    static boolean selected(long i) {
        String v = System.getProperty("procwire.fuzz.only");
        return v == null || v.isBlank() || Long.parseLong(v.trim()) == i;
    }

    static Random random(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 200)) + (b.length > 200 ? "…" : "");
    }

    private static final byte[] INTERESTING = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0x90, (byte) 0xa0, (byte) 0xc0,
        (byte) 0xc1, (byte) 0xc2, (byte) 0xc3, (byte) 0xc4, (byte) 0xc7, (byte) 0xca, (byte) 0xcb, (byte) 0xcf,
        (byte) 0xd3, (byte) 0xd6, (byte) 0xd9, (byte) 0xdc, (byte) 0xdd, (byte) 0xde, (byte) 0xdf, (byte) 0xe0, (byte) 0xff};

    static byte[] randomBytes(Random r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextInt(3) == 0 ? INTERESTING[r.nextInt(INTERESTING.length)] : (byte) r.nextInt(256);
        }
        return b;
    }

    /** One to four edits: bit flips, interesting bytes, deletions, insertions, truncation, splices. */
    static byte[] mutate(Random r, byte[] in, List<byte[]> corpus) {
        byte[] b = in.clone();
        for (int e = 1 + r.nextInt(4); e > 0; e--) {
            int op = b.length == 0 ? 4 : r.nextInt(7);
            switch (op) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
                case 2 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 3 -> {
                    int from = r.nextInt(b.length);
                    int to = Math.min(b.length, from + 1 + r.nextInt(8));
                    byte[] c = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, c, 0, from);
                    System.arraycopy(b, to, c, from, b.length - to);
                    b = c;
                }
                case 4 -> {
                    byte[] ins = randomBytes(r, 6);
                    int at = r.nextInt(b.length + 1);
                    byte[] c = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(ins, 0, c, at, ins.length);
                    System.arraycopy(b, at, c, at + ins.length, b.length - at);
                    b = c;
                }
                case 5 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                default -> {
                    byte[] other = corpus.get(r.nextInt(corpus.size()));
                    if (other.length > 0) {
                        int from = r.nextInt(other.length);
                        int len = Math.min(other.length - from, 1 + r.nextInt(24));
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
}
