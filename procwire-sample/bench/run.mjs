#!/usr/bin/env node
// End-to-end benchmark: one real @procwire/core parent drives workers with the same contract — the
// Java BenchWorker on the default JDK and on JDK 25, the reference Node worker (@procwire/client) and a
// C worker that is the floor the protocol and the parent allow — and reports medians, each Java
// worker's ratios to Node and to the C floor, and JDK 25's to the default JDK's.
//
//   mvn -q -o -DskipTests package && (cd procwire-sample && npm ci)   # once
//   node procwire-sample/bench/run.mjs            # full run (a few minutes): BENCHMARKS.md + ratios.svg
//   node procwire-sample/bench/run.mjs --quick    # smoke run (seconds): writes under procwire-sample/target/bench
//
// Run with --help for the options.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { METRICS, formatValue, median, renderMarkdown, renderSvg, spliceSection } from "./report.mjs";
import { NO_JDK25, UsageError, WORKER_KEYS, buildDir, cpuMs, defineWorkers, java25Launcher, moduleFor, rawSpawnToInit, repoRoot, rssMiB,
  spawnWorker, threadCount, trainArchive } from "./workers.mjs";
import { ARROW_SIZES, INFLIGHT, WORKLOADS, declares, verify, verifyArrow } from "./workloads.mjs";
import { runJmh } from "./jmh.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `usage: node procwire-sample/bench/run.mjs [options]
  --quick              tiny counts, one repetition; writes under procwire-sample/target/bench (CI smoke)
  --reps N             throughput repetitions per worker (default 7; quick 1)
  --spawns N           start-up samples per worker (default 9; quick 2)
  --only LIST          workers to run, comma-separated: ${WORKER_KEYS.join(",")} (default all; java25 is
                       left out, with a line saying so, when no JDK 25 is found)
  --workloads LIST     throughput workloads to run, comma-separated: ${WORKLOADS.map((wl) => wl.key).join(",")}
                       (default all); a run of some only prints its table (BENCHMARKS.md holds whole runs)
  --java PATH          the java launcher of the java worker (default $JAVA_HOME/bin/java, else java on PATH)
  --java25 PATH        the JDK 25 of the java25 worker, its home or its java (default $JAVA25_HOME, else
                       /usr/lib/jvm/temurin-25*)
  --java-opts "..."    extra JVM options for both Java workers, after the recommended ones (e.g. "-Xmx64m")
  --jvm-defaults       run the Java workers without the README's recommended JVM options and without
                       class-data sharing: the JVM's defaults, for comparison
  --no-cds             keep the recommended options but skip the class-data sharing archive (and the AOT cache)
  --no-aot             on JDK 25+, use the class-data sharing archive rather than the ahead-of-time cache
  --jar PATH           the Java worker's jar (default procwire-sample/target/procwire-sample.jar), e.g. to compare builds
  --node-worker PATH   the reference Node worker (default procwire-sample/node/reference-bench-worker.mjs)
  --out FILE           the report (default BENCHMARKS.md at the repo root; quick: target/bench/BENCHMARKS.quick.md)
  --svg FILE           the ratio chart (default procwire-sample/bench/ratios.svg; quick: target/bench/ratios.svg)
  --jmh                also run the JMH suite (see procwire-sample/bench/jmh.mjs) and put its results in the report
  --no-write           print the table only
  --render FILE        measure nothing: re-render the report and chart from saved results (a results-*.json)`;

function parseArgs(argv) {
  const o = { quick: false, javaOpts: [], jvmDefaults: false, write: true, jmh: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    switch (a) {
      case "--quick": o.quick = true; break;
      case "--reps": o.reps = positiveInt(a, value()); break;
      case "--spawns": o.spawns = positiveInt(a, value()); break;
      case "--only": o.only = value().split(",").map((s) => s.trim()).filter(Boolean); break;
      case "--workloads": o.workloads = workloadList(value()); break;
      case "--java": o.java = value(); break;
      case "--java25": o.java25 = value(); break;
      case "--java-opts": o.javaOpts = value().split(/\s+/).filter(Boolean); break;
      case "--jvm-defaults": o.jvmDefaults = true; break;
      case "--no-cds": o.cds = false; break;
      case "--no-aot": o.aot = false; break;
      case "--jar": o.jar = path.resolve(value()); break;
      case "--node-worker": o.nodeWorker = path.resolve(value()); break;
      case "--out": o.out = path.resolve(value()); break;
      case "--svg": o.svg = path.resolve(value()); break;
      case "--jmh": o.jmh = true; break;
      case "--no-write": o.write = false; break;
      case "--render": o.render = path.resolve(value()); break;
      case "-h": case "--help": console.log(USAGE); process.exit(0); break;
      default: throw new UsageError(`unknown option ${a}\n${USAGE}`);
    }
  }
  return o;
}

function workloadList(v) {
  const keys = v.split(",").map((s) => s.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !WORKLOADS.some((wl) => wl.key === k));
  if (unknown.length || keys.length === 0) {
    throw new UsageError(`--workloads: unknown workload ${unknown.join(", ") || "(none given)"}; the workloads are ${WORKLOADS.map((wl) => wl.key).join(", ")}`);
  }
  return keys;
}

function positiveInt(name, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, was ${v}`);
  return n;
}

