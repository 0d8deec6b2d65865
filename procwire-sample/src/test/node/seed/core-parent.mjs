// Drives the seed worker with the real @procwire/core parent (binary data plane) and prints what it
// observed as one JSON object; the JUnit test (SeedWorkerParentsTest) makes the assertions.
// The worker command comes from PROCWIRE_SEED_WORKER, a JSON array: [command, ...args].

import { Module, ModuleManager } from "@procwire/core";
import { defineSeedWorker } from "../../../../target/classes/META-INF/procwire/typescript/SeedWorker.procwire.mjs";

const [command, ...args] = JSON.parse(process.env.PROCWIRE_SEED_WORKER);
const worker = defineSeedWorker(new Module("seed").executable(command, args).requestTimeout(30_000));
const logs = [];
worker.onEvent("log", (event) => logs.push(event.message));

const manager = new ModuleManager();
manager.register(worker);
await manager.spawn();
const proc = worker.process;
const exited = new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));

const results = {
  add: await worker.send("add", { a: 42, b: 58 }),
  addFractions: await worker.send("add", { a: 0.1, b: 0.2 }),
  multiply: await worker.send("multiply", { a: 12, b: 34 }),
  fibonacci: await worker.send("fibonacci", { n: 30 }),
  fibonacciBare: await worker.send("fibonacci", 10),
  isPrime: await worker.send("is_prime", { n: 1000000007 }),
  isPrimeComposite: await worker.send("is_prime", { n: 1000000008 }),
  sumArray: await worker.send("sum_array", { numbers: Array.from({ length: 1000 }, (_, i) => i + 1) }),
  echo: await worker.send("echo", { message: "Hello from Node.js!" }),
  echoBare: await worker.send("echo", "bare"),
};

async function errorOf(method, params) {
  try {
    return { unexpectedResult: await worker.send(method, params) };
  } catch (e) {
    return { message: e.message, data: e.data };
  }
}
const errors = {
  addString: await errorOf("add", { a: "x", b: 2 }),
  addMissing: await errorOf("add", { a: 1 }),
  fibonacciNegative: await errorOf("fibonacci", { n: -1 }),
  fibonacciFraction: await errorOf("fibonacci", { n: 1.5 }),
  sumArrayElement: await errorOf("sum_array", { numbers: [1, "x"] }),
  echoMissing: await errorOf("echo", {}),
};
// The worker survives bad params: a call after the errors still works.
const afterErrors = await worker.send("add", { a: 1, b: 1 });

const started = Date.now();
await manager.shutdown();
const exit = await exited;
console.log(JSON.stringify({ results, errors, afterErrors, logs, exit, shutdownMs: Date.now() - started }));
process.exit(0);
