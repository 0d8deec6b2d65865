// The Arrow contract methods through the real parent and its arrowCodec (@procwire/codecs/arrow, with
// the pinned apache-arrow): arrowEcho must give back every table it is sent unchanged (schema and
// values), embeddings {rows, dim} must hold exact values, a malformed Arrow payload must be an error
// reply after which the worker serves on, and fuzzed payloads must never take the worker down.
// Runs against the Java BenchWorker and the reference Node worker alike; the worker command comes from
// PROCWIRE_TEST_WORKER (see harness.mjs), e.g. from procwire-sample:
//   PROCWIRE_TEST_WORKER='["node","node/reference-bench-worker.mjs"]' node src/test/node/arrow.mjs
//
// Three worker processes: one for the well-formed calls (methods declared as the parent's users
// declare them: arrowCodec), one for the malformed payloads and one for the fuzzing (arrowEcho
// declared with rawCodec as the request codec, so the parent sends any bytes; the answer is still
// read with arrowCodec).

import * as A from "apache-arrow";
import { msgpackCodec } from "@procwire/codecs";
import { arrowCodec } from "@procwire/codecs/arrow";
import { Module, rawCodec, workerCommand, spawn, settle, alive, delay, run } from "./harness.mjs";

/** Seed of the fuzzing's pseudo-random mutations, so a failure can be replayed. */
const FUZZ_SEED = 13;
const FUZZ_CASES = 300;

run(async () => {
  const { command, args } = workerCommand();
  const out = {};

  const mod = new Module("arrow")
    .executable(command, args)
    .requestTimeout(30_000)
    .method("arrowEcho", { codec: arrowCodec })
    .method("embeddings", { requestCodec: msgpackCodec, responseCodec: arrowCodec });
  const main = await spawn(mod);
  out.echo = await echoCases(mod);
  out.embeddings = {
    small: await embeddings(mod, 3, 4),
    typical: await embeddings(mod, 1_000, 384),
    zeroRows: await embeddings(mod, 0, 8),
    oneWide: await embeddings(mod, 2, 1),
  };
  await main.manager.shutdown();
  out.managerErrors = main.errors;

  out.malformed = await malformed(command, args);
  out.fuzz = await fuzz(command, args);
  return out;
});

// ---- well-formed tables --------------------------------------------------------------------------

/** Every kind of table the parent's arrowCodec writes, each echoed and compared with what was sent. */
async function echoCases(mod) {
  const cases = {
    tableFromArrays: A.tableFromArrays({
      id: new BigInt64Array([1n, -2n, 3n]),
      score: new Float32Array([0.5, -1.25, 3]),
      count: new Int32Array([7, 8, 9]),
      ratio: new Float64Array([0.1, 0.2, 0.3]),
    }),
    // arrowCodec.serialize turns a plain object of columns into a table itself: number[] → Float64
    plainObject: { ids: [1, 2, 3], scores: new Float32Array([0.9, 0.8, 0.7]), names: ["a", "b", null] },
    recordBatch: A.tableFromArrays({ id: new BigInt64Array([5n, 6n]) }).batches[0],
    nulls: new A.Table({
      i64: A.vectorFromArray([1n, null, 3n, null], new A.Int64()),
      f32: A.vectorFromArray([null, 0.5, null, 2], new A.Float32()),
      utf8: A.vectorFromArray(["x", null, "", null], new A.Utf8()),
      bool: A.vectorFromArray([null, true, false, null], new A.Bool()),
      bin: A.vectorFromArray([new Uint8Array([1]), null, new Uint8Array(0), null], new A.Binary()),
      vec: A.vectorFromArray([[1, 2], null, [3, 4], null], new A.FixedSizeList(2, new A.Field("item", new A.Float32()))),
    }),
    // a schema message and no record batch at all
    emptyNoBatch: new A.Table(new A.Schema([new A.Field("id", new A.Int64(), false), new A.Field("score", new A.Float32())])),
    // one record batch of 0 rows
    emptyBatch: A.tableFromArrays({ id: new BigInt64Array(0), score: new Float32Array(0) }),
    multiBatch: new A.Table([
      A.tableFromArrays({ id: new BigInt64Array([1n, 2n]), score: new Float32Array([0.5, 1.5]) }).batches[0],
      A.tableFromArrays({ id: new BigInt64Array([3n, 4n, 5n]), score: new Float32Array([2.5, 3.5, 4.5]) }).batches[0],
    ]),
    everyType: everyTypeTable(),
    readTypes: readTypesTable(),
    // JavaScript strings in tableFromArrays become Dictionary<Int32, Utf8>, a type outside the
    // design's table: recorded, for the worker to echo or refuse with an error naming the column
    dictionary: A.tableFromArrays({ name: ["a", "b", "a"] }),
    // larger than the worker's eager read buffers
    large: bigTable(300_000, 0),
    // a Table of unequal columns: apache-arrow pads the short ones with nulls, in a batch whose all-null
    // columns have empty data and offset buffers (and a fixed-size list's elements no values at all)
    padded: new A.Table({ id: A.vectorFromArray([1n]), name: A.vectorFromArray(["a", "b", "c"]) }),
    paddedEveryType: paddedTable(),
    // an all-null string column made from its null count alone: no offsets
    nullStrings: new A.Table({
      s: A.makeVector(A.makeData({ type: new A.Utf8(), length: 2, nullCount: 2, nullBitmap: new Uint8Array(1) })),
    }),
  };
  const out = {};
  for (const [name, payload] of Object.entries(cases)) out[name] = await echo(mod, payload);
  // several at once, of different sizes: a buffer reused too early would show as a wrong echo
  const sizes = [200_000, 7, 65_536, 1_000, 150_001, 3];
  const results = await Promise.all(sizes.map((n, k) => echo(mod, bigTable(n, k + 1))));
  out.concurrent = results.map((r, k) => ({ rows: sizes[k], ok: r.ok, same: r.same, ...(r.same ? {} : { error: r.error ?? null }) }));
  return out;
}

