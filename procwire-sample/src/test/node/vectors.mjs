// The VectorIndex sample through the real parent and its arrowCodec: a table of items in, column by
// column (Int64 ids, Utf8 labels, fixed-size Float32 vectors); ranked rows out; a table of queries
// answered by a table the handler built; and the mistakes a caller can make.

import { Field, FixedSizeList, Float32, Table, Utf8, makeData, makeVector, vectorFromArray } from "apache-arrow";
import { Module, workerCommand, spawn, settle, run } from "./harness.mjs";
import { defineVectorIndex } from "../../../target/classes/META-INF/procwire/typescript/VectorIndex.procwire.mjs";

/** A fixed-size list column of Float32 vectors, as an ML pipeline hands them over. */
function vectors(rows, name = "item") {
  const dim = rows[0].length;
  const flat = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => flat.set(r, i * dim));
  const child = makeData({ type: new Float32(), length: flat.length, data: flat });
  const type = new FixedSizeList(dim, new Field(name, new Float32(), false));
  return makeVector(makeData({ type, length: rows.length, nullCount: 0, child }));
}

/** A table's rows as plain JSON (Int64 values arrive as BigInt). */
function rowsOf(table) {
  return table.toArray().map((row) =>
    Object.fromEntries(Object.entries(row.toJSON()).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
}

/** What a table looks like: its columns' names and Arrow types, and its rows. */
function describe(settled) {
  if (!settled.ok) return settled;
  const t = settled.raw;
  return {
    ok: true,
    columns: t.schema.fields.map((f) => ({ name: f.name, type: String(f.type) })),
    rows: rowsOf(t),
  };
}

async function settleTable(promise) {
  try {
    return { ok: true, raw: await promise };
  } catch (e) {
    return { ok: false, message: String(e?.message ?? e), data: e?.data ?? null };
  }
}

run(async () => {
  const { command, args } = workerCommand();
  const mod = defineVectorIndex(new Module("vectors").executable(command, args));
  const { manager, errors } = await spawn(mod);
  const out = { spawned: true };

  const items = new Table({
    id: makeVector(new BigInt64Array([10n, 20n, 30n])),
    label: vectorFromArray(["north", "east", "north-east"], new Utf8()),
    vector: vectors([[0, 1, 0], [1, 0, 0], [1, 1, 0]]),
  });
  out.add = await settle(mod.send("add", items));
  out.search = describe(await settleTable(mod.send("search", { vector: [0.1, 1, 0], k: 2 })));
  out.searchMany = describe(await settleTable(mod.send("searchMany", new Table({
    query: vectors([[1, 0, 0], [0, 1, 0], [1, 1, 0]]),
  }))));

  // Mistakes, each answered, none fatal.
  out.missingColumn = await settle(mod.send("add", new Table({
    id: makeVector(new BigInt64Array([1n])), vector: vectors([[1, 0, 0]]),
  })));
  out.wrongType = await settle(mod.send("add", new Table({
    id: vectorFromArray(["1"], new Utf8()), label: vectorFromArray(["x"], new Utf8()), vector: vectors([[1, 0, 0]]),
  })));
  out.badDimension = await settle(mod.send("add", new Table({
    id: makeVector(new BigInt64Array([1n])), label: vectorFromArray(["x"], new Utf8()), vector: vectors([[1, 0]]),
  })));
  out.searchManyWrongColumn = await settle(mod.send("searchMany", new Table({ q: vectors([[1, 0, 0]]) })));
  out.afterMistakes = await settle(mod.send("add", new Table({
    id: makeVector(new BigInt64Array([40n])), label: vectorFromArray(["up"], new Utf8()), vector: vectors([[0, 0, 1]]),
  })));

  await manager.shutdown();
  out.managerErrors = errors;
  return out;
});
