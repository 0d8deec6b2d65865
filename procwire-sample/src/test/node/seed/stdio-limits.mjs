// Drives the seed worker with the real @procwire/transport parent (createStdioChannel) through what the
// stdio JSON-RPC mode must answer rather than drop, and prints each outcome as one JSON object; the
// JUnit test (SeedWorkerParentsTest) makes the assertions:
//   deepFirst  - the first request, nested deeper than the control plane's 128 levels;
//   longString - a string of 21,000,000 characters (beyond Jackson's default 20,000,000);
//   tooDeep    - a request nested deeper than the worker's 1,000 levels.
// A request the worker does not answer under its id rejects only at the channel's timeout.
// The worker command comes from PROCWIRE_SEED_WORKER, a JSON array: [command, ...args].

import { createStdioChannel } from "@procwire/transport";

const [command, ...args] = JSON.parse(process.env.PROCWIRE_SEED_WORKER);

/** `levels` arrays, one inside the other. */
function nested(levels) {
  let value = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

async function outcome(channel, method, params) {
  try {
    return { result: await channel.request(method, params) };
  } catch (e) {
    // The channel rejects with "Request failed"; the JSON-RPC error object is the cause.
    return e.cause?.code !== undefined ? { code: e.cause.code, message: e.cause.message } : { failed: String(e?.message ?? e) };
  }
}

const channel = await createStdioChannel(command, { args, timeout: 15_000 });
const deepFirst = await outcome(channel, "echo", { message: nested(200) });
const longString = await outcome(channel, "add", { a: "x".repeat(21_000_000), b: 1 });
const tooDeep = await outcome(channel, "echo", { message: nested(1000) }); // + the request and its params: 1,002 levels
await channel.close();

console.log(JSON.stringify({ deepFirst, longString, tooDeep }));
process.exit(0);
