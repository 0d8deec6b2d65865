// The reference bench worker: the same contract as dev.procwire.sample.BenchWorker, built on the
// published @procwire/client. Benchmarks and the interop suite run both workers behind the same
// @procwire/core parent to compare them.
//
//   node procwire-sample/node/reference-bench-worker.mjs
//
// Methods (msgpack unless noted):
//   echo              result  returns its payload
//   echoRaw           result  raw codec, returns its bytes
//   stream {count,size} stream  `count` Buffers of `size` bytes, then end
//   emit {count}      result  emits `count` tick events {seq}, then returns count
//   sleep {ms}        result  cancellable: "slept" after ms, or nothing once aborted
//   spin {ms}         result  busy loop on the event loop for ms, returns ms
//   fail {message,code,data} result  answers an error {message, code?, data?}
//   ackThenWork       ack     acks {accepted: true}, then keeps working ~20 ms
//   fireAndForget     none    emits tick {seq: -1, got: payload}
//   arrowEcho         result  arrowCodec in and out, returns the table it got
//   embeddings {rows,dim} result  arrowCodec result: `id` Int64 and `vector` FixedSizeList<Float32>(dim),
//                             row i: id = i, vector[j] = Math.fround(i + j / 1000)
// Event: tick.

import { createRequire } from "node:module";
import { Client } from "@procwire/client";
import { msgpackCodec, rawCodec } from "@procwire/codecs";

const require = createRequire(import.meta.url);

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `arrowCodec` of `@procwire/codecs/arrow`, loaded on the first Arrow payload. Loading apache-arrow
 * costs this process about 80 ms and 12 MiB; imported up front it would move the start-up and idle
 * memory this worker is measured by, for methods most calls never reach (the Java worker likewise
 * loads Arrow on its first Arrow call). A codec's deserialize is synchronous, hence require() of the
 * ES module rather than import(); it is the same module instance import("apache-arrow") gives.
 */
let loadedArrowCodec;
const arrow = () => (loadedArrowCodec ??= require("@procwire/codecs/arrow").arrowCodec);
const arrowCodec = {
  name: "arrow",
  serialize: (data) => arrow().serialize(data),
  deserialize: (buffer) => arrow().deserialize(buffer),
};

/** The `embeddings` table: `id` Int64 = i, `vector` FixedSizeList<Float32>(dim) with [j] = i + j / 1000. */
async function embeddingsTable(rows, dim) {
  const { Field, FixedSizeList, Float32, Int64, Table, makeData, makeVector } = await import("apache-arrow");
  const ids = new BigInt64Array(rows);
  const values = new Float32Array(rows * dim);
  for (let i = 0, k = 0; i < rows; i++) {
    ids[i] = BigInt(i);
    for (let j = 0; j < dim; j++) values[k++] = i + j / 1000;
  }
  const vectorType = new FixedSizeList(dim, new Field("item", new Float32(), false));
  return new Table({
    id: makeVector(makeData({ type: new Int64(), length: rows, data: ids })),
    vector: makeVector(makeData({
      type: vectorType, length: rows, nullCount: 0, child: makeData({ type: new Float32(), length: rows * dim, data: values }),
    })),
  });
}

const client = new Client()
  .handle("echo", async (data, ctx) => {
    await ctx.respond(data);
  })
  .handle(
    "echoRaw",
    async (data, ctx) => {
      await ctx.respond(data);
    },
    { codec: rawCodec },
  )
  .handle(
    "stream",
    async ({ count, size }, ctx) => {
      const chunk = Buffer.alloc(size);
      for (let i = 0; i < count; i++) {
        if (ctx.aborted) return;
        await ctx.chunk(chunk);
      }
      await ctx.end();
    },
    { response: "stream", cancellable: true },
  )
  .handle("emit", async ({ count }, ctx) => {
    for (let seq = 0; seq < count; seq++) {
      await client.emitEvent("tick", { seq });
    }
    await ctx.respond(count);
  })
  .handle(
    "sleep",
    async ({ ms }, ctx) => {
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        ctx.onAbort(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (!ctx.aborted) await ctx.respond("slept");
    },
    { cancellable: true },
  )
  .handle("spin", async ({ ms }, ctx) => {
    // Deliberately synchronous: the CPU-bound case that holds the event loop.
    const deadline = performance.now() + ms;
    let x = 0;
    while (performance.now() < deadline) x = (x * 31 + 7) | 0;
    await ctx.respond(x === 42 ? 0 : ms);
  })
  .handle("fail", async ({ message, code, data }, ctx) => {
    // A plain object (not an Error) is encoded whole, the same {message, code?, data?} map the
    // Java worker sends; an Error would lose everything but its message.
    const error = { message: String(message) };
    if (code != null) error.code = code;
    if (data != null) error.data = data;
    await ctx.error(error);
  })
  .handle(
    "ackThenWork",
    async (_data, ctx) => {
      await ctx.ack({ accepted: true });
      await delay(20);
    },
    { response: "ack" },
  )
  .handle(
    "fireAndForget",
    async (data) => {
      await client.emitEvent("tick", { seq: -1, got: data ?? "null" });
    },
    { response: "none" },
  )
  .handle(
    "arrowEcho",
    async (table, ctx) => {
      await ctx.respond(table);
    },
    { codec: arrowCodec },
  )
  .handle(
    "embeddings",
    async ({ rows, dim }, ctx) => {
      await ctx.respond(await embeddingsTable(rows, dim));
    },
    { requestCodec: msgpackCodec, responseCodec: arrowCodec },
  )
  .event("tick");

await client.start();
