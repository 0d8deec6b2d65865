// Shared helpers for the interop scenarios. Each scenario drives a worker through the real
// @procwire/core parent, prints ONE JSON line with what it observed, and exits non-zero only when
// the scenario itself could not run (the Java test asserts on the JSON).
//
// The worker command comes from PROCWIRE_TEST_WORKER, a JSON array: ["java", "-cp", "...", "Main"].

import { readFileSync } from "node:fs";
import { Module, ModuleManager, ManagerEvents } from "@procwire/core";
import { rawCodec } from "@procwire/codecs";
import { defineBenchWorker } from "../../../target/classes/META-INF/procwire/typescript/BenchWorker.procwire.mjs";

export { Module, ModuleManager, ManagerEvents, rawCodec };

export function workerCommand() {
  const raw = process.env.PROCWIRE_TEST_WORKER;
  if (!raw) throw new Error("PROCWIRE_TEST_WORKER is not set");
  const cmd = JSON.parse(raw);
  return { command: cmd[0], args: cmd.slice(1) };
}

/**
 * A module declaring the bench contract (BenchWorker and the reference worker), through the module the
 * processor generated from BenchWorker.java: its methods, response kinds, codecs and cancellable flags.
 */
export function benchModule(name = "bench") {
  const { command, args } = workerCommand();
  return defineBenchWorker(new Module(name).executable(command, args));
}

/**
 * Spawns `mod` under a fresh manager; manager errors are collected in `errors`. `setup(manager)` runs
 * before the spawn (to listen for events, or to wrap hooks for measurement).
 */
export async function spawn(mod, setup = () => {}) {
  const manager = new ModuleManager();
  const errors = [];
  manager.on(ManagerEvents.ERROR, (_name, err) => errors.push(String(err?.message ?? err)));
  setup(manager);
  manager.register(mod);
  await manager.spawn();
  return { manager, errors };
}

/**
 * Awaits `promise` and describes how it settled, without throwing. The value in its JSON-friendly form,
 * or as it came with `{ raw: true }` (an Arrow table, to inspect before describing it).
 */
export async function settle(promise, { raw = false } = {}) {
  const start = performance.now();
  try {
    const value = await promise;
    return { ok: true, value: raw ? value : json(value), ms: Math.round(performance.now() - start) };
  } catch (e) {
    return {
      ok: false,
      name: e?.name ?? null,
      message: String(e?.message ?? e),
      data: json(e?.data ?? null),
      ms: Math.round(performance.now() - start),
    };
  }
}

/** JSON-friendly form of a decoded value: Buffers and Dates are tagged. */
export function json(v) {
  if (v === undefined) return { undefined: true };
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { buffer: Buffer.from(v).toString("hex") };
  if (v instanceof Date) return { date: v.getTime() };
  if (Array.isArray(v)) return v.map(json);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
  }
  return v;
}

export const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `predicate()` holds, or after `ms` (then resolves false). */
export async function until(predicate, ms = 3000) {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (predicate()) return true;
    await delay(5);
  }
  return predicate();
}

/** Resident memory of a process, in bytes (Linux). */
export function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

export function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `scenario`, prints its result as one JSON line, and exits. */
export async function run(scenario) {
  try {
    const out = await scenario();
    process.stdout.write(`${JSON.stringify(out)}\n`);
    process.exit(0);
  } catch (e) {
    process.stderr.write(`scenario failed: ${e?.stack ?? e}\n`);
    process.exit(1);
  }
}
