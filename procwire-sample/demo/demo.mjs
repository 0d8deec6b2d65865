// The seed example, against the Java worker: the same calls through both Procwire parents.
//   node demo/demo.mjs            # both parents
//   node demo/demo.mjs core       # only @procwire/core (binary data plane)
//   node demo/demo.mjs stdio      # only @procwire/transport createStdioChannel (JSON-RPC on stdio)

import { describeWorker, startCoreParent, startStdioParent } from "./parents.mjs";

const PARENTS = {
  core: { start: startCoreParent, title: "@procwire/core (binary data plane)", ready: "Module ready" },
  stdio: {
    start: startStdioParent,
    title: "@procwire/transport createStdioChannel (JSON-RPC on stdio)",
    ready: "Channel established",
  },
};

async function runExample(key) {
  const { start, title, ready } = PARENTS[key];
  console.log(`Parent: Starting Java worker example with ${title}...`);
  console.log(`Parent: Worker: ${describeWorker()}\n`);

  const parent = await start({ onLog: (message) => console.log(`Parent: [Java Log] ${message}`) });
  console.log(`Parent: ${ready}\n`);

  console.log("=== Basic Operations ===");
  const sum = await parent.call("add", { a: 42, b: 58 });
  console.log(`Parent: add(42, 58) = ${sum}`);
  const product = await parent.call("multiply", { a: 12, b: 34 });
  console.log(`Parent: multiply(12, 34) = ${product}`);

  console.log("\n=== Fibonacci (Java performance) ===");
  const fib30 = await parent.call("fibonacci", { n: 30 });
  console.log(`Parent: fibonacci(30) = ${fib30}`);
  const fib40 = await parent.call("fibonacci", { n: 40 });
  console.log(`Parent: fibonacci(40) = ${fib40}`);

  console.log("\n=== Prime Number Check ===");
  const prime1 = await parent.call("is_prime", { n: 17 });
  console.log(`Parent: is_prime(17) = ${prime1}`);
  const prime2 = await parent.call("is_prime", { n: 1000000007 });
  console.log(`Parent: is_prime(1000000007) = ${prime2}`);

  console.log("\n=== Array Processing ===");
  const numbers = Array.from({ length: 1000 }, (_, i) => i + 1);
  const arraySum = await parent.call("sum_array", { numbers });
  console.log(`Parent: sum_array([1..1000]) = ${arraySum}`);

  console.log("\n=== Echo Test ===");
  const echo = await parent.call("echo", { message: "Hello from Node.js!" });
  console.log(`Parent: echo = "${echo}"`);

  console.log("\n=== Shutdown ===");
  await parent.stop();
  console.log("Parent: Done");
}

const requested = process.argv.slice(2);
const keys = requested.length > 0 ? requested : ["core", "stdio"];
for (const key of keys) {
  if (!PARENTS[key]) {
    console.error(`unknown parent "${key}": use ${Object.keys(PARENTS).join(" or ")}`);
    process.exit(2);
  }
}
try {
  for (const [i, key] of keys.entries()) {
    if (i > 0) console.log("\n" + "-".repeat(72) + "\n");
    await runExample(key);
  }
} catch (error) {
  console.error("Parent: Error:", error?.message ?? error);
  process.exit(1);
}
// @procwire/transport leaves a 2 s kill timer behind after close(), although the worker has exited.
process.exit(0);
