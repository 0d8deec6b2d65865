// Raw requests that together need more direct memory than the worker has (its heap is small, and
// direct memory defaults to the heap's size), all queued behind one handler slot: three rounds of 40
// at once, of sizes around every buffer threshold, so payloads beyond 16 MiB start in a direct buffer
// that must grow as their bytes arrive when little direct memory is left. Each must come back intact
// or as an error of its own; the same worker then serves on.
import { Module, ModuleManager } from "@procwire/core";
import { rawCodec } from "@procwire/codecs";
import { echoRecorder, emit, taggedPayload as payload, workerCommand } from "./common.mjs";

const { cmd, args } = workerCommand();
const worker = new Module("bench")
  .executable(cmd, args, { env: { PROCWIRE_MAX_CONCURRENT: "1" } })
  .method("echoRaw", { codec: rawCodec })
  .requestTimeout(0);
const manager = new ModuleManager();
manager.register(worker);
await manager.spawn();
const pid = worker.process.pid;

const MiB = 1 << 20;
const { results, call } = echoRecorder(worker);
const sizes = [0, 1, 65535, 65536, 65537, 70000, 262144, 262145, MiB, 3 * MiB + 7, 5 * MiB, 16 * MiB, 16 * MiB + 1, 20 * MiB];
for (let r = 0; r < 3; r++) {
  await Promise.all(Array.from({ length: 40 }, (_, i) => {
    const n = r * 40 + i;
    return call(`echoRaw ${r}.${i}`, "echoRaw", payload(sizes[(i + r * 3) % sizes.length], n + 1));
  }));
}
await call("echoRaw after", "echoRaw", payload(100_000, 999));
emit({ event: "done", results, samePid: worker.process?.pid === pid });
await manager.shutdown();
