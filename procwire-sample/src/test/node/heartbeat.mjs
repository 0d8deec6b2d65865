// The parent's heartbeat ({intervalMs: 50, timeoutMs: 1000}) while CPU-bound handlers run. Pongs and
// their latency are measured by wrapping the real manager's own ping/pong hooks.

import { benchModule, spawn, settle, delay, alive, run } from "./harness.mjs";

const SPINS = Number(process.env.SPINS ?? 4);
const SPIN_MS = Number(process.env.SPIN_MS ?? 2500);

run(async () => {
  const stats = { pongs: 0, maxLatencyMs: 0, pingAt: null };
  const mod = benchModule().spawnPolicy({ heartbeat: { intervalMs: 50, timeoutMs: 1000 }, restartOnCrash: false });
  const { manager, errors } = await spawn(mod, (m) => {
    const sendPing = m._sendHeartbeatPing.bind(m);
    m._sendHeartbeatPing = (module) => {
      stats.pingAt = performance.now();
      sendPing(module);
    };
    const handlePong = m.handlePong.bind(m);
    m.handlePong = (name) => {
      stats.pongs++;
      if (stats.pingAt !== null) {
        stats.maxLatencyMs = Math.max(stats.maxLatencyMs, Math.round(performance.now() - stats.pingAt));
      }
      stats.pingAt = null;
      handlePong(name);
    };
  });
  const pid = mod.process.pid;
  await delay(300);
  const pongsBefore = stats.pongs;
  const spins = [];
  for (let i = 0; i < SPINS; i++) spins.push(settle(mod.send("spin", { ms: SPIN_MS })));
  const results = await Promise.all(spins);
  const pongsDuringSpins = stats.pongs - pongsBefore;
  const after = await settle(mod.send("echo", "after the spins"));
  await delay(100);
  const out = {
    spins: results,
    after,
    pongsBeforeSpins: pongsBefore,
    pongsDuringSpins,
    maxPongLatencyMs: stats.maxLatencyMs,
    errors: [...errors],
    state: mod.state,
    workerAlive: alive(pid),
  };
  await manager.shutdown();
  return out;
});
