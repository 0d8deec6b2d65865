// $shutdown while handlers run: cooperative sleepers (they return when their token fires) and, with
// HANG=1, one handler that never returns. Reports how long the worker took to exit.
import { emit, sleep, spawnFault } from "./common.mjs";

const SLEEPERS = Number(process.env.SLEEPERS ?? 6);
const { manager, worker, pid } = await spawnFault({ env: { PROCWIRE_SHUTDOWN_GRACE_MS: process.env.GRACE_MS } });
let exitCode = null;
let exitSignal = null;
worker.process.on("exit", (code, signal) => { exitCode = code; exitSignal = signal; });
const pending = [];
for (let i = 0; i < SLEEPERS; i++) pending.push(worker.send("sleep", { ms: 600_000 }).then(() => "answered", () => "rejected"));
if (process.env.HANG === "1") pending.push(worker.send("hang", {}).then(() => "answered", () => "rejected"));
// Wait until every handler is running (on a busy machine the first requests can take a while).
const expected = pending.length;
for (let k = 0; k < 600; k++) {
  const s = await worker.send("stats");
  if (s.active >= expected) break;
  await sleep(50);
}
const t0 = performance.now();
await manager.shutdown();
const shutdownMs = Math.round(performance.now() - t0);
await sleep(50);
emit({ event: "shutdown", shutdownMs, exitCode, exitSignal, workerPid: pid, outcomes: await Promise.all(pending) });
