// Requests whose payloads the worker's small heap (-Xmx32m) cannot hold, then ordinary ones: each
// large request ends as a correct answer or an error of its own, and the same worker process serves on.
import { Module, ModuleManager } from "@procwire/core";
import { rawCodec } from "@procwire/codecs";
import { emit, workerCommand } from "./common.mjs";

const { cmd, args } = workerCommand();
const worker = new Module("bench")
  .executable(cmd, args)
  .method("echo")
  .method("echoRaw", { codec: rawCodec })
  .requestTimeout(0);
const manager = new ModuleManager();
manager.register(worker);
await manager.spawn();
const pid = worker.process.pid;

const MiB = 1 << 20;
/** A payload of `size` bytes that differs from every other one sent here. */
const payload = (size, tag) => {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) b[i] = (tag * 31 + i / 4096) & 0xff;
  return b;
};
const results = [];
async function call(label, method, sent) {
  try {
    const got = await worker.send(method, sent);
    results.push({ label, size: sent.length, answered: true, intact: Buffer.isBuffer(got) && got.equals(sent) });
  } catch (e) {
    results.push({ label, size: sent.length, answered: false, message: String(e?.message), code: e?.data?.code ?? null });
  }
}

await call("msgpack 16 MiB", "echo", payload(16 * MiB, 1));
await call("raw 32 MiB", "echoRaw", payload(32 * MiB, 2));
await Promise.all([0, 1, 2, 3].map((i) => call(`msgpack 8 MiB #${i}`, "echo", payload(8 * MiB, 10 + i))));
await Promise.all([0, 1, 2, 3].map((i) => call(`raw 8 MiB #${i}`, "echoRaw", payload(8 * MiB, 20 + i))));
// Afterwards the same worker answers ordinary requests.
await call("msgpack 64 KiB after", "echo", payload(64 << 10, 30));
await call("raw 1 MiB after", "echoRaw", payload(MiB, 31));
emit({ event: "done", results, samePid: worker.process?.pid === pid });
await manager.shutdown();
