// A real parent with work in flight, waiting to be killed with SIGKILL by the test.
import { emit, sleep, spawnFault } from "./common.mjs";

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
// Wait until all nine handlers are running (on a busy machine the first requests can take a while).
let active = 0;
for (let k = 0; k < 600 && active < 9; k++) {
  active = (await worker.send("stats")).active;
  if (active < 9) await sleep(50);
}
emit({ event: "ready", workerPid: pid, active });
setInterval(() => {}, 1 << 30);
