// The three workers the benchmark drives, how to spawn each under a real @procwire/core parent, and
// what the harness reads about a running worker (RSS, CPU time per thread) from /proc.
import { Module, ModuleManager } from "@procwire/core";
import { msgpackCodec, rawCodec } from "@procwire/codecs";
import { arrowCodec } from "@procwire/codecs/arrow";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const here = path.dirname(fileURLToPath(import.meta.url));

/** A problem with how the harness was started (an option, a missing build): its message says the fix. */
export class UsageError extends Error {}

export const sampleDir = path.resolve(here, "..");
export const repoRoot = path.resolve(sampleDir, "..");
/** Build output of the harness (the compiled floor worker, raw results): under target/, never committed. */
export const buildDir = path.join(sampleDir, "target", "bench");

/** The workers a run can drive: the Java worker on the default JDK and on JDK 25, the reference Node worker, the C floor. */
export const WORKER_KEYS = ["java", "java25", "node", "c"];

/** The java launcher: an explicit path, else $JAVA_HOME/bin/java, else java on PATH. */
export function javaLauncher(explicit) {
  if (explicit) return explicit;
  if (process.env.JAVA_HOME) return path.join(process.env.JAVA_HOME, "bin", "java");
  return "java";
}

/** Where JDKs are installed on Debian and Ubuntu; .ci/run looks for JDK 25 there too. */
const JVM_DIR = "/usr/lib/jvm";

/**
 * The java launcher of the JDK 25 worker: {@code explicit} (a JDK home or its java), else
 * $JAVA25_HOME/bin/java, else the first /usr/lib/jvm/temurin-25* with a bin/java; null when none is found.
 */
export function java25Launcher(explicit) {
  const given = explicit ?? process.env.JAVA25_HOME;
  if (given) return existsSync(path.join(given, "bin", "java")) ? path.join(given, "bin", "java") : given;
  const homes = existsSync(JVM_DIR) ? readdirSync(JVM_DIR).filter((d) => d.startsWith("temurin-25")).sort() : [];
  const home = homes.find((d) => existsSync(path.join(JVM_DIR, d, "bin", "java")));
  return home ? path.join(JVM_DIR, home, "bin", "java") : null;
}

/** Why there is no java25 worker, and how to give it one. */
export const NO_JDK25 = `no JDK 25 found: give --java25 PATH (a JDK home or its bin/java), set JAVA25_HOME, or install one under ${JVM_DIR}/temurin-25*`;

/**
 * The JVM options the README recommends for a worker process (section "Running a worker"), used for
 * the Java worker unless --jvm-defaults is given: the serial collector and a small young generation
 * (a worker's requests make short-lived garbage; this keeps its memory flat), malloc'd memory the JVM
 * freed given back to the OS every second (JDK 17.0.9+), no hsperfdata file (created at start-up and
 * deleted at exit), and JVM warnings on stderr, never on the stdout the parent reads. Class-data
 * sharing (or JDK 25's ahead-of-time cache) is added by {@link defineWorkers}.
 */
export const RECOMMENDED_JVM_OPTIONS = ["-XX:+UseSerialGC", "-Xmn8m", "-XX:TrimNativeHeapInterval=1000", "-XX:-UsePerfData",
  "-Xlog:disable", "-Xlog:all=warning:stderr"];

/**
 * What Arrow Java needs on JDK 17 and newer (arrow-memory-core reads the address of direct buffers from
 * java.nio's internals; on the class path its modules are unnamed). Given even with --jvm-defaults: a
 * worker that serves Arrow methods, as BenchWorker does, cannot do without it. On JDK 17 it turns off
 * the class-data sharing archive's full module graph, a few ms more to `$init` on the benchmark machine.
 */
export const ARROW_JVM_OPTIONS = ["--add-opens=java.base/java.nio=ALL-UNNAMED"];

/**
 * What the README adds for Arrow on JDK 24 and newer: Arrow's memory access through `sun.misc.Unsafe`
 * allowed, without the warning JDK 24+ prints on stderr otherwise (JEP 498).
 */
export const ARROW_JVM_OPTIONS_SINCE_24 = ["--sun-misc-unsafe-memory-access=allow"];

/** The first JDK whose ahead-of-time cache is written by one training run ({@code -XX:AOTCacheOutput}, JEP 514). */
export const AOT_CACHE_SINCE = 25;

