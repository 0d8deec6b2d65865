#!/usr/bin/env node
// End-to-end benchmark: one real @procwire/core parent drives three workers with the same contract —
// the Java BenchWorker, the reference Node worker (@procwire/client) and a C echo worker that is the
// floor the protocol and the parent allow — and reports medians and the Java / Node and Java / C ratios.
//
//   mvn -q -o -DskipTests package && (cd procwire-sample && npm ci)   # once
//   node procwire-sample/bench/run.mjs            # full run (a few minutes): BENCHMARKS.md + ratios.svg
//   node procwire-sample/bench/run.mjs --quick    # smoke run (seconds): writes under procwire-sample/target/bench
//
// Options: --quick, --reps N, --spawns N, --only java,node,c, --java PATH, --java-opts "...",
// --node-worker PATH, --out FILE, --svg FILE, --jmh (also run the JMH suite and include its results),
// --no-write (print only). Run with --help for the list.
import { Module, ModuleManager } from "@procwire/core";
import { msgpackCodec, rawCodec } from "@procwire/codecs";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { METRICS, formatValue, median, renderMarkdown, renderSvg, spliceSection } from "./report.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const sampleDir = path.resolve(here, "..");
const repoRoot = path.resolve(sampleDir, "..");
const buildDir = path.join(sampleDir, "target", "bench");

// ---- options ---------------------------------------------------------------------------------

const USAGE = `usage: node procwire-sample/bench/run.mjs [options]
  --quick              tiny counts, one repetition; writes to procwire-sample/target/bench (CI smoke)
  --reps N             throughput repetitions per worker (default 5; quick 1)
  --spawns N           start-up samples per worker (default 7; quick 2)
  --only LIST          workers to run, comma-separated: java,node,c (default all)
  --java PATH          the java launcher (default $JAVA_HOME/bin/java, else java on PATH)
  --java-opts "..."    extra JVM options for the Java worker (e.g. "-XX:TieredStopAtLevel=1")
  --node-worker PATH   the reference Node worker (default procwire-sample/node/reference-bench-worker.mjs)
  --out FILE           the report (default BENCHMARKS.md at the repo root; quick: target/bench/BENCHMARKS.quick.md)
  --svg FILE           the ratio chart (default procwire-sample/bench/ratios.svg; quick: target/bench/ratios.svg)
  --jmh                also run the JMH suite (mvn -Pjmh) and put its results in the report
  --no-write           print the table only`;

function parseArgs(argv) {
  const o = { quick: false, only: ["java", "node", "c"], javaOpts: [], write: true, jmh: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case "--quick": o.quick = true; break;
      case "--reps": o.reps = positiveInt(a, next()); break;
      case "--spawns": o.spawns = positiveInt(a, next()); break;
      case "--only": o.only = next().split(",").map((s) => s.trim()).filter(Boolean); break;
      case "--java": o.java = next(); break;
      case "--java-opts": o.javaOpts = next().split(/\s+/).filter(Boolean); break;
      case "--node-worker": o.nodeWorker = path.resolve(next()); break;
      case "--out": o.out = path.resolve(next()); break;
      case "--svg": o.svg = path.resolve(next()); break;
      case "--jmh": o.jmh = true; break;
      case "--no-write": o.write = false; break;
      case "-h": case "--help": console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  for (const w of o.only) {
    if (!["java", "node", "c"].includes(w)) throw new Error(`--only: unknown worker ${w}`);
  }
  return o;
}

function positiveInt(name, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, was ${v}`);
  return n;
}

const opts = parseArgs(process.argv.slice(2));

/** Counts per measurement. Each measured run is preceded by a warm-up run of the same work at half size. */
const COUNTS = opts.quick
  ? { spawns: 2, reps: 1, seq: 200, conc: 2_000, inflight: 256, echo16: 2, s1k: 2_000, s1m: 16, events: 2_000, settleMs: 200 }
  : { spawns: 7, reps: 5, seq: 5_000, conc: 50_000, inflight: 256, echo16: 24, s1k: 100_000, s1m: 1_000, events: 100_000, settleMs: 500 };
if (opts.reps) COUNTS.reps = opts.reps;
if (opts.spawns) COUNTS.spawns = opts.spawns;

const MIB = 1 << 20;
/** The small request: a MsgPack map of six fields, the shape of a typical RPC argument. */
const SMALL = { id: 123456, name: "order-123456", price: 19.99, quantity: 3, tags: ["priority", "gift"], paid: true };

// ---- workers ---------------------------------------------------------------------------------

function javaLauncher() {
  if (opts.java) return opts.java;
  if (process.env.JAVA_HOME) return path.join(process.env.JAVA_HOME, "bin", "java");
  return "java";
}

function defineWorkers() {
  const jar = path.join(sampleDir, "target", "procwire-sample.jar");
  const nodeWorker = opts.nodeWorker ?? path.join(sampleDir, "node", "reference-bench-worker.mjs");
  const all = {
    java: {
      key: "java",
      label: "Java",
      command: javaLauncher(),
      args: [...opts.javaOpts, "-cp", jar, "dev.procwire.sample.BenchWorker"],
      full: true,
      check: () => existsSync(jar) || `missing ${path.relative(repoRoot, jar)}: run \`mvn -q -o -DskipTests package\` first`,
    },
    node: {
      key: "node",
      label: "Node",
      command: process.execPath,
      args: [nodeWorker],
      full: true,
      check: () => existsSync(nodeWorker) || `missing the reference Node worker ${path.relative(repoRoot, nodeWorker)}`,
    },
    c: {
      key: "c",
      label: "C floor",
      command: path.join(buildDir, "echo-floor"),
      args: [],
      full: false, // only echo and echoRaw: the floor of the request/response path
      check: () => true,
    },
  };
  return opts.only.map((k) => all[k]);
}

