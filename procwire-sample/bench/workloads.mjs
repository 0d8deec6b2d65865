// The measured workloads, each a function of a parent-side module and a count. Every one checks what
// came back, so a worker that answers wrongly fails the benchmark instead of looking fast.
import { performance } from "node:perf_hooks";
import { arrowCodec } from "@procwire/codecs/arrow";
import { tableFromArrays } from "apache-arrow";

const MIB = 1 << 20;

/** The small request: a MsgPack map of six fields (78 bytes), the shape of a typical RPC argument. */
export const SMALL = { id: 123456, name: "order-123456", price: 19.99, quantity: 3, tags: ["priority", "gift"], paid: true };
const SMALL_JSON = JSON.stringify(SMALL);

const BIG = Buffer.alloc(16 * MIB, 0x5a);

const now = () => performance.now();

/**
 * The table sizes of the Arrow workloads in a full run: the echoed table's rows (an Int64 `id` and a
 * Float32 `score` column), and the rows and dimension of the `embeddings` table. The quick smoke run
 * uses smaller ones.
 */
export const ARROW_SIZES = { arrowRows: 1_000_000, embRows: 100_000, embDim: 384 };

/**
 * Each workload: {@code run(mod, n, sizes)} performs {@code n} operations and resolves with the figure in
 * its unit ({@code sizes}: the table sizes, as {@link ARROW_SIZES}); it runs on a worker whose module
 * declares all its {@code methods} (the C floor declares no Arrow method). The {@code arrow} ones
 * move Arrow tables and run last.
 */
export const WORKLOADS = [
  {
    key: "seq",
    methods: ["echo"],
    /** µs per call, one call at a time. */
    async run(mod, n) {
      const t0 = now();
      for (let i = 0; i < n; i++) await mod.send("echo", SMALL);
      return ((now() - t0) * 1000) / n;
    },
  },
  {
    key: "conc",
    methods: ["echo"],
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
    methods: ["echoRaw"],
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
    methods: ["stream"],
    /** Chunks per second of a stream of 1 KiB chunks. */
    async run(mod, n) {
      return (await stream(mod, n, 1024)).chunksPerSec;
    },
  },
  {
    key: "s1m",
    methods: ["stream"],
    /** GB/s of a stream of 1 MiB chunks. */
    async run(mod, n) {
      return (await stream(mod, n, MIB)).gbPerSec;
    },
  },
  {
    key: "events",
    methods: ["emit"],
    /** Events per second: one request that emits {@code n} events, timed until the last one arrived. */
    async run(mod, n) {
      const t0 = now();
      const returned = await emitAll(mod, n);
      if (Number(returned) !== n) throw new Error(`emit returned ${returned}, wanted ${n}`);
      return n / ((now() - t0) / 1000);
    },
  },
  {
    key: "arrowEcho",
    arrow: true,
    methods: ["arrowEcho"],
    /** Million rows per second: echoes of the Int64 + Float32 table, arrowCodec both ways. */
    async run(mod, n, sizes) {
      const { table } = echoTable(sizes.arrowRows);
      const t0 = now();
      for (let i = 0; i < n; i++) checkEchoTable("arrowEcho", await mod.send("arrowEcho", table), sizes.arrowRows);
      return (sizes.arrowRows * n) / ((now() - t0) / 1000) / 1e6;
    },
  },
  {
    key: "arrowRaw",
    arrow: true,
    methods: ["echoRaw"],
    /**
     * Million rows per second: raw echoes of the arrowEcho table's IPC stream bytes, the same bytes
     * without Arrow: what arrowEcho costs beyond moving them.
     */
    async run(mod, n, sizes) {
      const { bytes } = echoTable(sizes.arrowRows);
      const t0 = now();
      for (let i = 0; i < n; i++) checkSameBytes(await mod.send("echoRaw", bytes), bytes);
      return (sizes.arrowRows * n) / ((now() - t0) / 1000) / 1e6;
    },
  },
  {
    key: "embeddings",
    arrow: true,
    methods: ["embeddings"],
    /** Million rows per second of `embeddings {rows, dim}` tables, made by the worker. */
    async run(mod, n, sizes) {
      const { embRows: rows, embDim: dim } = sizes;
      const t0 = now();
      for (let i = 0; i < n; i++) checkEmbeddings(await mod.send("embeddings", { rows, dim }), rows, dim);
      return (rows * n) / ((now() - t0) / 1000) / 1e6;
    },
  },
];

/** Whether {@code mod} declares every method {@code wl} calls. */
export function declares(mod, wl) {
  return wl.methods.every((m) => mod.methods.has(m));
}

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

/**
 * Sends `emit {count: n}` and resolves with what it returned once its {@code n} tick events have
 * arrived too (each passed to {@code onTick}); fails if they have not within a minute.
 */
async function emitAll(mod, n, onTick = () => {}) {
  let got = 0;
  let done;
  const all = new Promise((r) => (done = r));
  const off = mod.onEvent("tick", (e) => {
    onTick(e);
    if (++got === n) done();
  });
  if (n === 0) done();
  let timer;
  try {
    const returned = await mod.send("emit", { count: n });
    const late = new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`emit: ${got} of ${n} events arrived`)), 60_000)));
    await Promise.race([all, late]);
    return returned;
  } finally {
    clearTimeout(timer);
    off();
  }
}

// ---- Arrow -----------------------------------------------------------------------------------------

const echoTables = new Map();