/** A column of every type of the design's Java ↔ Arrow table, each with a null where it may be null. */
function everyTypeTable() {
  const col = (type, values) => A.vectorFromArray(values, type);
  return new A.Table({
    int8: col(new A.Int8(), [-128, 0, 127]),
    int16: col(new A.Int16(), [-32768, 0, 32767]),
    int32: col(new A.Int32(), [-2147483648, 0, 2147483647]),
    int64: col(new A.Int64(), [-9223372036854775808n, 0n, 9223372036854775807n]),
    uint8: col(new A.Uint8(), [0, 1, 255]),
    uint16: col(new A.Uint16(), [0, 1, 65535]),
    uint32: col(new A.Uint32(), [0, 1, 4294967295]),
    float32: col(new A.Float32(), [-1.5, 0, 3.4028234663852886e38]),
    float64: col(new A.Float64(), [0.1, -2.5, 1e300]),
    bool: col(new A.Bool(), [true, false, true]),
    utf8: col(new A.Utf8(), ["a", "héllo ✓", ""]),
    timestamp: timestamps(new A.TimestampNanosecond("UTC"), [0n, 1_700_000_000_123_456_789n, -1n]),
    binary: col(new A.Binary(), [new Uint8Array([0, 1, 255]), new Uint8Array(0), new Uint8Array([0x80])]),
    floatVector: col(new A.FixedSizeList(3, new A.Field("item", new A.Float32())), [[1, 2, 3], [0.5, -0.5, 0], [7, 8, 9]]),
    doubleVector: col(new A.FixedSizeList(2, new A.Field("item", new A.Float64())), [[0.1, 0.2], [1e-300, -1e300], [3, 4]]),
  });
}

/** The other types the design accepts on read (Float16, LargeUtf8, Date(ms), other timestamp units …). */
function readTypesTable() {
  const col = (type, values) => A.vectorFromArray(values, type);
  return new A.Table({
    float16: col(new A.Float16(), [0.5, -2, 1024]),
    largeUtf8: col(new A.LargeUtf8(), ["a", "", "ü"]),
    largeBinary: col(new A.LargeBinary(), [new Uint8Array([1]), new Uint8Array(0), new Uint8Array([2, 3])]),
    fixedSizeBinary: col(new A.FixedSizeBinary(2), [new Uint8Array([1, 2]), new Uint8Array([3, 4]), new Uint8Array([5, 6])]),
    dateMillis: col(new A.DateMillisecond(), [new Date(0), new Date(86_400_000), new Date(1_700_000_000_000)]),
    timestampMillis: timestamps(new A.TimestampMillisecond(), [0n, 1_700_000_000_123n, -1n]),
    timestampMicrosParis: timestamps(new A.TimestampMicrosecond("Europe/Paris"), [0n, 5n, 1_700_000_000_123_456n]),
    floatList: col(new A.List(new A.Field("item", new A.Float32())), [[1, 2], [], [3]]),
  });
}

