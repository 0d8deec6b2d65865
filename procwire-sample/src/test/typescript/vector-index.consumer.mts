// Compiled by GeneratedTypeScriptTest with tsc --strict --noEmit: every line without @ts-expect-error must
// type-check, and every @ts-expect-error line must be an error.
import { Module } from "@procwire/core";
import {
  Field, FixedSizeList, Float32, Table, Utf8, makeData, makeVector, vectorFromArray,
} from "apache-arrow";
import { defineVectorIndex, VectorIndexClient } from "../../../target/classes/META-INF/procwire/typescript/VectorIndex.procwire.mjs";

const index = new VectorIndexClient(defineVectorIndex(new Module("vectors")));

/** A fixed-size list column of Float32 vectors, as an ML pipeline hands them over. */
function vectors(rows: number[][]) {
  const dim = rows[0].length;
  const flat = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => flat.set(r, i * dim));
  const child = makeData({ type: new Float32(), length: flat.length, data: flat });
  const type = new FixedSizeList(dim, new Field("item", new Float32(), false));
  return makeVector(makeData({ type, length: rows.length, nullCount: 0, child }));
}

export async function use(signal: AbortSignal): Promise<number> {
  const items = new Table({
    id: makeVector(new BigInt64Array([10n, 20n])),
    label: vectorFromArray(["north", "east"], new Utf8()),
    vector: vectors([[0, 1, 0], [1, 0, 0]]),
  });
  const size: number = await index.add(items, { signal });
  const more: number = await index.add(items.batches[0]);
  const hits: Table = await index.search({ vector: [0.1, 1, 0], k: 2 });
  const scores = hits.getChild("score")?.toArray();
  const best: Table = await index.searchMany(new Table({ query: vectors([[1, 0, 0]]) }));

  // @ts-expect-error an Arrow payload is a table, not a list of rows
  await index.add([{ id: 1, label: "x", vector: [1, 0, 0] }]);
  // @ts-expect-error search takes MsgPack: a vector and k, not a table
  await index.search(items);
  // @ts-expect-error an Arrow answer is a Table, not an array of rows
  const first = (await index.search({ vector: [1, 0, 0], k: 1 }))[0];
  // @ts-expect-error add answers how many items the index holds, not a table
  const notTable: Table = await index.add(items);
  return size + more + hits.numRows + (scores?.length ?? 0) + best.numRows + (first ? 1 : 0) + notTable.numRows;
}
