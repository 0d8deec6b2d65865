// Start-up through the real parent: spawns a worker that declares `echo`, with no retries, and reports
// how the spawn ended — the rejection's message when the worker could not start, else one echo.
// INIT_TIMEOUT_MS bounds the wait for $init, so a worker whose $error the parent missed shows up as
// the parent's own "did not send $init" timeout instead of hanging the test.
// LATE_LISTENER_MS=<ms>: the parent starts reading the worker's stdout <ms> after the spawn instead of
// its fixed 100 ms, as a slow parent (or a fast worker) makes it: a worker that exits before then has
// its $error discarded, so this makes that race certain instead of machine-dependent.
// NON_ASCII_TMPDIR_IN=<dir>: the worker gets TMPDIR=<dir>/tmp-é (created here, owner-only).

import { mkdirSync } from "node:fs";
import { Module, ModuleManager, workerCommand, settle, delay, run } from "./harness.mjs";

run(async () => {
  const { command, args } = workerCommand();
  if (process.env.NON_ASCII_TMPDIR_IN) {
    const dir = `${process.env.NON_ASCII_TMPDIR_IN}/tmp-\u00e9`;
    mkdirSync(dir, { mode: 0o700 });
    process.env.TMPDIR = dir;
  }
  const mod = new Module("starter")
    .executable(command, args)
    .method("echo")
    .spawnPolicy({ maxRetries: 0, initTimeout: Number(process.env.INIT_TIMEOUT_MS ?? 15000) });
  const manager = new ModuleManager();
  const lateMs = Number(process.env.LATE_LISTENER_MS ?? 0);
  if (lateMs > 0) {
    const wait = manager._waitForSpawnResult.bind(manager);
    manager._waitForSpawnResult = async (m, proc) => {
      const spawnError = await wait(m, proc);
      await delay(lateMs);
      return spawnError;
    };
  }
  manager.register(mod);
  const start = performance.now();
  try {
    await manager.spawn();
  } catch (e) {
    return {
      spawned: false,
      message: String(e?.message ?? e),
      ms: Math.round(performance.now() - start),
    };
  }
  const out = { spawned: true, ms: Math.round(performance.now() - start), echo: await settle(mod.send("echo", "hi")) };
  await manager.shutdown();
  return out;
});
