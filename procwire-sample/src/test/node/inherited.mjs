// The InheritedWorker through the real parent: every method it serves comes from an abstract base
// class (add, kind; event log) or a generic interface (get, abstract; count, default). The parent's
// handshake refuses a worker that does not register a method it expects.

import { Module, workerCommand, spawn, settle, json, run } from "./harness.mjs";

run(async () => {
  const { command, args } = workerCommand();
  const mod = new Module("inherited")
    .executable(command, args)
    .method("add")
    .method("kind")
    .method("get")
    .method("count")
    .event("log");
  const logs = [];
  mod.onEvent("log", (e) => logs.push(json(e)));
  const { manager, errors } = await spawn(mod);
  const out = { spawned: true };
  out.add = await settle(mod.send("add", { a: 2, b: 3 }));
  out.kind = await settle(mod.send("kind"));
  out.get = await settle(mod.send("get", { id: "x1" }));
  out.count = await settle(mod.send("count"));
  out.logs = logs;
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
});
