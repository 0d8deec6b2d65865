// Raw requests that together need more direct memory than the worker has (its heap is small, and
// direct memory defaults to the heap's size), all queued behind one handler slot: three rounds of 40
// at once, of sizes around every buffer threshold, so payloads beyond 16 MiB start in a direct buffer
// that must grow as their bytes arrive when little direct memory is left. ROUND names the method:
// echo answers from the payload's own buffer, reverse from a new heap array. Each must come back
// intact or as an error of its own; the same worker then serves on.
import { Module, ModuleManager } from "@procwire/core";
import { rawCodec } from "@procwire/codecs";
import { emit, workerCommand } from "./common.mjs";

const { cmd, args } = workerCommand();
const worker = new Module("raw")
  .executable(cmd, args, { env: { PROCWIRE_MAX_CONCURRENT: "1" } })
  .method("echo", { codec: rawCodec })
  .method("reverse", { codec: rawCodec })
  .requestTimeout(0);
const manager = new ModuleManager();
manager.register(worker);
await manager.spawn();
const pid = worker.process.pid;

const MiB = 1 << 20;
const payload = (size, tag) => {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i += 997) b[i] = (tag * 131 + i) & 0xff;
  return b;
};
const results = [];
async function call(label, method, sent, expected) {
  try {
    const got = await worker.send(method, sent);
    results.push({ label, size: sent.length, answered: true, intact: Buffer.isBuffer(got) && got.equals(expected) });
  } catch (e) {
    results.push({ label, size: sent.length, answered: false, message: String(e?.message), code: e?.data?.code ?? null });
  }
}

const round = process.env.ROUND ?? "echo";
const sizes = [0, 1, 65535, 65536, 65537, 70000, 262144, 262145, MiB, 3 * MiB + 7, 5 * MiB, 16 * MiB, 16 * MiB + 1, 20 * MiB];
for (let r = 0; r < 3; r++) {
  await Promise.all(Array.from({ length: 40 }, (_, i) => {
    const sent = payload(sizes[(i + r * 3) % sizes.length], r * 40 + i + 1);
    return call(`${round} ${r}.${i}`, round, sent, round === "reverse" ? Buffer.from(sent).reverse() : sent);
  }));
}
const small = payload(100_000, 99);
await call("echo after", "echo", small, small);
emit({ event: "done", results, samePid: worker.process?.pid === pid });
await manager.shutdown();
