// Requests whose payloads the worker's small heap (-Xmx32m) cannot hold, then ordinary ones: each
// large request ends as a correct answer or an error of its own, and the same worker process serves on.
import { Module, ModuleManager } from "@procwire/core";
import { rawCodec } from "@procwire/codecs";
import { echoRecorder, emit, taggedPayload as payload, workerCommand } from "./common.mjs";

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
const { results, call } = echoRecorder(worker);
await call("msgpack 16 MiB", "echo", payload(16 * MiB, 1));
await call("raw 32 MiB", "echoRaw", payload(32 * MiB, 2));
await Promise.all([0, 1, 2, 3].map((i) => call(`msgpack 8 MiB #${i}`, "echo", payload(8 * MiB, 10 + i))));
await Promise.all([0, 1, 2, 3].map((i) => call(`raw 8 MiB #${i}`, "echoRaw", payload(8 * MiB, 20 + i))));
// Afterwards the same worker answers ordinary requests.
await call("msgpack 64 KiB after", "echo", payload(64 << 10, 30));
await call("raw 1 MiB after", "echoRaw", payload(MiB, 31));
emit({ event: "done", results, samePid: worker.process?.pid === pid });
await manager.shutdown();