/**
 * The arrowEcho table of {@code rows} rows, built once: `id` Int64 = i, `score` Float32 = i / 4
 * (exact in a float up to 2^22 rows), and its IPC stream bytes as arrowCodec writes them.
 */
function echoTable(rows) {
  let t = echoTables.get(rows);
  if (!t) {
    const id = new BigInt64Array(rows);
    const score = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      id[i] = BigInt(i);
      score[i] = i / 4;
    }
    const table = tableFromArrays({ id, score });
    t = { table, bytes: arrowCodec.serialize(table) };
    echoTables.set(rows, t);
  }
  return t;
}

/** Rows checked in a large answer: the first, second, middle and last. */
function sampleRows(rows) {
  return [...new Set([0, 1, rows >> 1, rows - 1])].filter((i) => i >= 0 && i < rows);
}

function fields(table) {
  return table.schema.fields.map((f) => `${f.name}: ${f.type}`).join(", ");
}

function checkEchoTable(what, t, rows) {
  if (t?.numRows !== rows || fields(t) !== "id: Int64, score: Float32") {
    throw new Error(`${what} returned ${t?.numRows} rows of (${t?.schema ? fields(t) : typeof t}), sent ${rows} of (id: Int64, score: Float32)`);
  }
  const id = t.getChild("id");
  const score = t.getChild("score");
  for (const i of sampleRows(rows)) {
    if (id.get(i) !== BigInt(i) || score.get(i) !== i / 4) {
      throw new Error(`${what} returned row ${i} as id ${id.get(i)}, score ${score.get(i)}; sent ${i}, ${i / 4}`);
    }
  }
}

function checkSameBytes(back, sent) {
  if (back.length !== sent.length) throw new Error(`echoRaw returned ${back.length} bytes, sent ${sent.length}`);
  for (const i of sampleRows(sent.length)) {
    if (back[i] !== sent[i]) throw new Error(`echoRaw returned byte ${i} as ${back[i]}, sent ${sent[i]}`);
  }
}

/** The value `embeddings` puts at row i, position j: i + j / 1000, as a float. */
const embeddingValue = (i, j) => Math.fround(i + j / 1000);

/** Checks an `embeddings` answer: its shape, and every value of the rows {@code check}. */
function checkEmbeddings(t, rows, dim, check = sampleRows(rows)) {
  const want = `id: Int64, vector: FixedSizeList[${dim}]<Float32>`;
  if (t?.numRows !== rows || fields(t) !== want) {
    throw new Error(`embeddings {rows: ${rows}, dim: ${dim}} returned ${t?.numRows} rows of (${t?.schema ? fields(t) : typeof t}), wanted (${want})`);
  }
  const id = t.getChild("id");
  const vector = t.getChild("vector");
  for (const i of check) {
    const v = vector.get(i);
    if (id.get(i) !== BigInt(i) || v?.length !== dim) throw new Error(`embeddings returned row ${i} as id ${id.get(i)}, ${v?.length} values`);
    for (let j = 0; j < dim; j++) {
      if (v.get(j) !== embeddingValue(i, j)) {
        throw new Error(`embeddings returned vector[${j}] = ${v.get(j)} at row ${i}, wanted ${embeddingValue(i, j)}`);
      }
    }
  }
}

/**
 * Checks that a worker answers correctly before anything is timed: the echoes, and the stream and
 * emit its module declares (chunk sizes in each MsgPack bin format; event sequence numbers in order).
 */
export async function verify(w, mod) {
  try {
    const back = await mod.send("echo", SMALL);
    if (JSON.stringify(back) !== SMALL_JSON) throw new Error(`echo returned ${JSON.stringify(back)}`);
    const raw = await mod.send("echoRaw", Buffer.from([1, 2, 3]));
    if (!Buffer.from([1, 2, 3]).equals(raw)) throw new Error(`echoRaw returned ${raw?.toString("hex")}`);
    if (mod.methods.has("stream")) {
      for (const [count, size] of [[0, 1], [3, 5], [2, 300], [1, 70_000]]) await stream(mod, count, size);
    }
    if (mod.methods.has("emit")) await verifyEmit(mod, 300);
  } catch (e) {
    throw new Error(`${w.label}: ${e.message}`, { cause: e });
  }
}

/** `emit {count: n}` returns n after tick events {seq: 0} … {seq: n - 1}, in that order. */
async function verifyEmit(mod, n) {
  const seqs = [];
  const returned = await emitAll(mod, n, (e) => seqs.push(e?.seq));
  const wrong = seqs.findIndex((seq, i) => Number(seq) !== i);
  if (wrong >= 0) throw new Error(`emit sent tick {seq: ${seqs[wrong]}} as event ${wrong}`);
  if (Number(returned) !== n) throw new Error(`emit returned ${returned}, wanted ${n}`);
}

/**
 * Checks the Arrow methods a worker's module declares (every value of a small `embeddings` table)
 * before they are timed. Apart from {@link verify}: the first Arrow call loads the worker's Arrow
 * library, which the figures before the Arrow workloads must not include.
 */
export async function verifyArrow(w, mod) {
  try {
    if (mod.methods.has("arrowEcho")) checkEchoTable("arrowEcho", await mod.send("arrowEcho", echoTable(5).table), 5);
    if (mod.methods.has("embeddings")) checkEmbeddings(await mod.send("embeddings", { rows: 7, dim: 5 }), 7, 5, [0, 1, 2, 3, 4, 5, 6]);
  } catch (e) {
    throw new Error(`${w.label}: ${e.message}`, { cause: e });
  }
}
