// The parent-made IPC streams beside this file, as @procwire/codecs' arrowCodec serializes a Table
// (tableToIPC(table, "stream")), written with apache-arrow 21.2.0 (the parent's peer dependency):
//   npm install apache-arrow@21 && node generate.mjs <this directory>
// Strings from tableFromArrays are dictionary-encoded; dates are Timestamp(ms) without a zone.
// A Table of columns of unequal lengths pads the short ones with nulls, in a batch of their own: such an
// all-null column is written with empty data and offset buffers (as is an all-null column from makeData).
import {
  tableFromArrays, tableToIPC, vectorFromArray, makeVector, makeData, Table, FixedSizeList, Field, Float32,
  Int64, Int32, Float16, Float64, Bool, Utf8, LargeUtf8, Binary, FixedSizeBinary, TimestampMillisecond, Dictionary,
} from 'apache-arrow';
import fs from 'fs';
const dir = process.argv[2];
const first = tableFromArrays({
  name: ['ada', 'bob', null, 'ada'],
  score: [1.5, null, -2, 1e300],
  n: Int32Array.from([1, -2, 3, 2147483647]),
  id: BigInt64Array.from([1n, -9223372036854775808n, 3n, 9223372036854775807n]),
  f: Float32Array.from([0.5, -1, 3.25, 7]),
  at: [new Date(0), new Date(-1), null, new Date(1700000000123)],
  ok: [true, false, null, true],
});
const second = tableFromArrays({
  name: ['cy', null],
  score: [0, 3],
  n: Int32Array.from([4, 5]),
  id: BigInt64Array.from([4n, 5n]),
  f: Float32Array.from([8, 9]),
  at: [new Date(2), new Date(3)],
  ok: [false, false],
});
const multi = first.concat(second);
console.log('multi', multi.batches.length, 'batches', multi.numRows, 'rows');
fs.writeFileSync(dir + '/parent-multi-batch.arrows', tableToIPC(multi, 'stream'));
const vecType = new FixedSizeList(3, new Field('item', new Float32(), false));
const vectors = vectorFromArray([Float32Array.from([1, 2, 3]), null, Float32Array.from([0.5, 0.25, -1])], vecType);
const emb = new Table({ id: vectorFromArray([0n, 1n, 2n]), vector: vectors });
console.log(emb.schema.fields.map(f => f.name + ':' + f.type).join(', '));
fs.writeFileSync(dir + '/parent-embeddings.arrows', tableToIPC(emb, 'stream'));

// The columns of one row, padded with nulls to the three rows of 'name': a batch of 1 row, then one of 2
// rows in which every other column is all null.
const padded = new Table({
  id: vectorFromArray([1n]),
  i32: vectorFromArray([7], new Int32()),
  f16: vectorFromArray([0.5], new Float16()),
  f32: vectorFromArray([1.5], new Float32()),
  f64: vectorFromArray([2.5], new Float64()),
  ok: vectorFromArray([true], new Bool()),
  s: vectorFromArray(['x'], new Utf8()),
  ls: vectorFromArray(['y'], new LargeUtf8()),
  bin: vectorFromArray([Uint8Array.from([1, 2])], new Binary()),
  fsb: vectorFromArray([Uint8Array.from([3, 4])], new FixedSizeBinary(2)),
  at: vectorFromArray([new Date(5)], new TimestampMillisecond()),
  vec: vectorFromArray([Float32Array.from([1, 2])], new FixedSizeList(2, new Field('item', new Float32(), false))),
  dict: vectorFromArray(['q'], new Dictionary(new Utf8(), new Int32())),
  name: vectorFromArray(['a', 'b', 'c'], new Utf8()),
});
console.log('padded', padded.batches.map((b) => b.numRows), 'rows per batch');
fs.writeFileSync(dir + '/parent-padded.arrows', tableToIPC(padded, 'stream'));
fs.writeFileSync(dir + '/parent-padded-batch.arrows', tableToIPC(new Table(padded.batches[1]), 'stream'));
const nullStrings = makeVector(makeData({ type: new Utf8(), length: 2, nullCount: 2, nullBitmap: new Uint8Array(1) }));
fs.writeFileSync(dir + '/parent-null-strings.arrows', tableToIPC(new Table({ s: nullStrings }), 'stream'));
