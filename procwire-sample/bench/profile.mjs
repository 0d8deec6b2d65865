#!/usr/bin/env node
// Drives one worker with one workload, over and over, for a while — long enough to attach a profiler —
// and reports what the worker spends per operation: CPU time (all threads, and per thread), context
// switches, and the parent's CPU time. With --jfr (Java worker), records a JFR profile and prints the
// hottest methods.
//
//   node procwire-sample/bench/profile.mjs --worker java --workload seq --seconds 20
//   node procwire-sample/bench/profile.mjs --worker java --workload conc --jfr /tmp/conc.jfr
//   node procwire-sample/bench/profile.mjs --worker java --workload seq --perf /tmp/seq.perf   (perf record -g on the worker)
//   node procwire-sample/bench/profile.mjs --workload echo16 --java-opts -XX:NativeMemoryTracking=summary --jcmd "VM.native_memory summary"
//
// Workers: java, java25 (JDK 25, found as run.mjs finds it), node, c. Workloads: seq, conc, echo16, s1k, s1m, events, arrowEcho, arrowRaw, embeddings (see workloads.mjs).
// Batch and table sizes are those of a full run.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { cpuByThread, cpuMs, defineWorkers, rssMiB, spawnWorker } from "./workers.mjs";
import { ARROW_SIZES, WORKLOADS, declares, verify, verifyArrow } from "./workloads.mjs";

const BATCH = { seq: 5_000, conc: 50_000, echo16: 24, s1k: 100_000, s1m: 1_000, events: 100_000, arrowEcho: 40, arrowRaw: 40, embeddings: 8 };

function parseArgs(argv) {
  const o = { worker: "java", workload: "seq", seconds: 15, javaOpts: [], top: 25 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    switch (a) {
      case "--worker": o.worker = v(); break;
      case "--workload": o.workload = v(); break;
      case "--seconds": o.seconds = Number(v()); break;
      case "--batch": o.batch = Number(v()); break;
      case "--java": o.java = v(); break;
      case "--java-opts": o.javaOpts = v().split(/\s+/).filter(Boolean); break;
      case "--jar": o.jar = v(); break;
      case "--node-worker": o.nodeWorker = v(); break;
      case "--jfr": o.jfr = v(); break;
      case "--perf": o.perf = v(); break;
      case "--top": o.top = Number(v()); break;
      case "--jcmd": o.jcmd = v(); break;
      default:
        console.error(`unknown option ${a}; see the header of ${process.argv[1]}`);
        process.exit(2);
    }
  }
  return o;
}

/** Voluntary + involuntary context switches per thread name (digits folded, as in cpuByThread). */
function contextSwitchesByThread(pid) {
  const out = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const s = readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
      const name = /Name:\s+(.*)/.exec(s)[1].replace(/\d+/g, "n");
      const n = Number(/voluntary_ctxt_switches:\s+(\d+)/.exec(s)[1]) + Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(s)[1]);
      out[name] = (out[name] ?? 0) + n;
    } catch {
      // the thread ended
    }
  }
  return out;
}

