// The parent-made IPC streams beside this file, as @procwire/codecs' arrowCodec serializes a Table
// (tableToIPC(table, "stream")), written with apache-arrow 21.2.0 (the parent's peer dependency):
//   npm install apache-arrow@21 && node generate.mjs <this directory>
// Strings from tableFromArrays are dictionary-encoded; dates are Timestamp(ms) without a zone.
import { tableFromArrays, tableToIPC, vectorFromArray, makeVector, Table, FixedSizeList, Field, Float32 } from 'apache-arrow';
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
