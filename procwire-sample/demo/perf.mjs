// The seed example's performance comparison, measured: fibonacci(40) and is_prime(1000000007) computed
// in plain JavaScript inside the parent, against the Java worker called over IPC through both parents.
// A worker time is the whole call as the parent sees it: encode, send, compute, answer, decode.
//
//   node demo/perf.mjs                  # prints the table
//   node demo/perf.mjs --write-readme   # also writes it into README.md between the perf markers
//   node demo/perf.mjs --runs 7         # timed runs per cell (default 5), after one first call
//
// Each cell is the median of the timed runs; the first call of each (JIT warm-up in both the JVM and
// V8, Jackson loading in the JSON-RPC mode) is reported separately, not hidden. JavaScript and the two
// workers take turns run by run, so a change in the machine's load meets all three alike.

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { workerCommand, requireJar, startCoreParent, startStdioParent } from "./parents.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args.includes("--runs") ? args[args.indexOf("--runs") + 1] : 5);
const primeRuns = Math.max(25, runs);
const writeReadme = args.includes("--write-readme");

// The same algorithms the Java worker runs (SeedWorker): naive recursion, trial division by odd numbers.
function fibonacci(n) {
  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}
function isPrime(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

const TASKS = [
  { label: "fibonacci(40)", method: "fibonacci", params: { n: 40 }, expect: 102334155, local: () => fibonacci(40), runs },
  {
    label: "is_prime(1000000007)",
    method: "is_prime",
    params: { n: 1000000007 },
    expect: true,
    local: () => isPrime(1000000007),
    runs: primeRuns,
  },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function timeOnce(fn, expect) {
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  if (value !== expect) throw new Error(`expected ${expect}, got ${value}`);
  return ms;
}

async function startParent(start) {
  const t = performance.now();
  const parent = await start();
  await parent.call("echo", { message: "ready?" });
  return { parent, startup: performance.now() - t };
}

/**
 * Times each task in every contender. The contenders take turns within each round, so a change in
 * the machine's load during the run hits all of them alike.
 */
async function measureAll(contenders) {
  const cells = {};
  for (const task of TASKS) {
    const times = contenders.map(() => []);
    const first = [];
    for (const c of contenders) first.push(await timeOnce(() => c.run(task), task.expect));
    for (let round = 0; round < task.runs; round++) {
      for (let k = 0; k < contenders.length; k++) {
        const i = (round + k) % contenders.length;
        times[i].push(await timeOnce(() => contenders[i].run(task), task.expect));
      }
    }
    cells[task.label] = contenders.map((c, i) => ({ first: first[i], median: median(times[i]) }));
  }
  return cells;
}

function machine() {
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) cpu = line.split(":")[1].trim();
  } catch {
    // not Linux: os.cpus() it is
  }
  // `java -version` answers on stderr; the properties give the exact runtime version and vendor.
  const java = spawnSync(workerCommand, ["-XshowSettings:properties", "-version"], { encoding: "utf8" }).stderr ?? "";
  return {
    cpu,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(0),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java,
    load: os.loadavg().map((x) => x.toFixed(2)).join(", "),
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

function javaVersionLine(text) {
  const m = /java\.runtime\.version = (.+)/.exec(text) ?? /version "([^"]+)"/.exec(text);
  const vendor = /java\.vm\.vendor = (.+)/.exec(text);
  return m ? `${m[1].trim()}${vendor ? ` (${vendor[1].trim()})` : ""}` : text.split("\n")[0].trim();
}

const fmt = (ms) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`);
const ratio = (js, other) => {
  const r = js / other;
  return r >= 1 ? `${r.toFixed(1)}× faster` : `${(1 / r).toFixed(1)}× slower`;
};

requireJar();
const info = machine();
console.error(`measuring (${runs} timed runs per fibonacci cell, ${primeRuns} per is_prime cell)...`);

const parents = [];
for (const start of [startCoreParent, startStdioParent]) {
  const { parent, startup } = await startParent(start); // one at a time: start-up is timed too
  parents.push({ name: parent.name, parent, startup });
}
const contenders = [
  { name: "js", run: (task) => task.local() },
  ...parents.map((p) => ({ name: p.name, run: (task) => p.parent.call(task.method, task.params) })),
];
const cells = await measureAll(contenders);
for (const p of parents) await p.parent.stop();
const loadAfter = os.loadavg().map((x) => x.toFixed(2)).join(", ");

const lines = [];
lines.push(
  `| task | plain JavaScript in the parent | ${parents.map((p) => `Java worker via ${p.name === "@procwire/core" ? "`@procwire/core` (binary data plane)" : "`createStdioChannel` (JSON-RPC on stdio)"}`).join(" | ")} |`,
);
lines.push(`|---|---:|${parents.map(() => "---:").join("|")}|`);
for (const task of TASKS) {
  const [base, ...others] = cells[task.label];
  const rendered = others.map((c) => `**${fmt(c.median)}** (${ratio(base.median, c.median)})`);
  lines.push(`| ${task.label} | **${fmt(base.median)}** | ${rendered.join(" | ")} |`);
}
for (const task of TASKS) {
  lines.push(`| ${task.label}, first call | ${cells[task.label].map((c) => fmt(c.first)).join(" | ")} |`);
}
lines.push(`| worker start-up (spawn → first answer) | — | ${parents.map((p) => fmt(p.startup)).join(" | ")} |`);

const table = lines.join("\n");
const notes = [
  `Median of ${runs} timed runs for fibonacci(40) and ${primeRuns} for is_prime(1000000007), after one first call`,
  `that is shown separately; a worker time includes the whole IPC round trip. Measured ${info.date} on`,
  `${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}; Node ${info.node};`,
  `Java ${javaVersionLine(info.java)}; load average ${info.load} at the start, ${loadAfter} at the end.`,
  `Reproduce: \`node procwire-sample/demo/perf.mjs\` (after \`mvn -q -DskipTests package\` and \`npm --prefix procwire-sample ci\`).`,
].join("\n");

console.log(table + "\n\n" + notes);

if (writeReadme) {
  const readme = join(here, "..", "README.md");
  const text = readFileSync(readme, "utf8");
  const start = "<!-- perf:start -->";
  const end = "<!-- perf:end -->";
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`README.md has no ${start} … ${end} section`);
  writeFileSync(readme, text.slice(0, i + start.length) + "\n" + table + "\n\n" + notes + "\n" + text.slice(j));
  console.error(`wrote the table into ${readme}`);
}
process.exit(0);
