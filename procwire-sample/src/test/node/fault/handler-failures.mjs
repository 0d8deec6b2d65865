// Handlers that fail in every way a handler can. SCENARIO=basic: exceptions, stack overflow, a second
// answer. SCENARIO=hang: handlers that never return and ignore cancellation, against the worker's
// concurrency limit and queue (PROCWIRE_MAX_CONCURRENT / PROCWIRE_MAX_QUEUED in the worker's env).
import { emit, sleep, spawnFault } from "./common.mjs";

const describe = (e) => ({ message: e?.message, code: e?.data?.code, data: e?.data?.data ?? null });

async function outcome(p) {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    return { ok: false, error: describe(e) };
  }
}

if (process.env.SCENARIO === "basic") {
  const { manager, worker } = await spawnFault();
  const report = { event: "basic" };
  for (const m of ["checked", "unchecked", "overflow"]) {
    report[m] = await outcome(worker.send(m, {}));
    report[m + "Then"] = await outcome(worker.send("echo", { after: m }));
  }
  // Many overflows at once: each fails alone, none takes the worker down.
  const many = await Promise.all(Array.from({ length: 32 }, () => outcome(worker.send("overflow", {}))));
  report.overflowBurstFailed = many.filter((o) => !o.ok && o.error.message?.includes("stack overflow")).length;
  let moduleErrors = 0;
  worker.on("error", () => moduleErrors++);
  report.twice = await outcome(worker.send("twice", {}));
  await sleep(300); // room for a second answer to arrive, if the worker sent one
  report.twiceThen = await outcome(worker.send("echo", { after: "twice" }));
  report.moduleErrors = moduleErrors;
  report.stats = await worker.send("stats");
  emit(report);
  await manager.shutdown();
} else if (process.env.SCENARIO === "hang") {
  const LIMIT = Number(process.env.PROCWIRE_MAX_CONCURRENT);
  const QUEUE = Number(process.env.PROCWIRE_MAX_QUEUED);
  const { manager, worker, pid } = await spawnFault({
    env: { PROCWIRE_MAX_CONCURRENT: String(LIMIT), PROCWIRE_MAX_QUEUED: String(QUEUE), PROCWIRE_SHUTDOWN_GRACE_MS: "500" },
  });
  let killedByHeartbeat = false;
  worker.on("state", (s) => { if (s === "disconnected" || s === "closed") killedByHeartbeat = true; });
  const hung = Array.from({ length: LIMIT }, () => outcome(worker.send("hang", {})));
  await sleep(300);
  // The limit is reached: the next QUEUE requests wait in the queue.
  const queued = Array.from({ length: QUEUE }, (_, i) => outcome(worker.send("echo", { queued: i })));
  let queuedAnswered = 0;
  queued.forEach((p) => p.then(() => queuedAnswered++));
  await sleep(1000);
  const queuedAnsweredAfterWaiting = queuedAnswered;
  // One more does not fit: it is refused at once.
  const t0 = performance.now();
  const overflow = await outcome(worker.send("echo", { beyond: true }));
  const overflowMs = Math.round(performance.now() - t0);
  // Cancelling a handler that ignores cancellation changes nothing for it, but must not hurt the worker.
  await sleep(200);
  const alive = !killedByHeartbeat;
  const t1 = performance.now();
  await manager.shutdown();
  const shutdownMs = Math.round(performance.now() - t1);
  emit({ event: "hang", limit: LIMIT, queue: QUEUE, queuedAnsweredAfterWaiting, overflow, overflowMs, alive, shutdownMs,
    workerPid: pid, hungSettled: (await Promise.all(hung)).length });
}
