// The measured workloads, each a function of a parent-side module and a count. Every one checks what
// came back, so a worker that answers wrongly fails the benchmark instead of looking fast.
import { performance } from "node:perf_hooks";

const MIB = 1 << 20;

/** The small request: a MsgPack map of six fields (78 bytes), the shape of a typical RPC argument. */
export const SMALL = { id: 123456, name: "order-123456", price: 19.99, quantity: 3, tags: ["priority", "gift"], paid: true };
const SMALL_JSON = JSON.stringify(SMALL);

const BIG = Buffer.alloc(16 * MIB, 0x5a);

const now = () => performance.now();

/**
 * Each workload: {@code run(mod, n)} performs {@code n} operations and resolves with the figure in
 * its unit; {@code full} ones need the whole bench contract (not the C floor).
 */
export const WORKLOADS = [
  {
    key: "seq",
    full: false,
    /** µs per call, one call at a time. */
    async run(mod, n) {
      const t0 = now();
      for (let i = 0; i < n; i++) await mod.send("echo", SMALL);
      return ((now() - t0) * 1000) / n;
    },
  },
  {
    key: "conc",
    full: false,
    /** Calls per second with {@code INFLIGHT} requests outstanding at all times. */
    async run(mod, n) {
      let issued = 0;
      const lane = async () => {
        while (issued < n) {
          issued++;
          await mod.send("echo", SMALL);
        }
      };
      const t0 = now();
      await Promise.all(Array.from({ length: INFLIGHT }, lane));
      return n / ((now() - t0) / 1000);
    },
  },
  {
    key: "echo16",
    full: false,
    /** GB/s of 16 MiB raw echoes, counting both directions. */
    async run(mod, n) {
      const t0 = now();
      for (let i = 0; i < n; i++) {
        const back = await mod.send("echoRaw", BIG);
        if (back.length !== BIG.length) throw new Error(`echoRaw returned ${back.length} bytes, sent ${BIG.length}`);
      }
      return (2 * BIG.length * n) / ((now() - t0) / 1000) / 1e9;
    },
  },
  {
    key: "s1k",
    full: true,
    /** Chunks per second of a stream of 1 KiB chunks. */
    async run(mod, n) {
      return (await stream(mod, n, 1024)).chunksPerSec;
    },
  },
  {
    key: "s1m",
    full: true,
    /** GB/s of a stream of 1 MiB chunks. */
    async run(mod, n) {
      return (await stream(mod, n, MIB)).gbPerSec;
    },
  },
  {
    key: "events",
    full: true,
    /** Events per second: one request that emits {@code n} events, timed until the last one arrived. */
    async run(mod, n) {
      let got = 0;
      let done;
      const all = new Promise((r) => (done = r));
      const off = mod.onEvent("tick", () => {
        if (++got === n) done();
      });
      let timer;
      try {
        const t0 = now();
        const returned = await mod.send("emit", { count: n });
        const late = new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`emit: ${got} of ${n} events arrived`)), 60_000)));
        await Promise.race([all, late]);
        if (Number(returned) !== n) throw new Error(`emit returned ${returned}, wanted ${n}`);
        return n / ((now() - t0) / 1000);
      } finally {
        clearTimeout(timer);
        off();
      }
    },
  },
];

/** Requests outstanding in the concurrent workload. */
export const INFLIGHT = 256;

async function stream(mod, count, size) {
  let chunks = 0;
  let bytes = 0;
  const t0 = now();
  for await (const c of mod.stream("stream", { count, size })) {
    chunks++;
    bytes += c.length;
  }
  const s = (now() - t0) / 1000;
  if (chunks !== count || bytes !== count * size) throw new Error(`stream: got ${chunks} chunks / ${bytes} bytes, wanted ${count} × ${size}`);
  return { chunksPerSec: chunks / s, gbPerSec: bytes / s / 1e9 };
}

/** Checks that a worker answers correctly before anything is timed. */
export async function verify(w, mod) {
  const back = await mod.send("echo", SMALL);
  if (JSON.stringify(back) !== SMALL_JSON) throw new Error(`${w.label}: echo returned ${JSON.stringify(back)}`);
  const raw = await mod.send("echoRaw", Buffer.from([1, 2, 3]));
  if (!Buffer.from([1, 2, 3]).equals(raw)) throw new Error(`${w.label}: echoRaw returned ${raw?.toString("hex")}`);
}