/** A column of each type the worker reads, one row each, padded by apache-arrow to the three rows of `name`. */
function paddedTable() {
  const col = (type, values) => A.vectorFromArray(values, type);
  return new A.Table({
    id: col(new A.Int64(), [1n]),
    i32: col(new A.Int32(), [7]),
    f16: col(new A.Float16(), [0.5]),
    f32: col(new A.Float32(), [1.5]),
    f64: col(new A.Float64(), [2.5]),
    ok: col(new A.Bool(), [true]),
    s: col(new A.Utf8(), ["x"]),
    ls: col(new A.LargeUtf8(), ["y"]),
    bin: col(new A.Binary(), [new Uint8Array([1, 2])]),
    fsb: col(new A.FixedSizeBinary(2), [new Uint8Array([3, 4])]),
    at: col(new A.TimestampMillisecond(), [new Date(5)]),
    vec: col(new A.FixedSizeList(2, new A.Field("item", new A.Float32())), [[1, 2]]),
    name: col(new A.Utf8(), ["a", "b", "c"]),
  });
}

/** A timestamp column from exact 64-bit values (vectorFromArray would take JavaScript numbers as ms). */
function timestamps(type, values) {
  return A.makeVector(A.makeData({ type, length: values.length, data: BigInt64Array.from(values) }));
}

/** Int64 `id` and Float32 `score`, with values that tell tables apart ({@code k}). */
function bigTable(rows, k) {
  const id = new BigInt64Array(rows);
  const score = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    id[i] = BigInt(i * 7 + k);
    score[i] = (i % 4096) / 8 + k;
  }
  return A.tableFromArrays({ id, score });
}

/** Sends {@code payload} to arrowEcho; compares the answer with the parent's own reading of what it sent. */
async function echo(mod, payload) {
  const sentBytes = arrowCodec.serialize(payload);
  const sent = describe(arrowCodec.deserialize(sentBytes));
  const r = await settle(mod.send("arrowEcho", payload), { raw: true });
  if (!r.ok) return { ok: false, same: false, error: r, sent: brief(sent) };
  let back;
  try {
    back = describe(r.value);
  } catch (e) {
    return { ok: true, same: false, error: { message: `the answer is not a readable table: ${e.message}` }, sent: brief(sent) };
  }
  // The batches may differ: a worker may answer several batches in one (the Java worker does).
  const same = JSON.stringify({ ...sent, batches: 0 }) === JSON.stringify({ ...back, batches: 0 });
  return {
    ok: true,
    same,
    rows: back.rows,
    batchesSent: sent.batches,
    batchesBack: back.batches,
    schema: back.schema,
    ...(same ? {} : { sent: brief(sent), back: brief(back) }),
  };
}

/**
 * A table as plain data: rows, batches, its fields (name, type, nullable), and every column's values,
 * exact (64-bit integers and timestamps as decimal strings from their stored values, bytes as hex,
 * lists as arrays, nulls as null).
 */
function describe(table) {
  const schema = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable }));
  const columns = {};
  for (const f of table.schema.fields) {
    const v = table.getChild(f.name);
    // get() turns 64-bit values and timestamps into lossy numbers; the stored values are exact
    const stored = A.DataType.isTimestamp(f.type) || (A.DataType.isInt(f.type) && f.type.bitWidth === 64) ? v.toArray() : null;
    const values = [];
    for (let i = 0; i < v.length; i++) values.push(v.isValid(i) ? plain(stored ? stored[i] : v.get(i)) : null);
    columns[f.name] = values;
  }
  return { rows: table.numRows, batches: table.batches.length, schema, columns };
}

