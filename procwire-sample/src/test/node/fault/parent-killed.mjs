// A real parent with work in flight, waiting to be killed with SIGKILL by the test.
import { emit, spawnFault } from "./common.mjs";

const { worker, pid } = await spawnFault();
const inFlight = [];
for (let i = 0; i < 8; i++) inFlight.push(worker.send("sleep", { ms: 600_000 }).catch(() => {}));
// A stream the parent is consuming slowly, so a handler is blocked in a write when the parent dies.
(async () => {
  try {
    for await (const _ of worker.stream("seqStream", { count: 1_000_000, size: 65536 })) {
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch {}
})();
await new Promise((r) => setTimeout(r, 300));
emit({ event: "ready", workerPid: pid });
setInterval(() => {}, 1 << 30);
