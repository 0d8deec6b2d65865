// Payloads the parent's msgpack codec would never produce, sent through the real parent: the method
// is declared with the raw codec on the parent side, so arbitrary bytes reach a worker that decodes
// them as msgpack.

import { Module, rawCodec, workerCommand, spawn, settle, delay, alive, run } from "./harness.mjs";
import { msgpackCodec } from "@procwire/codecs";

run(async () => {
  const { command, args } = workerCommand();
  const mod = new Module("malformed")
    .executable(command, args)
    .method("echo", { requestCodec: rawCodec, responseCodec: msgpackCodec });
  const { manager, errors } = await spawn(mod);
  const pid = mod.process.pid;
  const hex = (h) => Buffer.from(h, "hex");
  const out = { steps: {} };
  out.steps.valid = await settle(mod.send("echo", hex("a3616263")));
  out.steps.invalidByte = await settle(mod.send("echo", hex("c1")));
  out.steps.truncated = await settle(mod.send("echo", hex("9201")));
  out.steps.hugeArray = await settle(mod.send("echo", hex("dd7fffffff")));
  out.steps.empty = await settle(mod.send("echo", Buffer.alloc(0)));
  out.steps.validAgain = await settle(mod.send("echo", hex("a3616263")));
  await delay(200);
  out.workerAlive = alive(pid);
  out.state = mod.state;
  out.errors = [...errors];
  await manager.shutdown();
  return out;
});
