// Interop check for the generated MsgPack codecs, using the parent's real msgpackCodec.
//
//   node roundtrip.mjs <dir of the @procwire/codecs package>
//
// stdin:  {"javaEncoded": {name: base64}}   values written by the generated Java writers
// stdout: {"reencoded": {name: base64},     each decoded by msgpackCodec and encoded again
//          "seen": {name: described},       what JavaScript saw (Dates, bytes and bigints tagged)
//          "fromJs": {name: base64}}        values only JavaScript produces, encoded by msgpackCodec
import path from "node:path";
import { pathToFileURL } from "node:url";

const codecsDir = process.argv[2];
const { msgpackCodec } = await import(pathToFileURL(path.join(codecsDir, "dist", "index.js")).href);

let text = "";
for await (const chunk of process.stdin) text += chunk;
const input = JSON.parse(text);

function hex(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** A JSON view of a decoded value that keeps the JavaScript types JSON would lose. */
function describe(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return { $date: v.toISOString() };
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $bytes: hex(v) };
  if (typeof v === "bigint") return { $bigint: v.toString() };
  if (Array.isArray(v)) return v.map(describe);
  if (v instanceof Map) return { $map: [...v.entries()].map(([k, x]) => [describe(k), describe(x)]) };
  if (typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)]));
  return v;
}

const reencoded = {};
const seen = {};
for (const [name, b64] of Object.entries(input.javaEncoded)) {
  const value = msgpackCodec.deserialize(Buffer.from(b64, "base64"));
  seen[name] = describe(value);
  reencoded[name] = msgpackCodec.serialize(value).toString("base64");
  if (name === "standard") {
    // The string forms as JavaScript's own Date parser reads them.
    seen.standardAsDates = { offset: new Date(value.offset).toISOString(), date: new Date(value.date).toISOString() };
  }
}

// Values as a JavaScript parent builds them: Buffers (ext 1), Dates, numbers at and beyond 2**53,
// integers of every size, object keys that are numbers, a JS Map, undefined, keys Java does not know.
const fromJs = {
  scalars: {
    flag: true, b: -128, s: 300, i: 2 ** 31 - 1, l: 2 ** 53, f: 0.5, d: 3, c: "z",
    boxedFlag: null, boxedByte: undefined, boxedShort: 7, boxedInt: -1, boxedLong: 2 ** 40, boxedFloat: 1,
    boxedDouble: 2 ** 53 + 2, boxedChar: "q", text: "ünïcödé ✓", bytes: Buffer.from([1, 2, 3]),
    buffer: new Uint8Array([4, 5]), at: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678)),
    big: "123456789012345678901234567890", decimal: 0.1, unknown: { ignored: [1, 2, 3] },
  },
  containers: {
    list: ["a"], set: [1, 1, 2], collection: [2 ** 40], arrayList: [1, 2.5], linkedList: [],
    sorted: ["b", "a"], ints: [1, -2], strings: ["x", null], grid: [[1], [2, 3]],
    byName: new Map([["k", 1]]), byNumber: { 1: "one", 2: "two" }, byColor: { GREEN: 5 },
    tree: { "10": "ten", "-1": "minus one" }, nested: [["RED"], []], groups: { g: [{ x: 1, y: 2 }] },
  },
  node: { name: "r", children: [{ name: "c", children: [{ name: "g", children: [] }] }] },
  dynamic: {
    any: {
      buf: Buffer.from([9, 8]), when: new Date(0), big: 2 ** 53, neg: -(2 ** 40),
      arr: [1, "x", null, true, 1.5], nested: { a: { b: { c: [] } } },
    },
    attributes: {}, values: [],
  },
  account: { owner: "js", active: true },
  money: { currency: "JPY", amount: 1500 },
  page: { items: [{ x: 1, y: 2 }], total: 1, first: null },
  color: "GREEN",
  standard: {
    id: "123e4567-e89b-12d3-a456-426614174000", date: "2024-05-01", time: "10:15:30", local: "2024-05-01T10:15:30",
    offset: new Date(Date.UTC(2024, 4, 1, 8, 15, 30, 123)), zoned: new Date(Date.UTC(2024, 4, 1, 8, 15, 30, 123)).toISOString(),
    duration: 1500, period: "P2W", zone: "Europe/Paris", uri: "https://example.com/?q=a%20b",
    colors: ["BLUE", "RED"], labels: { GREEN: "go" },
  },
  keyed: {
    byId: { "123e4567-e89b-12d3-a456-426614174000": "id" }, byDate: { "2024-05-01": 1, "1999-12-31": 2 },
    byTime: { "10:15": "t" }, byDuration: { "PT1.5S": "d" }, byZone: { "Europe/Paris": "z" },
  },
  // A discriminated union as TypeScript writes one, the discriminator anywhere among the keys.
  shapes: [{ radius: 2, type: "circle" }, { type: "Group", group_name: "g", members: [{ side_length: 1, type: "Square" }] }],
  language: "zh-Hans",
  // Types taught by a @WireAdapter: an amount is its string, a spot a {lat, lon} object.
  adaptedOrder: {
    id: "js-1", total: "USD 99.99", lines: ["USD 1.01", null], byName: { gift: "USD 5" }, counts: { "EUR 2": 3 },
    discount: null, shipTo: { lat: 35.68, lon: 139.69 },
  },
};
const fromJsEncoded = Object.fromEntries(
  Object.entries(fromJs).map(([k, v]) => [k, msgpackCodec.serialize(v).toString("base64")]));

process.stdout.write(JSON.stringify({ reencoded, seen, fromJs: fromJsEncoded }));