/**
 * Operations per measured run. Each is preceded by warm-up runs of the same work at half size, repeated
 * for at least {@code warmupMs} (one run at least): long enough for a JIT to reach steady state.
 */
function counts(opts) {
  const c = opts.quick
    ? { spawns: 2, reps: 1, seq: 200, conc: 2_000, echo16: 2, s1k: 2_000, s1m: 16, events: 2_000, arrowEcho: 4, arrowRaw: 4,
      embeddings: 4, settleMs: 200, afterMs: 200, warmupMs: 0, arrowRows: 10_000, embRows: 1_000, embDim: ARROW_SIZES.embDim }
    : { spawns: 9, reps: 7, seq: 5_000, conc: 50_000, echo16: 32, s1k: 100_000, s1m: 1_000, events: 100_000, arrowEcho: 40,
      arrowRaw: 40, embeddings: 8, settleMs: 500, afterMs: 2_000, warmupMs: 1_000, ...ARROW_SIZES };
  c.inflight = INFLIGHT;
  if (opts.reps) c.reps = opts.reps;
  if (opts.spawns) c.spawns = opts.spawns;
  return c;
}

/** One start-up sample: spawn → ready under the parent, shutdown → exit, then a bare spawn → $init. */
async function startupSample(w) {
  const s = await spawnWorker(w);
  const r = { spawn: s.readyMs };
  r.shutdown = await s.shutdown();
  r.init = await rawSpawnToInit(w);
  return r;
}

/**
 * One repetition on a fresh worker: RSS and threads idle, every workload its module declares (warm-up, then
 * measured, with the worker's and the parent's CPU time per operation), RSS and threads after the message
 * workloads and after the Arrow ones — each once the worker has settled for {@code afterMs}: what it
 * keeps, not what it lets go of within a second or two (the JVM trims freed native memory every second,
 * and idle pooled buffers are freed after one).
 */
async function throughputRep(w, c, workloads) {
  const s = await spawnWorker(w);
  try {
    await sleep(c.settleMs);
    const r = { rssIdle: rssMiB(s.pid), threadsIdle: threadCount(s.pid) };
    await verify(w, s.mod);
    for (const wl of workloads) {
      if (!declares(s.mod, wl)) continue;
      // RSS before the first Arrow call: the Arrow library and tables (up to 154 MB an answer) would
      // swamp it.
      if (wl.arrow && r.rssAfter === undefined) {
        await sleep(c.afterMs);
        r.rssAfter = rssMiB(s.pid);
        r.threadsAfter = threadCount(s.pid);
        await verifyArrow(w, s.mod);
      }
      const n = c[wl.key];
      const warmUntil = performance.now() + c.warmupMs;
      do {
        await wl.run(s.mod, Math.max(1, Math.floor(n / 2)), c);
      } while (performance.now() < warmUntil);
      const cpu0 = cpuMs(s.pid);
      const p0 = process.cpuUsage();
      r[wl.key] = await wl.run(s.mod, n, c);
      const p1 = process.cpuUsage(p0);
      r[`workerCpu.${wl.key}`] = ((cpuMs(s.pid) - cpu0) * 1000) / n; // µs per operation
      r[`parentCpu.${wl.key}`] = (p1.user + p1.system) / n;
    }
    await sleep(c.afterMs);
    if (r.rssAfter === undefined) {
      r.rssAfter = rssMiB(s.pid);
      r.threadsAfter = threadCount(s.pid);
    } else r.rssArrow = rssMiB(s.pid);
    return r;
  } finally {
    await s.shutdown();
  }
}