/** The feature version of the JDK behind {@code launcher} (17 for "17.0.15"), or 0 if it cannot be told. */
export function javaFeatureVersion(launcher) {
  const r = spawnSync(launcher, ["-version"], { encoding: "utf8" });
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr ?? ""}${r.stdout ?? ""}`);
  if (!m) return 0;
  return m[1] === "1" ? Number(m[2]) : Number(m[1]);
}

/**
 * Where the start-up archive of Java worker {@code key} goes, written by {@link trainArchive}: the
 * ahead-of-time cache ({@code aotCache}: JDK 25 and newer; JEP 483, 514 and 515: classes loaded and
 * linked, and method profiles), else the class-data sharing archive. One file per worker: each
 * belongs to its JDK.
 */
function startupArchive(key, aotCache) {
  if (aotCache) {
    const file = path.join(buildDir, `bench-worker-${key}.aot`);
    return { kind: "aot", file, use: `-XX:AOTCache=${file}`, write: `-XX:AOTCacheOutput=${file}` };
  }
  const file = path.join(buildDir, `bench-worker-${key}.jsa`);
  return { kind: "cds", file, use: `-XX:SharedArchiveFile=${file}`, write: `-XX:ArchiveClassesAtExit=${file}` };
}

/**
 * The Java worker {@code key}, run by {@code launcher} (null: none found) with {@code jvmOptions} and a
 * start-up archive unless {@code cds} is false; labelled with its JDK's feature version. Its
 * {@code problem()} names a launcher that is missing or older than {@code minVersion}, or a missing build.
 */
function javaWorker(key, launcher, { jar, jvmOptions, cds, aot, minVersion = 0, missing }) {
  const version = launcher ? javaFeatureVersion(launcher) : 0;
  const archive = cds ? startupArchive(key, aot && version >= AOT_CACHE_SINCE) : null;
  const main = ["-cp", jar, "dev.procwire.sample.BenchWorker"];
  if (version >= 24) jvmOptions = [...jvmOptions, ...ARROW_JVM_OPTIONS_SINCE_24];
  return {
    key,
    label: version ? `Java ${version}` : "Java",
    command: launcher,
    args: [...jvmOptions, ...(archive ? [archive.use] : []), ...main],
    /** The same worker, started so that it writes the archive (or the cache) when it exits. */
    trainingArgs: archive && [...jvmOptions, archive.write, ...main],
    archive,
    full: true,
    generatedModule: true,
    problem: () => {
      if (!launcher) return missing;
      if (!version) return `cannot run \`${launcher} -version\`: a java launcher (or, for --java25 and JAVA25_HOME, a JDK home) is wanted`;
      if (version < minVersion) return `${launcher} is JDK ${version}; the ${key} worker needs JDK ${minVersion} or newer`;
      return existsSync(jar) && existsSync(generatedBenchWorker) ? null
        : `missing ${path.relative(repoRoot, existsSync(jar) ? generatedBenchWorker : jar)}: run \`mvn -q -o -DskipTests package\` first`;
    },
  };
}

/** The methods the C floor serves (see echo-floor.c); it declares no Arrow method. */
const FLOOR_METHODS = ["echo", "echoRaw", "stream", "emit"];

/**
 * The worker definitions, in {@code keys} order. {@code full} workers implement the whole bench
 * contract (docs/design.md#the-benchmark-worker: echo, echoRaw, stream, emit + event tick, arrowEcho,
 * embeddings); the C floor all but the Arrow methods. {@code java} is the default JDK's launcher (see
 * {@link javaLauncher}), {@code java25} JDK 25's (see {@link java25Launcher}).
 */
export function defineWorkers(keys, { java, java25, javaOpts = [], jvmDefaults = false, cds = !jvmDefaults, aot = true, nodeWorker,
  jar: jarPath } = {}) {
  const jar = jarPath ?? path.join(sampleDir, "target", "procwire-sample.jar");
  const nodeScript = nodeWorker ?? path.join(sampleDir, "node", "reference-bench-worker.mjs");
  const jvm = { jar, jvmOptions: [...(jvmDefaults ? [] : RECOMMENDED_JVM_OPTIONS), ...ARROW_JVM_OPTIONS, ...javaOpts], cds, aot };
  // Functions, so that only the workers asked for cost a `java -version`.
  const all = {
    java: () => javaWorker("java", javaLauncher(java), jvm),
    java25: () => javaWorker("java25", java25Launcher(java25), { ...jvm, minVersion: 25, missing: NO_JDK25 }),
    node: () => ({
      key: "node",
      label: "Node",
      command: process.execPath,
      args: [nodeScript],
      full: true,
      problem: () => (existsSync(nodeScript) ? null : `missing the reference Node worker ${path.relative(repoRoot, nodeScript)}`),
    }),
    c: () => ({
      key: "c",
      label: "C floor",
      command: path.join(buildDir, "echo-floor"),
      args: [],
      methods: FLOOR_METHODS,
      full: false,
      problem: () => compileFloor(),
    }),
  };
  for (const k of keys) {
    if (!all[k]) throw new UsageError(`unknown worker ${k} (known: ${WORKER_KEYS.join(", ")})`);
  }
  return keys.map((k) => all[k]());
}

/**
 * Writes the class-data sharing archive, or on JDK 25+ the ahead-of-time cache, of the Java worker
 * {@code w} ({@code w.archive}): one training run under the parent that takes every path the benchmark
 * takes ({@code exercise(mod)}), ended by {@code $shutdown}, after which the JVM writes what it loaded
 * (the cache: also linked, with method profiles; written before the JVM exits). Later spawns map it
 * instead of loading, verifying and linking each class again. It belongs to this JDK and this jar; it
 * is rewritten on every run.
 */