function plain(v) {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0" : v;
  if (v instanceof Uint8Array) return { hex: Buffer.from(v).toString("hex") };
  if (v instanceof Date) return { date: v.getTime() };
  if (v !== null && typeof v === "object" && typeof v[Symbol.iterator] === "function") return Array.from(v, plain);
  return v;
}

/** A description short enough to print: at most 5 values a column. */
function brief(d) {
  return { ...d, columns: Object.fromEntries(Object.entries(d.columns).map(([k, v]) => [k, v.length > 5 ? [...v.slice(0, 5), `… ${v.length} values`] : v])) };
}

// ---- embeddings ----------------------------------------------------------------------------------

/** Calls embeddings {rows, dim} and checks every value: id = i, vector[j] = i + j / 1000 as a float. */
async function embeddings(mod, rows, dim) {
  const r = await settle(mod.send("embeddings", { rows, dim }), { raw: true });
  if (!r.ok) return r;
  const t = r.value;
  const out = { ok: true, rows: t.numRows, schema: t.schema.fields.map((f) => `${f.name}: ${f.type}`).join(", ") };
  let mismatches = 0;
  let first = null;
  const id = t.getChild("id");
  const vector = t.getChild("vector");
  const miss = (what) => {
    mismatches++;
    first ??= what;
  };
  if (!id || !vector) {
    miss("no id or vector column");
  } else {
    const ids = id.toArray();
    for (let i = 0; i < t.numRows; i++) {
      if (ids[i] !== BigInt(i)) miss(`id[${i}] = ${ids[i]}`);
      const v = vector.get(i);
      if (v?.length !== dim) {
        miss(`row ${i} has ${v?.length} values`);
        continue;
      }
      for (let j = 0; j < dim; j++) {
        const want = Math.fround(i + j / 1000);
        if (v.get(j) !== want) miss(`row ${i} vector[${j}] = ${v.get(j)}, wanted ${want}`);
      }
    }
  }
  return { ...out, mismatches, firstMismatch: first };
}

// ---- malformed and fuzzed payloads ---------------------------------------------------------------

/**
 * A module whose arrowEcho takes raw bytes from the parent (and answers Arrow, read with arrowCodec).
 * A call unanswered for 10 s counts as lost: a small payload needs no more on a busy machine.
 */
function rawArrowModule(name, command, args) {
  return new Module(name)
    .executable(command, args)
    .requestTimeout(10_000)
    .method("arrowEcho", { requestCodec: rawCodec, responseCodec: arrowCodec });
}

/** How a call with bytes the worker may refuse settled: its answer, an error reply, or neither. */
function outcome(r) {
  if (r.ok) return { ok: true, rows: r.value?.numRows ?? null };
  const reply = r.data && typeof r.data === "object" ? r.data : null; // an error frame from the worker
  return reply ? { ok: false, reply: true, code: reply.code ?? null, message: r.message }
    : { ok: false, reply: false, name: r.name, message: r.message };
}

async function malformed(command, args) {
  const mod = rawArrowModule("arrow-malformed", command, args);
  const { manager, errors } = await spawn(mod);
  const pid = mod.process.pid;
  const valid = arrowCodec.serialize(bigTable(4, 0));
  const steps = {};
  const step = async (name, bytes) => (steps[name] = outcome(await settle(mod.send("arrowEcho", bytes), { raw: true })));
  await step("valid", valid);
  await step("garbage", Buffer.from("this is not an Arrow IPC stream"));
  await step("truncated", valid.subarray(0, valid.length >> 1));
  await step("schemaCut", valid.subarray(0, 12));
  await step("empty", Buffer.alloc(0));
  await step("msgpack", Buffer.from("82a26964010573636f726502", "hex"));
  await step("validAgain", valid);
  return { steps, ...(await finish(mod, manager, errors, pid)) };
}

/** Whether the worker is still up a moment later (a dying one is gone by then), then shuts it down. */
async function finish(mod, manager, errors, pid) {
  await delay(200);
  const out = { workerAlive: alive(pid), state: mod.state };
  if (out.state === "ready") await manager.shutdown();
  out.errors = [...errors];
  return out;
}

