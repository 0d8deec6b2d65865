// Raw requests that together need more direct memory than the worker has (its heap is small, and
// direct memory defaults to the heap's size), all queued behind one handler slot. ROUND names the
// method: reverse answers from a new heap array, echo from the payload's own buffer. Without MIXED,
// 60 × 4 MiB; with MIXED=true, three rounds of 40 of sizes around every buffer threshold. Each must come back intact or as an error of its own; the same worker then serves on.
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

let seed = Number(process.env.SEED ?? 7);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
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

const round = process.env.ROUND ?? "reverse";
if (process.env.MIXED !== "true") {
  await Promise.all(Array.from({ length: 60 }, (_, i) => {
    const sent = payload(4 * MiB, i + 1);
    return call(`reverse #${i}`, "reverse", sent, Buffer.from(sent).reverse());
  }));
} else {
  // Three rounds of 40 at once, of sizes around every buffer threshold: payloads beyond 16 MiB start in
  // a direct buffer that must grow as their bytes arrive, when little direct memory is left.
  const sizes = [0, 1, 65535, 65536, 65537, 70000, 262144, 262145, MiB, 3 * MiB + 7, 5 * MiB, 16 * MiB, 16 * MiB + 1, 20 * MiB];
  for (let r = 0; r < 3; r++) {
    await Promise.all(Array.from({ length: 40 }, (_, i) => {
      const sent = payload(sizes[(i + r * 3) % sizes.length], r * 40 + i + 1);
      return call(`${round} ${r}.${i}`, round, sent, round === "reverse" ? Buffer.from(sent).reverse() : sent);
    }));
  }
}
const small = payload(100_000, 99);
await call("echo after", "echo", small, small);
emit({ event: "done", results, samePid: worker.process?.pid === pid });
await manager.shutdown();
