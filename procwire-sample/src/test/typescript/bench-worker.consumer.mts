// Compiled by GeneratedTypeScriptTest with tsc --strict --noEmit: every line without @ts-expect-error must
// type-check, and every @ts-expect-error line must be an error.
import { Module } from "@procwire/core";
import { type Table, tableFromArrays } from "apache-arrow";
import { defineBenchWorker, BenchWorkerClient } from "../../../target/classes/META-INF/procwire/typescript/BenchWorker.procwire.mjs";

const bench = new BenchWorkerClient(defineBenchWorker(new Module("bench")));

export async function use(signal: AbortSignal): Promise<number> {
  const echoed: unknown = await bench.echo({ anything: [1, "two"] });
  const raw: Buffer = await bench.echoRaw(Buffer.from("bytes"));
  let bytes = 0;
  for await (const chunk of bench.stream({ count: 3, size: 16 }, { signal })) {
    bytes += chunk?.byteLength ?? 0;
  }
  const count: number = await bench.emit({ count: 2 });
  const slept: string | null = await bench.sleep(5, { signal });
  const ack = await bench.ackThenWork();
  await bench.fireAndForget({ x: 1 });
  bench.onTick((tick) => console.log(tick?.["seq"]));
  // Arrow: what the parent's arrowCodec takes — a Table, a RecordBatch, a plain object of columns — and a Table back
  const table = tableFromArrays({ id: new BigInt64Array([1n, 2n]), score: new Float32Array([0.5, 1.5]) });
  const echoedTable: Table = await bench.arrowEcho(table, { signal });
  const echoedBatch: Table = await bench.arrowEcho(table.batches[0]);
  const echoedObject: Table = await bench.arrowEcho({ ids: [1, 2], scores: new Float32Array([0.5, 1.5]) });
  const embeddings: Table = await bench.embeddings({ rows: 2, dim: 3 });
  const vectors = embeddings.getChild("vector")?.length ?? 0;

  // @ts-expect-error a wrong payload type: the raw codec takes a Buffer
  await bench.echoRaw("text");
  // @ts-expect-error a missing required key: size is a primitive
  bench.stream({ count: 3 });
  // @ts-expect-error an unknown method
  await bench.echoo(1);
  // @ts-expect-error a stream's result used as a single value
  const single: Uint8Array = await bench.stream({ count: 1, size: 1 });
  // @ts-expect-error a wrong use of an event payload: it is a map, not a number
  bench.onTick((tick) => Math.abs(tick));
  // @ts-expect-error an Arrow payload is a table, not a string
  await bench.arrowEcho("ids");
  // @ts-expect-error a missing required key: embeddings takes rows and dim
  await bench.embeddings({ rows: 2 });
  // @ts-expect-error an Arrow answer is a Table, not a Buffer
  const notBytes: Buffer = await bench.arrowEcho(table);
  return bytes + count + raw.length + (slept?.length ?? 0) + (ack ? 1 : 0) + single.length + (echoed ? 1 : 0)
      + echoedTable.numRows + echoedBatch.numRows + echoedObject.numRows + vectors + notBytes.length;
}