/**
 * The workloads each worker that should serve the whole contract cannot run, because its module does
 * not declare their methods (the Java worker's module is generated from BenchWorker, so a method
 * BenchWorker lacks is missing there): one line each on stderr, and {worker key: [workload keys]} for
 * the report. The C floor's gaps are by design and not listed.
 */
async function undeclared(workers) {
  const out = {};
  for (const w of workers.filter((x) => x.full)) {
    const mod = await moduleFor(w, `${w.key}-contract`);
    const missing = WORKLOADS.filter((wl) => !declares(mod, wl));
    if (missing.length === 0) continue;
    out[w.key] = missing.map((wl) => wl.key);
    const methods = [...new Set(missing.flatMap((wl) => wl.methods.filter((m) => !mod.methods.has(m))))];
    log(`${w.label}: its module declares no ${methods.join(", ")}: ${out[w.key].join(", ")} not measured for it${
      w.generatedModule ? " (the module is generated from BenchWorker: add the methods there and rebuild)" : ""}`);
  }
  return out;
}

/**
 * The workers to run: those --only names, else all of them but the JDK 25 one when there is no JDK 25
 * (one line says so; named in --only, its absence is an error).
 */
function chooseWorkers(opts) {
  let keys = opts.only ?? WORKER_KEYS;
  if (!opts.only && !java25Launcher(opts.java25)) {
    log(`${NO_JDK25}; the Java 25 column is left out`);
    keys = keys.filter((k) => k !== "java25");
  }
  return defineWorkers(keys, opts);
}

/** Writes the start-up archive of each Java worker that runs with one (see trainArchive). */
async function trainArchives(workers, workloads, c) {
  for (const w of workers.filter((x) => x.archive)) {
    const t = performance.now();
    await trainArchive(w, async (mod) => {
      await verify(w, mod);
      await verifyArrow(w, mod);
      for (const wl of workloads) {
        if (declares(mod, wl)) await wl.run(mod, Math.max(2, Math.floor(c[wl.key] / 50)), c);
      }
    });
    const what = w.archive.kind === "aot" ? "ahead-of-time cache" : "class-data sharing archive";
    log(`${what} of the ${w.label} worker written in ${fmt(performance.now() - t)} ms`);
  }
}

/** Rotates the order each round, so no worker always runs first or right after the same one. */
function rotated(list, round) {
  return list.map((_, i) => list[(i + round) % list.length]);
}

// ---- the machine ---------------------------------------------------------------------------------

