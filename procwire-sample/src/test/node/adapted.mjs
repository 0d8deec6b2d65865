// The AdaptedWorker through the real parent: a Money (a type taught by a @WireAdapter) travels as its
// string, in both directions and inside records; a string its adapter refuses is INVALID_PARAMS.

import { Module, workerCommand, spawn, settle, run } from "./harness.mjs";

run(async () => {
  const { command, args } = workerCommand();
  const mod = new Module("adapted").executable(command, args).method("total").method("parse");
  const { manager, errors } = await spawn(mod);
  const out = { spawned: true };
  out.total = await settle(mod.send("total", { items: [{ name: "tea", price: "EUR 3.20" }, { name: "cake", price: "EUR 4.30" }] }));
  out.parse = await settle(mod.send("parse", "USD 0.99"));
  out.refused = await settle(mod.send("parse", "0.99 dollars"));
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
});