function compileFloor() {
  mkdirSync(buildDir, { recursive: true });
  const src = path.join(here, "c", "echo-floor.c");
  const out = path.join(buildDir, "echo-floor");
  execFileSync("gcc", ["-O2", "-Wall", "-o", out, src], { stdio: "inherit" });
  return out;
}

/** A parent-side module for worker {@code w}: msgpack echo, raw echo and, unless the floor, stream and events. */
function moduleFor(w, name) {
  const mod = new Module(name)
    .executable(w.command, w.args)
    .requestTimeout(120_000)
    .method("echo", { codec: msgpackCodec })
    .method("echoRaw", { codec: rawCodec });
  if (w.full) {
    mod.method("stream", { codec: msgpackCodec, response: "stream" }).method("emit", { codec: msgpackCodec }).event("tick");
  }
  return mod;
}

let spawnCounter = 0;

/** Spawns {@code w} under a fresh manager; resolves when the parent reports it ready. */
async function spawnWorker(w) {
  const name = `${w.key}-${++spawnCounter}`;
  const mod = moduleFor(w, name);
  const manager = new ModuleManager();
  manager.on("error", (e) => console.error(`  [${name}] manager error: ${e?.message ?? e}`));
  manager.register(mod);
  const t0 = performance.now();
  await manager.spawn(name);
  const readyMs = performance.now() - t0;
  return {
    mod,
    readyMs,
    pid: mod.process.pid,
    async shutdown() {
      const t = performance.now();
      await manager.shutdown(name);
      return performance.now() - t;
    },
  };
}

/**
 * Spawns {@code w} bare (no parent library) and times the first {@code $init} line: the worker's own
 * start-up, without the parent's fixed 100 ms spawn-error wait and its connect.
 */
function rawSpawnToInit(w) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(w.command, w.args, { stdio: ["pipe", "pipe", "inherit"] });
    let seen = "";
    let initMs = null;
    p.on("error", reject);
    p.stdout.on("data", (d) => {
      if (initMs !== null) return;
      seen += d;
      if (seen.includes('"$init"')) {
        initMs = performance.now() - t0;
        p.stdin.end('{"jsonrpc":"2.0","method":"$shutdown","params":{}}\n');
      }
    });
    p.on("exit", (code) => (initMs === null ? reject(new Error(`${w.label} exited (${code}) before $init`)) : resolve(initMs)));
  });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb / 1024;
}

// ---- measurements ------------------------------------------------------------------------------

const now = () => performance.now();

async function seqRoundTrip(mod, n) {
  const t0 = now();
  for (let i = 0; i < n; i++) await mod.send("echo", SMALL);
  return ((now() - t0) * 1000) / n; // µs per call
}

async function concurrent(mod, total, inflight) {
  let issued = 0;
  const lane = async () => {
    while (issued < total) {
      issued++;
      await mod.send("echo", SMALL);
    }
  };
  const t0 = now();
  await Promise.all(Array.from({ length: inflight }, lane));
  return total / ((now() - t0) / 1000); // calls/s
}

