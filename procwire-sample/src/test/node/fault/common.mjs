// Shared by the fault scenarios: the worker command comes from the Java test (FAULT_WORKER, a JSON
// array), results go to stdout as one JSON object per line, and the worker's stderr is inherited.
import { readFileSync } from "node:fs";
import { Module, ModuleManager } from "@procwire/core";

export function workerCommand() {
  const cmd = JSON.parse(process.env.FAULT_WORKER);
  return { cmd: cmd[0], args: cmd.slice(1) };
}

export function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

/** Resident set size of a process in bytes (Linux). */
export function rssOf(pid) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : -1;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The FaultWorker's methods as the parent declares them. */
export function faultModule(name = "fault", { env = {}, executable } = {}) {
  const { cmd, args } = executable ?? workerCommand();
  return new Module(name)
    .executable(cmd, args, { env })
    .method("echo")
    .method("seqStream", { response: "stream", cancellable: true })
    .method("ackThenWork", { response: "ack" })
    .method("emit")
    .method("sleep", { cancellable: true })
    .method("hang", { cancellable: true })
    .method("checked")
    .method("unchecked")
    .method("overflow")
    .method("twice")
    .method("stats")
    .event("tick")
    .requestTimeout(0);
}

/** Spawns a module and returns { manager, worker, pid }. */
export async function spawnFault(options) {
  const worker = faultModule("fault", options);
  const manager = new ModuleManager();
  manager.register(worker);
  await manager.spawn();
  return { manager, worker, pid: worker.process.pid };
}

/** Runs `count` tasks with at most `window` at once. */
export async function pool(count, window, task) {
  let next = 0;
  const runners = [];
  for (let w = 0; w < Math.min(window, count); w++) {
    runners.push((async () => {
      while (next < count) {
        const i = next++;
        await task(i);
      }
    })());
  }
  await Promise.all(runners);
}

/** `size` bytes whose content differs with `tag`: an answer holding another request's bytes shows. */
export function taggedPayload(size, tag) {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 997) b[i] = (tag * 131 + i) & 0xff;
  return b;
}

/**
 * Calls that echo their payload, each recorded as answered intact, or failed with its message and
 * `err.data.code`: `{ results, call(label, method, sent) }`.
 */
export function echoRecorder(module) {
  const results = [];
  async function call(label, method, sent) {
    try {
      const got = await module.send(method, sent);
      results.push({ label, size: sent.length, answered: true, intact: Buffer.isBuffer(got) && got.equals(sent) });
    } catch (e) {
      results.push({ label, size: sent.length, answered: false, message: String(e?.message), code: e?.data?.code ?? null });
    }
  }
  return { results, call };
}
