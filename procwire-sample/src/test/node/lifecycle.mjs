// Auth, crash-restart and shutdown through the real parent: spawnPolicy({auth: true,
// restartOnCrash: true}); the worker is killed and must come back; shutdown is timed with a request
// still in flight.

import { benchModule, spawn, settle, until, alive, delay, ManagerEvents, run } from "./harness.mjs";

run(async () => {
  const ready = [];
  const restarting = [];
  const mod = benchModule().spawnPolicy({ auth: true, restartOnCrash: true });
  const { manager, errors } = await spawn(mod, (m) => {
    m.on(ManagerEvents.READY, () => ready.push(performance.now()));
    m.on(ManagerEvents.RESTARTING, () => restarting.push(performance.now()));
  });
  const out = { auth: { tokenSent: typeof mod.authToken === "string" && mod.authToken.length === 64 } };
  out.auth.echo = await settle(mod.send("echo", "authenticated"));

  const pid1 = mod.process.pid;
  process.kill(pid1, "SIGKILL");
  const back = await until(() => ready.length >= 2 && mod.state === "ready", 15000);
  const pid2 = mod.process?.pid ?? null;
  out.restart = {
    cameBack: back,
    restarting: restarting.length,
    newPid: pid2 !== null && pid2 !== pid1,
    oldAlive: alive(pid1),
    tokenSent: typeof mod.authToken === "string" && mod.authToken.length === 64,
    echo: await settle(mod.send("echo", "after restart")),
  };

  const inFlight = settle(mod.send("sleep", { ms: Number(process.env.IN_FLIGHT_MS ?? 2000) }));
  await delay(100);
  const start = performance.now();
  await manager.shutdown();
  out.shutdown = {
    ms: Math.round(performance.now() - start),
    inFlight: await inFlight,
    workerAlive: pid2 !== null && alive(pid2),
    state: mod.state,
  };
  out.errors = [...errors];
  return out;
});