const BIG = Buffer.alloc(16 * MIB, 0x5a);

async function echo16(mod, n) {
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const back = await mod.send("echoRaw", BIG);
    if (back.length !== BIG.length) throw new Error(`echoRaw returned ${back.length} bytes, sent ${BIG.length}`);
  }
  return (2 * BIG.length * n) / ((now() - t0) / 1000) / 1e9; // GB/s, both directions
}

async function streamChunks(mod, count, size) {
  let chunks = 0;
  let bytes = 0;
  const t0 = now();
  for await (const c of mod.stream("stream", { count, size })) {
    chunks++;
    bytes += c.length;
  }
  const s = (now() - t0) / 1000;
  if (chunks !== count || bytes !== count * size) throw new Error(`stream: got ${chunks} chunks / ${bytes} bytes, wanted ${count} × ${size}`);
  return { chunksPerSec: chunks / s, gbPerSec: bytes / s / 1e9 };
}

async function events(mod, count) {
  let got = 0;
  let done;
  const all = new Promise((r) => (done = r));
  const off = mod.onEvent("tick", () => {
    if (++got === count) done();
  });
  try {
    const t0 = now();
    const n = await mod.send("emit", { count });
    let timer;
    await Promise.race([all, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`emit: ${got} of ${count} events arrived`)), 60_000)))]);
    clearTimeout(timer);
    if (Number(n) !== count) throw new Error(`emit returned ${n}, wanted ${count}`);
    return count / ((now() - t0) / 1000); // events/s
  } finally {
    off();
  }
}

/** Checks that a worker answers correctly before anything is timed. */
async function verify(w, mod) {
  const back = await mod.send("echo", SMALL);
  if (JSON.stringify(back) !== JSON.stringify(SMALL)) throw new Error(`${w.label}: echo returned ${JSON.stringify(back)}`);
  const raw = await mod.send("echoRaw", Buffer.from([1, 2, 3]));
  if (!Buffer.from([1, 2, 3]).equals(raw)) throw new Error(`${w.label}: echoRaw returned ${raw?.toString("hex")}`);
}

/** Runs {@code fn(n)} at half size to warm up (JIT, buffers, the parent's pools), then measures {@code fn(n)}. */
async function warmThenMeasure(fn, n) {
  await fn(Math.max(1, Math.floor(n / 2)));
  return fn(n);
}

/** One repetition on a fresh worker: every throughput figure plus RSS idle and after. */
async function throughputRep(w) {
  const s = await spawnWorker(w);
  try {
    await sleep(COUNTS.settleMs);
    const r = { rssIdle: rssMiB(s.pid) };
    await verify(w, s.mod);
    r.seq = await warmThenMeasure((n) => seqRoundTrip(s.mod, n), COUNTS.seq);
    r.conc = await warmThenMeasure((n) => concurrent(s.mod, n, COUNTS.inflight), COUNTS.conc);
    r.echo16 = await warmThenMeasure((n) => echo16(s.mod, n), COUNTS.echo16);
    if (w.full) {
      r.s1k = (await warmThenMeasure((n) => streamChunks(s.mod, n, 1024), COUNTS.s1k)).chunksPerSec;
      r.s1m = (await warmThenMeasure((n) => streamChunks(s.mod, n, MIB), COUNTS.s1m)).gbPerSec;
      r.events = await warmThenMeasure((n) => events(s.mod, n), COUNTS.events);
    }
    r.rssAfter = rssMiB(s.pid);
    return r;
  } finally {
    await s.shutdown();
  }
}

/** One start-up sample: spawn → ready under the parent, shutdown, and the bare spawn → $init. */
async function startupSample(w) {
  const s = await spawnWorker(w);
  const r = { spawn: s.readyMs };
  r.shutdown = await s.shutdown();
  r.init = await rawSpawnToInit(w);
  return r;
}

/** Rotates the order each round, so no worker always runs first (or right after the same one). */
function rotated(list, round) {
  return list.map((_, i) => list[(i + round) % list.length]);
}

// ---- environment -------------------------------------------------------------------------------

