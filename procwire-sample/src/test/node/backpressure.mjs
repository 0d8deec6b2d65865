// A consumer that stops reading a stream: the parent pauses its socket (above 256 queued chunks) and
// the worker must wait rather than queue. The worker's resident memory is sampled meanwhile.

import { benchModule, spawn, settle, delay, rss, run } from "./harness.mjs";

const COUNT = Number(process.env.COUNT ?? 8000);
const SIZE = Number(process.env.SIZE ?? 65536);
const STALL_MS = Number(process.env.STALL_MS ?? 1500);

run(async () => {
  const mod = benchModule();
  const { manager, errors } = await spawn(mod);
  const pid = mod.process.pid;
  await settle(mod.send("echo", "warm up"));
  const rssBefore = rss(pid);
  const it = mod.stream("stream", { count: COUNT, size: SIZE })[Symbol.asyncIterator]();
  const first = await it.next();
  let chunks = first.done ? 0 : 1;
  let bytes = first.done ? 0 : first.value.length;
  const samples = [];
  const stallStart = performance.now();
  while (performance.now() - stallStart < STALL_MS) {
    samples.push(rss(pid));
    await delay(100);
  }
  for (let r = await it.next(); !r.done; r = await it.next()) {
    chunks++;
    bytes += r.value.length;
  }
  const out = {
    chunks,
    bytes,
    expectedBytes: COUNT * SIZE,
    rssBefore,
    rssStallMax: Math.max(...samples),
    rssStallFirst: samples[0],
    rssStallLast: samples[samples.length - 1],
    errors: [...errors],
  };
  await manager.shutdown();
  return out;
});