const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const wl = WORKLOADS.find((w) => w.key === o.workload);
  if (!wl) throw new Error(`unknown workload ${o.workload}`);
  const javaOpts = [...o.javaOpts];
  if (o.jfr) javaOpts.push(`-XX:StartFlightRecording=filename=${o.jfr},settings=profile,dumponexit=true`);
  const [w] = defineWorkers([o.worker], { java: o.java, javaOpts, cds: false, nodeWorker: o.nodeWorker, jar: o.jar });
  const problem = w.problem();
  if (problem) throw new Error(problem);
  const n = o.batch ?? BATCH[wl.key];

  const s = await spawnWorker(w);
  console.log(`${w.label} pid ${s.pid}: ${wl.key} in batches of ${n} for ${o.seconds} s`);
  try {
    if (!declares(s.mod, wl)) throw new Error(`${w.label} does not implement ${wl.key} (its module declares no ${wl.methods.join(", ")})`);
    await verify(w, s.mod);
    if (wl.arrow) await verifyArrow(w, s.mod);
    await wl.run(s.mod, Math.max(1, n >> 1), ARROW_SIZES); // warm-up
    let perf = null;
    if (o.perf) {
      perf = spawn("perf", ["record", "-F", "999", "-g", "-o", o.perf, "-p", String(s.pid)], { stdio: ["ignore", "inherit", "inherit"] });
      await new Promise((r) => setTimeout(r, 300));
    }
    // The parent's side of the data socket: how many reads (data events) and bytes it took per operation.
    let reads = 0;
    let bytesIn = 0;
    const onData = (chunk) => {
      reads++;
      bytesIn += chunk.length;
    };
    s.mod._socket?.on("data", onData);
    const cpu0 = cpuMs(s.pid);
    const threads0 = cpuByThread(s.pid);
    const cs0 = contextSwitchesByThread(s.pid);
    const p0 = process.cpuUsage();
    const t0 = performance.now();
    let ops = 0;
    const figures = [];
    while (performance.now() - t0 < o.seconds * 1000) {
      figures.push(await wl.run(s.mod, n, ARROW_SIZES));
      ops += n;
    }
    const wall = performance.now() - t0;
    s.mod._socket?.off("data", onData);
    const p1 = process.cpuUsage(p0);
    const cpu = cpuMs(s.pid) - cpu0;
    const cs1 = contextSwitchesByThread(s.pid);
    const cs = sum(cs1) - sum(cs0);
    const threads1 = cpuByThread(s.pid);
    if (perf) {
      perf.kill("SIGINT");
      await new Promise((r) => perf.on("exit", r));
    }
    figures.sort((a, b) => a - b);
    console.log(`batches: ${figures.length}; figure min ${figures[0].toFixed(2)}, median ${figures[figures.length >> 1].toFixed(2)}, max ${figures[figures.length - 1].toFixed(2)}`);
    console.log(`per operation: worker CPU ${((cpu * 1000) / ops).toFixed(2)} µs, parent CPU ${((p1.user + p1.system) / ops).toFixed(2)} µs, worker context switches ${(cs / ops).toFixed(3)}`);
    console.log(`parent data events ${(reads / ops).toFixed(3)} per operation, ${(bytesIn / Math.max(1, reads)).toFixed(0)} bytes each`);
    console.log(`worker CPU ${(cpu / wall * 100).toFixed(0)}% of one core over ${(wall / 1000).toFixed(1)} s; RSS ${rssMiB(s.pid).toFixed(0)} MiB`);
    console.log("worker CPU by thread (µs per operation; context switches per operation):");
    const deltas = Object.entries(threads1)
      .map(([name, ms]) => [name, ms - (threads0[name] ?? 0)])
      .filter(([, ms]) => ms > 0)
      .sort((a, b) => b[1] - a[1]);
    for (const [name, ms] of deltas) {
      const c = ((cs1[name] ?? 0) - (cs0[name] ?? 0)) / ops;
      console.log(`  ${name.padEnd(24)} ${((ms * 1000) / ops).toFixed(2).padStart(10)}  ${c.toFixed(3)}`);
    }
    if (o.jcmd) {
      // e.g. --jcmd "VM.native_memory summary" (with --java-opts -XX:NativeMemoryTracking=summary), or "GC.heap_info"
      console.log(`jcmd ${s.pid} ${o.jcmd}:`);
      console.log(execFileSync("jcmd", [String(s.pid), ...o.jcmd.split(" ")], { encoding: "utf8" }));
    }
  } finally {
    await s.shutdown();
  }
  if (o.jfr) printJfr(o.jfr, o.top);
  if (o.perf) console.log(`perf data: ${o.perf} (perf report -i ${o.perf} --no-children; for JIT frames run with --java-opts "-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit")`);
}

/** The hottest methods of a JFR recording: on top of the stack (self), and anywhere on it (total). */
function printJfr(file, top) {
  if (!existsSync(file)) {
    console.log(`no JFR file at ${file}`);
    return;
  }
  const json = JSON.parse(execFileSync("jfr", ["print", "--json", "--events", "jdk.ExecutionSample", file], { maxBuffer: 1 << 30, encoding: "utf8" }));
  const events = json.recording.events;
  const self = new Map();
  const total = new Map();
  const threads = new Map();
  for (const e of events) {
    const frames = e.values.stackTrace?.frames ?? [];
    const name = (f) => `${f.method.type.name}.${f.method.name}`;
    if (frames.length) self.set(name(frames[0]), (self.get(name(frames[0])) ?? 0) + 1);
    for (const m of new Set(frames.map(name))) total.set(m, (total.get(m) ?? 0) + 1);
    const t = e.values.sampledThread?.javaName ?? e.values.sampledThread?.osName ?? "?";
    const key = t.replace(/\d+/g, "n");
    threads.set(key, (threads.get(key) ?? 0) + 1);
  }
  const show = (title, m) => {
    console.log(`\n${title} (${events.length} samples)`);
    for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`  ${((100 * v) / events.length).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  show("JFR execution samples by thread", threads);
  show("JFR hottest methods, self", self);
  show("JFR hottest methods, total (anywhere on the stack)", total);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
