// A million mixed requests (results, streams, acks, and results that emit events) through the real
// parent, with the worker's heap after a full collection and its RSS sampled along the way.
import { emit, pool, rssOf, spawnFault } from "./common.mjs";

const N = Number(process.env.REQUESTS ?? 1_000_000);
const WINDOW = Number(process.env.WINDOW ?? 256);
const SAMPLES = [0.1, 0.25, 0.5, 0.75, 1.0];

const { manager, worker, pid } = await spawnFault();
let events = 0;
worker.onEvent("tick", () => events++);
const failures = [];
let failureCount = 0;
const counts = { result: 0, stream: 0, streamChunks: 0, ack: 0, emit: 0 };
const samples = [];
let nextSample = 0;
let completed = 0;
const payload = { id: 12345, name: "widget", price: 9.99, tags: ["a", "b"], ok: true };
const t0 = performance.now();

// Samples are taken with no request in flight, so the heap holds only what the worker keeps.
let gate = null;
let inFlight = 0;
async function quiesce() {
  let open;
  gate = new Promise((r) => (open = r));
  while (inFlight > 0) await new Promise((r) => setTimeout(r, 1));
  return () => { gate = null; open(); };
}

async function sampleIfDue() {
  while (nextSample < SAMPLES.length && completed >= Math.floor(SAMPLES[nextSample] * N)) {
    nextSample++;
    const release = await quiesce();
    const s = await worker.send("stats");
    release();
    samples.push({ at: completed, heapUsed: s.heapUsed, threads: s.threads, liveCalls: s.liveCalls, rss: rssOf(pid),
      ms: Math.round(performance.now() - t0) });
  }
}

await pool(N, WINDOW, async (i) => {
  while (gate) await gate;
  inFlight++;
  try {
    switch (i % 10) {
      case 7: {
        let n = 0;
        for await (const c of worker.stream("seqStream", { count: 4, size: 64 })) n += c.byteLength === 64 ? 1 : 0;
        if (n !== 4) throw new Error(`stream gave ${n} good chunks`);
        counts.stream++;
        counts.streamChunks += n;
        break;
      }
      case 8: {
        const a = await worker.send("ackThenWork", { i });
        if (!a || a.accepted !== true) throw new Error(`bad ack ${JSON.stringify(a)}`);
        counts.ack++;
        break;
      }
      case 9: {
        const n = await worker.send("emit", { count: 2 });
        if (n !== 2) throw new Error(`emit returned ${n}`);
        counts.emit++;
        break;
      }
      default: {
        const r = await worker.send("echo", { ...payload, i });
        if (r.i !== i || r.name !== "widget") throw new Error(`echo mismatch at ${i}`);
        counts.result++;
      }
    }
  } catch (e) {
    failureCount++;
    if (failures.length < 10) failures.push(String(e?.message ?? e));
  }
  inFlight--;
  completed++;
  if (nextSample < SAMPLES.length && completed >= Math.floor(SAMPLES[nextSample] * N)) await sampleIfDue();
});
await sampleIfDue();
const ms = Math.round(performance.now() - t0);
// Events are sent before the emit request's result, so all have arrived by now.
emit({ event: "done", requests: N, completed, ms, counts, events, failureCount, failures, samples });
await manager.shutdown();
