// A 512 MiB stream whose consumer stops reading for a while: the parent's queue fills, it pauses its
// socket, and the worker must wait in its writes. Reports what arrived once reading resumed.
import { emit, sleep, spawnFault } from "./common.mjs";

const COUNT = Number(process.env.CHUNKS ?? 8192);
const SIZE = Number(process.env.CHUNK_SIZE ?? 65536);
const STALL_AT = Number(process.env.STALL_AT ?? 64);
const STALL_MS = Number(process.env.STALL_MS ?? 3000);

const { manager, worker, pid } = await spawnFault();
emit({ event: "started", workerPid: pid });
let received = 0;
let bytes = 0;
let firstBad = -1;
const t0 = performance.now();
for await (const chunk of worker.stream("seqStream", { count: COUNT, size: SIZE })) {
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const seq = Number(view.getBigUint64(0));
  if (firstBad < 0 && (seq !== received || chunk.byteLength !== SIZE || chunk[SIZE - 1] !== (received & 0xff))) {
    firstBad = received;
  }
  received++;
  bytes += chunk.byteLength;
  if (received === STALL_AT) {
    emit({ event: "stall-start", received });
    await sleep(STALL_MS);
    emit({ event: "stall-end" });
  }
}
emit({ event: "done", chunks: received, bytes, firstBad, ms: Math.round(performance.now() - t0) });
await manager.shutdown();