function versionLine(cmd, args, lines = 1) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) return "unavailable";
  // `java -version` prints to stderr, `gcc --version` to stdout.
  return `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, lines).join("; ");
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

/** The path of a command line's files relative to the repository, so a report reads the same from any checkout. */
function commandLine(w) {
  return [w.command, ...w.args].map((a) => a.split(repoRoot + path.sep).join("")).join(" ");
}

function machine(workers) {
  const javas = workers.filter((w) => w.generatedModule);
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
    nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    /** By worker key: `java -version`, and the command the worker ran with. */
    javas: Object.fromEntries(javas.map((w) => [w.key, { version: versionLine(w.command, ["-version"], 3), command: commandLine(w) }])),
    gcc: versionLine("gcc", ["--version"]),
    commit: gitDescribe(),
    loadStart: os.loadavg().map((x) => x.toFixed(2)).join(" "),
  };
}

// ---- main ----------------------------------------------------------------------------------------

const fmt = formatValue;

function log(s) {
  process.stderr.write(s + "\n");
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.render) {
    const result = JSON.parse(readFileSync(opts.render, "utf8"));
    const env = result.env;
    // Results saved before both JDKs ran in one run have one Java worker, its JDK and command in env.java(Command).
    env.javas ??= env.javaCommand ? { java: { version: env.java, command: env.javaCommand } } : {};
    for (const j of Object.values(env.javas)) j.command = j.command.split(repoRoot + path.sep).join("");
    writeReport(result, opts, opts.render, null);
    return;
  }
  const c = counts(opts);
  const workloads = opts.workloads ? WORKLOADS.filter((wl) => opts.workloads.includes(wl.key)) : WORKLOADS;
  if (opts.workloads) opts.write = false;
  const workers = chooseWorkers(opts);
  for (const w of workers) {
    const problem = w.problem();
    if (problem) throw new UsageError(problem);
  }
  const skipped = await undeclared(workers);
  const env = machine(workers);
  const command = ["node", path.relative(process.cwd(), fileURLToPath(import.meta.url)), ...process.argv.slice(2)].join(" ");
  log(`procwire end-to-end benchmark (${opts.quick ? "quick" : "full"}): ${workers.map((w) => w.label).join(", ")}`);
  log(`  ${env.cpu}, ${env.nproc} cores, load ${env.loadStart}; node ${env.node}${
    Object.values(env.javas).map((j) => `; ${j.version}`).join("")}`);

  await trainArchives(workers, workloads, c);

  const samples = Object.fromEntries(workers.map((w) => [w.key, {}]));
  const add = (key, r) => {
    for (const [m, v] of Object.entries(r)) (samples[key][m] ??= []).push(v);
  };
  const t0 = performance.now();

  log(`start-up: ${c.spawns} spawns per worker, interleaved`);
  for (let i = 0; i < c.spawns; i++) {
    for (const w of rotated(workers, i)) {
      const r = await startupSample(w);
      add(w.key, r);
      log(`  ${w.label.padEnd(8)} ready ${fmt(r.spawn)} ms, shutdown ${fmt(r.shutdown)} ms, bare $init ${fmt(r.init)} ms`);
    }
  }
  log(`throughput: ${c.reps} repetition(s) per worker, each on a fresh worker, interleaved`);
  for (let i = 0; i < c.reps; i++) {
    for (const w of rotated(workers, i)) {
      const r = await throughputRep(w, c, workloads);
      add(w.key, r);
      log(`  ${w.label.padEnd(8)} ${METRICS.filter((m) => r[m.key] !== undefined).map((m) => `${m.short} ${fmt(r[m.key])}`).join(", ")}`);
    }
  }
  env.loadEnd = os.loadavg().map((x) => x.toFixed(2)).join(" ");
  env.seconds = ((performance.now() - t0) / 1000).toFixed(0);

  const medians = Object.fromEntries(
    workers.map((w) => [w.key, Object.fromEntries(Object.entries(samples[w.key]).map(([m, v]) => [m, median(v)]))]),
  );
  const labels = Object.fromEntries(workers.map((w) => [w.key, w.label]));
  const result = { env, command, counts: c, quick: opts.quick, workers: workers.map((w) => w.key), labels, samples, medians, skipped };

  mkdirSync(buildDir, { recursive: true });
  const json = path.join(buildDir, `results-${env.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(json, JSON.stringify(result, null, 2));

  console.log(`\n${renderMarkdown(result, { svgRelative: "", rawResults: "" }).table}\n`);
  const jmh = opts.jmh ? runJmh({ quick: opts.quick, log }) : null;
  writeReport(result, opts, json, jmh);
}

/** Writes the results section (and the JMH one, if given) into the report, and the chart. */
function writeReport(result, opts, json, jmh) {
  const quick = result.quick;
  const svgPath = opts.svg ?? (quick ? path.join(buildDir, "ratios.svg") : path.join(here, "ratios.svg"));
  const outPath = opts.out ?? (quick ? path.join(buildDir, "BENCHMARKS.quick.md") : path.join(repoRoot, "BENCHMARKS.md"));
  const md = renderMarkdown(result, {
    svgRelative: path.relative(path.dirname(outPath), svgPath),
    rawResults: path.relative(repoRoot, json),
  });
  if (opts.write) {
    writeFileSync(svgPath, renderSvg(result));
    let doc = existsSync(outPath) ? readFileSync(outPath, "utf8") : "";
    doc = spliceSection(doc, "results", md.section);
    if (jmh) doc = spliceSection(doc, "jmh", jmh);
    writeFileSync(outPath, doc);
    log(`wrote ${path.relative(process.cwd(), outPath)}, ${path.relative(process.cwd(), svgPath)} and ${path.relative(process.cwd(), json)}`);
  }
}

main().catch((e) => {
  console.error(`benchmark failed: ${e instanceof UsageError ? e.message : e?.stack ?? e}`);
  process.exit(1);
});