/**
 * FUZZ_CASES seeded mutations of valid streams (bytes flipped, words overwritten with extreme
 * lengths and offsets, truncations, slices repeated or zeroed), each sent to arrowEcho: every call must
 * end in an answer or an error reply; none may cost the worker its life. Stops at the first call lost
 * (unanswered, or the worker gone), so that a failing worker costs one timeout, not hundreds.
 */
async function fuzz(command, args) {
  const mod = rawArrowModule("arrow-fuzz", command, args);
  const { manager, errors } = await spawn(mod);
  const pid = mod.process.pid;
  const bases = [arrowCodec.serialize(everyTypeTable()), arrowCodec.serialize(bigTable(64, 3)), arrowCodec.serialize(readTypesTable())];
  const random = mulberry32(FUZZ_SEED);
  const out = { seed: FUZZ_SEED, cases: 0, answered: 0, errorReplies: 0, codes: {}, parentCouldNotRead: 0, lost: 0, lostCases: [] };
  for (let k = 0; k < FUZZ_CASES; k++) {
    const { bytes, how } = mutate(bases[k % bases.length], random);
    const o = outcome(await settle(mod.send("arrowEcho", bytes), { raw: true }));
    out.cases++;
    if (o.ok) {
      out.answered++;
    } else if (o.reply) {
      out.errorReplies++;
      out.codes[o.code] = (out.codes[o.code] ?? 0) + 1;
    } else if (o.name !== "ProcwireError") {
      // the worker answered, with bytes the parent's arrowCodec cannot read (apache-arrow's error);
      // disconnects, timeouts and a worker not ready are the parent's ProcwireErrors
      out.parentCouldNotRead++;
    } else {
      out.lost++;
      out.lostCases.push({ case: k, how, message: o.message });
    }
    if (out.lost > 0 || mod.state !== "ready") {
      out.stoppedAfter = k;
      break;
    }
  }
  out.after = outcome(await settle(mod.send("arrowEcho", arrowCodec.serialize(bigTable(3, 1))), { raw: true }));
  return { ...out, ...(await finish(mod, manager, errors, pid)) };
}

const EXTREMES = [0, 1, 0x7fffffff, 0xffffffff, 0x80000000, 0xfffffff8, 0x10000, 8];

/** One mutation of {@code base}, chosen by {@code random}; {@code how} names it, to replay a case. */
function mutate(base, random) {
  const b = Buffer.from(base);
  const at = (n) => Math.floor(random() * n);
  const kind = at(6);
  switch (kind) {
    case 0: { // a few random bytes
      const n = 1 + at(4);
      for (let i = 0; i < n; i++) b[at(b.length)] = at(256);
      return { bytes: b, how: `${n} random bytes` };
    }
    case 1: { // an aligned 32-bit word: lengths, counts and offsets
      const i = at(b.length >> 2) << 2;
      const v = EXTREMES[at(EXTREMES.length)];
      b.writeUInt32LE(v >>> 0, i);
      return { bytes: b, how: `word at ${i} = ${v}` };
    }
    case 2: { // an aligned 64-bit word: buffer offsets and lengths, body length
      const i = at(b.length >> 3) << 3;
      const v = [0n, -1n, 1n << 40n, 0x7fffffffffffffffn, -(1n << 32n)][at(5)];
      b.writeBigInt64LE(v, i);
      return { bytes: b, how: `long at ${i} = ${v}` };
    }
    case 3: { // cut short
      const n = at(b.length);
      return { bytes: b.subarray(0, n), how: `truncated to ${n}` };
    }
    case 4: { // a slice repeated
      const i = at(b.length);
      const n = 1 + at(Math.min(64, b.length - i));
      return { bytes: Buffer.concat([b.subarray(0, i + n), b.subarray(i, i + n), b.subarray(i + n)]), how: `${n} bytes at ${i} repeated` };
    }
    default: { // a slice zeroed
      const i = at(b.length);
      const n = 1 + at(Math.min(32, b.length - i));
      b.fill(0, i, i + n);
      return { bytes: b, how: `${n} bytes at ${i} zeroed` };
    }
  }
}

/** A small seeded pseudo-random generator (mulberry32): the same cases on every run. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