export async function trainArchive(w, exercise) {
  mkdirSync(buildDir, { recursive: true });
  rmSync(w.archive.file, { force: true });
  rmSync(`${w.archive.file}.config`, { force: true });
  const s = await spawnWorker({ ...w, args: w.trainingArgs, key: `${w.key}-${w.archive.kind}` });
  try {
    await exercise(s.mod);
  } finally {
    await s.shutdown();
  }
  await waitForArchive(w.archive.file, 60_000);
}

/**
 * Waits until the archive at {@code file} is complete. The file appears empty before it is written; JDK
 * 25's cache is written by a child JVM the training JVM starts at exit, which outlives the training
 * JVM if the parent kills it after its shutdown wait (a busy machine), and removes its temporary
 * configuration ({@code file}.config) last. Complete: that file gone, and the archive non-empty and
 * unchanged for half a second.
 */
async function waitForArchive(file, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  let size = -1;
  let stableSince = performance.now();
  for (;;) {
    const now = performance.now();
    const current = existsSync(file) ? statSync(file).size : 0;
    if (current !== size) {
      size = current;
      stableSince = now;
    } else if (size > 0 && !existsSync(`${file}.config`) && now - stableSince >= 500) {
      return;
    }
    if (now > deadline) throw new Error(`the JVM wrote no complete archive at ${file} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Compiles the C floor worker into the build directory; returns a problem description or null. */
function compileFloor() {
  mkdirSync(buildDir, { recursive: true });
  try {
    execFileSync("gcc", ["-O2", "-Wall", "-o", path.join(buildDir, "echo-floor"), path.join(here, "c", "echo-floor.c")], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    return null;
  } catch (e) {
    return `cannot compile the C floor worker with gcc: ${e.message}`;
  }
}

/** The module the processor generated for BenchWorker (written to the class output by the build). */
const generatedBenchWorker = path.join(sampleDir, "target", "classes", "META-INF", "procwire", "typescript",
  "BenchWorker.procwire.mjs");

/** How the parent declares each method of the contract, as the hand-written workers implement it. */
const DECLARATIONS = {
  echo: (mod) => mod.method("echo", { codec: msgpackCodec }),
  echoRaw: (mod) => mod.method("echoRaw", { codec: rawCodec }),
  stream: (mod) => mod.method("stream", { codec: msgpackCodec, response: "stream" }),
  emit: (mod) => mod.method("emit", { codec: msgpackCodec }).event("tick"),
  arrowEcho: (mod) => mod.method("arrowEcho", { codec: arrowCodec }),
  embeddings: (mod) => mod.method("embeddings", { requestCodec: msgpackCodec, responseCodec: arrowCodec }),
};

/**
 * The parent-side module for worker {@code w}. A Java worker's is the one the processor generated
 * from BenchWorker; the reference Node worker and the C floor declare {@code w.methods} (default: the
 * whole contract) as {@link DECLARATIONS} says.
 */
export async function moduleFor(w, name) {
  const mod = new Module(name).executable(w.command, w.args).requestTimeout(120_000);
  if (w.generatedModule) {
    const { defineBenchWorker } = await import(pathToFileURL(generatedBenchWorker).href);
    return defineBenchWorker(mod);
  }
  for (const m of w.methods ?? Object.keys(DECLARATIONS)) DECLARATIONS[m](mod);
  return mod;
}

let spawnCounter = 0;

/** Spawns {@code w} under a fresh manager; resolves once the parent reports it ready. */
export async function spawnWorker(w) {
  const name = `${w.key}-${++spawnCounter}`;
  const mod = await moduleFor(w, name);
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
    /** Shuts the worker down through the parent; resolves with the milliseconds until it exited. */
    async shutdown() {
      const t = performance.now();
      await manager.shutdown(name);
      return performance.now() - t;
    },
  };
}

/**
 * Spawns {@code w} bare (no parent library) and times its first {@code $init} line: the worker's own
 * start-up, without the parent's fixed 100 ms spawn-error wait and its connect. Then sends $shutdown.
 */
export function rawSpawnToInit(w) {
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

/** Resident set size of a process, MiB. */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]) / 1024;
}

/** Threads of a process: its entries under /proc/<pid>/task. */
export function threadCount(pid) {
  return readdirSync(`/proc/${pid}/task`).length;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process (all threads), ms. */
export function cpuMs(pid) {
  return statTimes(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

/** CPU time per thread name (threads of one name summed; digits folded: "GC Thread#3" → "GC Thread#n"), ms. */
export function cpuByThread(pid) {
  const out = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // the thread ended
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/\d+/g, "n");
    out[name] = (out[name] ?? 0) + statTimes(stat);
  }
  return out;
}

function statTimes(stat) {
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // fields 14 and 15: utime, stime
}
