// A worker keeps its data connection through garbage collections: the parent calls, the worker's JVM
// collects (jcmd GC.run, twice), and the parent calls again. Run against the runnable (shaded) jar,
// where library classes load as on a user's class path.

import { execFileSync, execSync } from "node:child_process";
import { dirname, join } from "node:path";
import { Module, workerCommand, spawn, settle, run } from "./harness.mjs";

run(async () => {
  const { command, args } = workerCommand();
  const mod = new Module("seed").executable(command, args).method("add");
  const { manager, errors } = await spawn(mod);
  const out = { before: await settle(mod.send("add", { a: 1, b: 2 })) };
  const pid = execSync(`pgrep -P ${process.pid} java`).toString().trim().split("\n")[0];
  const jcmd = join(dirname(command), "jcmd");
  for (let i = 0; i < 2; i++) {
    execFileSync(jcmd, [pid, "GC.run"], { stdio: "ignore" });
  }
  await new Promise((r) => setTimeout(r, 500));
  out.after = [];
  for (let i = 0; i < 200; i++) {
    const r = await settle(mod.send("add", { a: i, b: 1 }));
    out.after.push(r.ok ? r.value : `error: ${r.message}`);
  }
  await manager.shutdown();
  out.managerErrors = errors;
  return out;
});
