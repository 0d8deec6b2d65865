// 10,000 cancellable requests (results and streams), each aborted at a random point: before it is
// sent, right after, after a microtask, after a few milliseconds, or never. Reports the worker's own
// accounting before and after, once it has settled.
import { emit, pool, rssOf, sleep, spawnFault } from "./common.mjs";

const N = Number(process.env.REQUESTS ?? 10000);
const WINDOW = Number(process.env.WINDOW ?? 200);
let seed = Number(process.env.SEED ?? 42);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const { manager, worker, pid } = await spawnFault();
// Warm up with the storm's own concurrency, so the baseline already has the buffers and threads the
// worker keeps for that load (its write-coalescing buffer, its handler pool): what grows after that is a leak.
await pool(2000, WINDOW, async (i) => {
  if (i % 5 === 0) {
    for await (const _ of worker.stream("seqStream", { count: 40, size: 2048 })) { /* warm up */ }
  } else if (i % 5 === 1) {
    await worker.send("sleep", { ms: 1 + (i % 20) });
  } else {
    await worker.send("echo", { warm: i });
  }
});
await sleep(500);
const before = await worker.send("stats");
const rssBefore = rssOf(pid);

const outcomes = { aborted: 0, completed: 0, partialStreams: 0, other: [] };
const isAbort = (e) => e?.name === "AbortError" || /abort/i.test(String(e?.message));
const t0 = performance.now();
await pool(N, WINDOW, async (i) => {
  const ac = new AbortController();
  const point = Math.floor(random() * 5);
  const abortAfter = Math.floor(random() * 15);
  if (point === 0) ac.abort();
  const stream = random() < 0.4;
  const run = async () => {
    if (stream) {
      let n = 0;
      for await (const _ of worker.stream("seqStream", { count: 40, size: 2048 }, { signal: ac.signal })) n++;
      return n;
    }
    return worker.send("sleep", { ms: 1 + Math.floor(random() * 20) }, { signal: ac.signal });
  };
  const p = run();
  if (point === 1) ac.abort();
  else if (point === 2) queueMicrotask(() => ac.abort());
  else if (point === 3) setTimeout(() => ac.abort(), abortAfter);
  try {
    await p;
    outcomes.completed++;
  } catch (e) {
    if (isAbort(e)) outcomes.aborted++;
    else if (outcomes.other.length < 10) outcomes.other.push(String(e?.message ?? e));
    else outcomes.other.push("…");
  }
});
const stormMs = Math.round(performance.now() - t0);

// Let the worker settle: every handler returns once its token fires or its sleep ends.
let after;
for (let k = 0; k < 100; k++) {
  after = await worker.send("stats");
  if (after.active === 0 && after.liveCalls === 0) break;
  await sleep(100);
}
emit({ event: "done", requests: N, stormMs, outcomes, before, after, rssBefore, rssAfter: rssOf(pid) });
await manager.shutdown();