function firstLine(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) return "unavailable";
  // `java -version` prints to stderr, `gcc --version` to stdout.
  return `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n")[0].trim();
}

function javaVersion(java) {
  const r = spawnSync(java, ["-version"], { encoding: "utf8" });
  if (r.error) return "unavailable";
  const lines = r.stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.slice(0, 3).join("; ");
}

function machine(workers) {
  const java = workers.find((w) => w.key === "java");
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    java: java ? javaVersion(java.command) : "not run",
    javaCommand: java ? [java.command, ...java.args].join(" ") : null,
    gcc: firstLine("gcc", ["--version"]),
    commit: gitDescribe(),
    loadStart: os.loadavg().map((x) => x.toFixed(2)).join(" "),
  };
}

function gitDescribe() {
  try {
    const head = execFileSync("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["-C", repoRoot, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return "unknown";
  }
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const workers = defineWorkers();
  if (workers.some((w) => w.key === "c")) compileFloor();
  for (const w of workers) {
    const ok = w.check();
    if (ok !== true) throw new Error(ok);
  }
  const env = machine(workers);
  const command = `node ${path.relative(process.cwd(), fileURLToPath(import.meta.url))}${process.argv.length > 2 ? " " + process.argv.slice(2).join(" ") : ""}`;
  log(`procwire end-to-end benchmark (${opts.quick ? "quick" : "full"}): ${workers.map((w) => w.label).join(", ")}`);
  log(`  ${env.cpu}, ${env.nproc} cores, load ${env.loadStart}; node ${env.node}; ${env.java}`);

  const samples = Object.fromEntries(workers.map((w) => [w.key, {}]));
  const add = (key, r) => {
    for (const [m, v] of Object.entries(r)) (samples[key][m] ??= []).push(v);
  };

  const t0 = now();
  log(`start-up: ${COUNTS.spawns} spawns per worker`);
  for (let i = 0; i < COUNTS.spawns; i++) {
    for (const w of rotated(workers, i)) {
      const r = await startupSample(w);
      add(w.key, r);
      log(`  ${w.label.padEnd(8)} ready ${fmt(r.spawn)} ms, shutdown ${fmt(r.shutdown)} ms, bare $init ${fmt(r.init)} ms`);
    }
  }
  log(`throughput: ${COUNTS.reps} repetition(s) per worker, each on a fresh worker`);
  for (let i = 0; i < COUNTS.reps; i++) {
    for (const w of rotated(workers, i)) {
      const r = await throughputRep(w);
      add(w.key, r);
      log(`  ${w.label.padEnd(8)} ${METRICS.filter((m) => r[m.key] !== undefined).map((m) => `${m.short} ${fmt(r[m.key])}`).join(", ")}`);
    }
  }
  env.loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(" ");
  env.seconds = ((now() - t0) / 1000).toFixed(0);

  const medians = Object.fromEntries(
    workers.map((w) => [w.key, Object.fromEntries(Object.entries(samples[w.key]).map(([m, v]) => [m, median(v)]))]),
  );
  const result = { env, command, counts: COUNTS, quick: opts.quick, workers: workers.map((w) => w.key), samples, medians };

  mkdirSync(buildDir, { recursive: true });
  const json = path.join(buildDir, `results-${env.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(json, JSON.stringify(result, null, 2));

  let jmh = null;
  if (opts.jmh) jmh = runJmh();

  const svgPath = opts.svg ?? (opts.quick ? path.join(buildDir, "ratios.svg") : path.join(here, "ratios.svg"));
  const outPath = opts.out ?? (opts.quick ? path.join(buildDir, "BENCHMARKS.quick.md") : path.join(repoRoot, "BENCHMARKS.md"));
  const md = renderMarkdown(result, { svgRelative: path.relative(path.dirname(outPath), svgPath), rawResults: path.relative(repoRoot, json) });
  console.log("\n" + md.table + "\n");
  if (opts.write) {
    writeFileSync(svgPath, renderSvg(result));
    let doc = existsSync(outPath) ? readFileSync(outPath, "utf8") : "";
    doc = spliceSection(doc, "results", md.section);
    if (jmh) doc = spliceSection(doc, "jmh", jmh);
    writeFileSync(outPath, doc);
    log(`wrote ${path.relative(process.cwd(), outPath)}, ${path.relative(process.cwd(), svgPath)} and ${path.relative(process.cwd(), json)}`);
  }
}

function runJmh() {
  log("JMH: mvn -q -o -Pjmh -pl procwire-runtime -am package, then the benchmarks (several minutes)");
  // Implemented in jmh.mjs; kept out of this file so the end-to-end harness stays readable.
  return null;
}

const fmt = formatValue;

function log(s) {
  process.stderr.write(s + "\n");
}

main().catch((e) => {
  console.error(`benchmark failed: ${e?.stack ?? e}`);
  process.exit(1);
});
