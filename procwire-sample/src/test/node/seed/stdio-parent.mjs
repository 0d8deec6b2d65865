// Drives the seed worker with the real @procwire/transport stack (line-delimited JSON-RPC on stdio)
// and prints what it observed as one JSON object; the JUnit test (SeedWorkerParentsTest) makes the
// assertions. Two parents, as users write them:
//   1. createStdioChannel, exactly as the original seed example: requests, notifications, and the
//      `shutdown` notification at the end;
//   2. ProcessManager + ResilientProcessHandle: the package's heartbeat (__heartbeat_ping__) and its
//      graceful shutdown sequence (__shutdown__ → ack → __shutdown_complete__).
// The worker command comes from PROCWIRE_SEED_WORKER, a JSON array: [command, ...args].

import { createStdioChannel, ProcessManager, ResilientProcessHandle } from "@procwire/transport";

const [command, ...args] = JSON.parse(process.env.PROCWIRE_SEED_WORKER);

function within(ms, promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

// ---- 1. createStdioChannel --------------------------------------------------------------------
const channel = await createStdioChannel(command, { args, timeout: 30_000 });
const notifications = [];
let shutdownComplete;
const completed = new Promise((resolve) => (shutdownComplete = resolve));
channel.onNotification((n) => {
  notifications.push(n);
  if (n.method === "__shutdown_complete__") shutdownComplete(n.params);
});
const channelErrors = [];
channel.on("error", (e) => channelErrors.push(String(e?.message ?? e)));

const results = {
  add: await channel.request("add", { a: 42, b: 58 }),
  addFractions: await channel.request("add", { a: 0.1, b: 0.2 }),
  multiply: await channel.request("multiply", { a: 12, b: 34 }),
  fibonacci: await channel.request("fibonacci", { n: 30 }),
  isPrime: await channel.request("is_prime", { n: 1000000007 }),
  isPrimeComposite: await channel.request("is_prime", { n: 1000000008 }),
  sumArray: await channel.request("sum_array", { numbers: Array.from({ length: 1000 }, (_, i) => i + 1) }),
  echo: await channel.request("echo", { message: "Hello from Node.js!" }),
};

async function errorOf(method, params) {
  try {
    return { unexpectedResult: await channel.request(method, params) };
  } catch (e) {
    // The channel rejects with "Request failed"; the JSON-RPC error object is the cause.
    return { message: e.cause?.message, code: e.cause?.code, data: e.cause?.data };
  }
}
const errors = {
  addString: await errorOf("add", { a: "x", b: 2 }),
  fibonacciNegative: await errorOf("fibonacci", { n: -1 }),
  sumArrayElement: await errorOf("sum_array", { numbers: [1, "x"] }),
  echoMissing: await errorOf("echo", {}),
  unknownMethod: await errorOf("divide", { a: 1, b: 2 }),
};

// A notification is run but never answered: its log event arrives, then the next request's answer.
await channel.notify("add", { a: 1, b: 2 });
const afterNotification = await channel.request("echo", { message: "still here" });

await channel.notify("shutdown", {});
const complete = await within(5000, completed, "__shutdown_complete__ after the shutdown notification");
await channel.close();

// ---- 2. ProcessManager + ResilientProcessHandle -------------------------------------------------
const manager = new ProcessManager();
const handle = await manager.spawn("seed", { executablePath: command, args });
const exited = new Promise((resolve) => handle.on("exit", resolve));
const pongs = [];
handle.controlChannel.onNotification((n) => {
  if (n.method === "__heartbeat_pong__") pongs.push(n.params);
});
// A pong's timeout of 10 s: what is checked is that every ping is answered, not how fast on a busy machine.
const resilient = new ResilientProcessHandle(
  handle,
  { heartbeat: { interval: 100, timeout: 10000, maxMissed: 3 }, shutdown: { gracefulTimeoutMs: 5000, exitWaitMs: 100 } },
);
const lifecycle = [];
resilient.on("heartbeatMissed", (e) => lifecycle.push({ heartbeatMissed: e }));
resilient.on("heartbeatDead", (e) => lifecycle.push({ heartbeatDead: e }));
resilient.on("shutdownAcknowledged", (e) => lifecycle.push({ shutdownAcknowledged: e }));
resilient.on("shutdownComplete", (e) => lifecycle.push({ shutdownComplete: e }));
resilient.start();
const managedResult = await resilient.request("fibonacci", { n: 25 });
await within(5000, (async () => { while (pongs.length < 3) await new Promise((r) => setTimeout(r, 20)); })(), "three pongs");
await resilient.shutdown("user_requested");
const exit = await within(5000, exited, "worker exit after __shutdown__");

console.log(JSON.stringify({
  results, errors, afterNotification, complete, channelErrors,
  notifications: notifications.map((n) => ({ method: n.method, params: n.params })),
  managed: { result: managedResult, pongs, lifecycle, exit },
}));
process.exit(0);
